import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCase } from '../../eval/run-case.js';
import { artifacts, stepRuns } from '../../src/db/schema.js';
import { LessonPlan } from '../../src/domain/index.js';
import type { ModelConfig, StructuredMethod } from '../../src/llm/config.js';
import { ResponseCache } from '../../src/llm/response-cache.js';
import type { Engine } from '../../src/pipeline/engine.js';
import type { Results } from '../../src/pipeline/step.js';
import { writeLessonFiles } from '../../src/render/lesson-files.js';
import { DEMO, demoOfflineResults } from '../support/demo-offline.js';
import { answerLikeOffline } from '../support/offline-answers.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { tempDataDir } from '../support/temp-db.js';

const API_KEY = 'sk-lessonprep-test-9f8e7d6c5b4a';
let server: OpenAIServer;
let offline: Results;

beforeAll(async () => {
  offline = await demoOfflineResults();
  server = await startOpenAIServer({ apiKey: API_KEY, respond: answerLikeOffline(offline) });
});
afterAll(() => server.close());

function engineFor(method: StructuredMethod, data: ReturnType<typeof tempDataDir>): Engine {
  const config: ModelConfig = {
    provider: null,
    baseURL: server.url,
    model: 'local-test-model',
    apiKey: API_KEY,
    method,
    temperature: 0.3,
    timeoutMs: 10_000,
    maxRetries: 1,
    retryBaseMs: 10,
    concurrency: 4,
  };
  return { kind: 'openai-compatible', config, cache: new ResponseCache(data.db) };
}

/** Every file under `dir`, recursively, as text (binary files too: a key would show up in them as bytes). */
function allText(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name)).toString('latin1'))
    .join('\n');
}

describe.each(['jsonSchema', 'functionCalling', 'jsonMode'] as const)('the openai-compatible engine over HTTP (%s)', (method) => {
  const data = tempDataDir();
  afterAll(() => data.cleanup());

  it('asks the model for the six model steps, validates and records tokens', async () => {
    const before = server.requests.length;
    const { outcome, events } = await runCase(DEMO, { db: data.db, store: data.store, engine: engineFor(method, data) });
    expect(outcome.error).toBeNull();
    const calls = server.requests.slice(before);
    expect(calls.map((r) => r.method)).toEqual(Array(6).fill(method));
    const finished = events.flatMap((e) => (e.type === 'step' && e.status === 'finished' ? [e] : []));
    const modelSteps = finished
      .filter((e) => e.modelCalls > 0)
      .map((e) => e.stepId)
      .sort();
    expect(modelSteps).toEqual(['C1', 'C2', 'T2', 'T3', 'V2', 'V3']);
    for (const e of finished.filter((x) => x.modelCalls > 0)) expect(e.inputTokens).toBeGreaterThan(0);
    const plan = LessonPlan.parse(outcome.results.T3);
    expect(plan.provenance).toMatchObject({ engine: 'openai-compatible', model: 'local-test-model', aiUsed: true });
    expect(Object.keys(plan.provenance.promptVersions).sort()).toEqual(['C1', 'C2', 'T2', 'T3', 'V2', 'V3']);
  });

  it('makes no model call the second time, even with the step results gone', async () => {
    const before = server.requests.length;
    const again = await runCase(DEMO, { db: data.db, store: data.store, engine: engineFor(method, data) });
    expect(again.outcome.status).toBe('succeeded');
    data.db.delete(stepRuns).run();
    data.db.delete(artifacts).run();
    const rebuilt = await runCase(DEMO, { db: data.db, store: data.store, engine: engineFor(method, data) });
    expect(rebuilt.outcome.status).toBe('succeeded');
    expect(server.requests.length).toBe(before);
  });

  it('keeps the API key out of the database, the stored files and the outputs', async () => {
    const out = path.join(data.dir, 'out');
    const { outcome } = await runCase(DEMO, { db: data.db, store: data.store, engine: engineFor(method, data) });
    await writeLessonFiles(out, outcome.results, data.store);
    data.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    expect(allText(data.dir)).not.toContain(API_KEY);
  });
});
