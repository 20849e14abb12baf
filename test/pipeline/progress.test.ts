import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCase } from '../../eval/run-case.js';
import { progressPrinter } from '../../src/cli/progress.js';
import type { ModelConfig } from '../../src/llm/config.js';
import { ResponseCache } from '../../src/llm/response-cache.js';
import { packagePath } from '../../src/paths.js';
import type { RunEvent } from '../../src/pipeline/events.js';
import type { Results } from '../../src/pipeline/step.js';
import { answerLikeOffline, requestedSchema } from '../support/offline-answers.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { tempDataDir } from '../support/temp-db.js';

const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
let server: OpenAIServer;
let data: ReturnType<typeof tempDataDir>;

beforeAll(async () => {
  data = tempDataDir();
  const offline: Results = (await runCase(DEMO, { db: data.db, store: data.store, engine: { kind: 'offline' } })).outcome.results;
  const answer = answerLikeOffline(offline);
  let analysisRequests = 0;
  // T2's first request hangs far past the client's timeout; the retry is answered.
  server = await startOpenAIServer({
    respond: (request) =>
      requestedSchema(request) === 'teaching_analysis' && analysisRequests++ === 0 ? { hangMs: 60_000 } : answer(request),
  });
});
afterAll(async () => {
  await server.close();
  data.cleanup();
});

describe('a step waiting on a model', () => {
  it('reports each request, each retry and why, with the time so far, in the run events and the CLI', async () => {
    const config: ModelConfig = {
      provider: null,
      baseURL: server.url,
      model: 'test-model',
      apiKey: 'k',
      method: 'jsonSchema',
      temperature: 0.3,
      timeoutMs: 300,
      maxRetries: 2,
      retryBaseMs: 10,
      concurrency: 4,
    };
    const { outcome, events } = await runCase(DEMO, {
      db: data.db,
      store: data.store,
      engine: { kind: 'openai-compatible', config, cache: new ResponseCache(data.db) },
    });
    expect(outcome.error).toBeNull();
    const t2 = events.filter((e): e is Extract<RunEvent, { type: 'progress' }> => e.type === 'progress' && e.stepId === 'T2');
    expect(t2.map((e) => [e.activity, e.attempt])).toEqual([
      ['waiting-model', 1],
      ['retrying', 1],
      ['waiting-model', 2],
    ]);
    const retry = t2[1]!;
    expect(retry).toMatchObject({ lastError: '超时', waitMs: expect.any(Number) });
    // The first request was out for at least the client's timeout before the retry was announced.
    expect(retry.elapsedMs).toBeGreaterThanOrEqual(300);

    const lines: string[] = [];
    const print = progressPrinter((line) => lines.push(line));
    for (const event of events) print(event);
    expect(lines).toContainEqual(expect.stringMatching(/^↻ T2 教学分析 {2}已 [\d.]+ (ms|s) {2}第 1 次重试，上次：超时/));
    expect(lines).toContainEqual(expect.stringMatching(/^… T2 教学分析 {2}已 .* {2}等待模型回答（第 2 次请求）$/));
  });
});
