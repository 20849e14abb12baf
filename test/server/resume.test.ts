import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCase, runCase } from '../../eval/run-case.js';
import type { ModelConfig } from '../../src/llm/config.js';
import { packagePath } from '../../src/paths.js';
import type { Results } from '../../src/pipeline/step.js';
import { signedInTeacher } from '../support/accounts.js';
import { api, type Caller, fetchAs, upload, waitForRun } from '../support/http.js';
import { answerLikeOffline, requestedSchema } from '../support/offline-answers.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { startService } from '../support/service.js';
import { freePort, startServiceProcess } from '../support/service-process.js';
import { tempDataDir } from '../support/temp-db.js';

const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const MODEL_DELAY_MS = 300;
let model: OpenAIServer;
let offline: Results;

beforeAll(async () => {
  const scratch = tempDataDir();
  offline = (await runCase(DEMO, { db: scratch.db, store: scratch.store, engine: { kind: 'offline' } })).outcome.results;
  scratch.cleanup();
  model = await startOpenAIServer({ respond: answerLikeOffline(offline), delayMs: MODEL_DELAY_MS });
});
afterAll(() => model.close());

const callsFor = (schema: string) => model.requests.filter((r) => requestedSchema(r) === schema).length;

async function newLessonWithMaterials(base: Caller, title: string): Promise<string> {
  const id = (await api(base, 'POST', '/api/lessons', { title, subject: '数学', grade: 3, edition: '人教版' })).body.id;
  for (const file of ['materials/textbook-p82-84.pdf', 'materials/jiaocan.md']) {
    expect((await upload(base, id, path.join(DEMO, file))).status).toBe(201);
  }
  // The same video details as the demo case, so the scripted model's answers (made from the case) fit.
  const video = loadCase(DEMO).transcripts[0]!;
  const fields = { videoUrl: video.url!, videoTitle: video.title!, videoDurationSec: String(video.durationSec) };
  expect((await upload(base, id, path.join(DEMO, video.file), fields)).status).toBe(201);
  return id;
}

function startChild(dataDir: string, port: number) {
  return startServiceProcess(dataDir, port, {
    RUN_CONCURRENCY: '2',
    LLM_BASE_URL: model.url,
    LLM_MODEL: 'test-model',
    LLM_API_KEY: 'sk-child',
    LLM_STRUCTURED_METHOD: 'jsonSchema',
    LLM_RETRY_BASE_MS: '50',
  });
}

async function waitForStep(base: Caller, runId: string, stepId: string) {
  for (let i = 0; i < 400; i++) {
    const run = (await api(base, 'GET', `/api/runs/${runId}`)).body;
    if (run.steps.find((s: { id: string; status: string }) => s.id === stepId)?.status === 'succeeded') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${stepId} never finished`);
}

describe('a service that is stopped mid-run', () => {
  it.each(['SIGKILL', 'SIGTERM'] as const)('finishes the run after %s and a restart, without redoing finished steps', async (signal) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-resume-'));
    const port = await freePort();
    let child = await startChild(dataDir, port);
    try {
      // The session is in the database: the same sign-in still works after the restart.
      const base = await signedInTeacher(`http://127.0.0.1:${port}`);
      const lessonId = await newLessonWithMaterials(base, `周长 ${signal}`);
      const before = callsFor('teaching_analysis');
      const run = (await api(base, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'openai' })).body;
      await waitForStep(base, run.id, 'T2');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      const code = await exited;
      if (signal === 'SIGTERM') expect(code).toBe(0);

      child = await startChild(dataDir, port);
      const finished = await waitForRun(base, run.id);
      expect(finished.error).toBeNull();
      expect(finished.status).toBe('succeeded');
      // T2's answer was stored before the stop: it was not asked for again.
      expect(callsFor('teaching_analysis') - before).toBe(1);
      const materials = (await api(base, 'GET', `/api/lessons/${lessonId}/materials`)).body;
      expect(materials).toHaveLength(3);
      expect((await fetchAs(base, `/api/lessons/${lessonId}/export/deck.pptx`)).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('two lessons at once', () => {
  it('run side by side in the worker pool', async () => {
    const data = tempDataDir();
    const config: ModelConfig = {
      provider: null,
      baseURL: model.url,
      model: 'test-model',
      apiKey: 'k',
      method: 'jsonMode',
      temperature: 0.5,
      timeoutMs: 20_000,
      maxRetries: 0,
      retryBaseMs: 10,
      concurrency: 8,
    };
    const service = await startService(data.dir, { modelConfig: config, concurrency: 2 });
    try {
      const teacher = await signedInTeacher(service.url);
      const [a, b] = await Promise.all([newLessonWithMaterials(teacher, '甲'), newLessonWithMaterials(teacher, '乙')]);
      const runs = await Promise.all(
        [a, b].map(async (id) => (await api(teacher, 'POST', `/api/lessons/${id}/runs`, {})).body.id as string),
      );
      // While a run is under way (each model call takes 300 ms here), its lesson's materials are fixed.
      const late = await upload(teacher, a, path.join(DEMO, 'materials/jiaocan.md'));
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('run-active');
      const [first, second] = await Promise.all(runs.map((id) => waitForRun(teacher, id)));
      expect([first.status, second.status]).toEqual(['succeeded', 'succeeded']);
      expect(first.startedAt < second.finishedAt && second.startedAt < first.finishedAt).toBe(true);
    } finally {
      await service.stop();
      data.cleanup();
    }
  });
});
