import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCase } from '../../eval/run-case.js';
import { signedInTeacher } from '../support/accounts.js';
import { DEMO, demoOfflineResults } from '../support/demo-offline.js';
import { api, type Caller, fetchAs, upload, waitForRun } from '../support/http.js';
import { answerLikeOffline, requestedSchema } from '../support/offline-answers.js';
import { type ChatRequest, type OpenAIServer, type Reply, startOpenAIServer } from '../support/openai-server.js';
import { freePort, startServiceProcess } from '../support/service-process.js';

/**
 * Runs in `npm start`'s service (the compiled program in a child process, killed for real). The tests
 * never assume how fast anything is: where a test needs the run at a given point, the local model holds
 * back the answer that point waits on until the test lets it go.
 */
let model: OpenAIServer;
let answer: (request: ChatRequest) => Reply;
/** Answers held back, by schema name: each request for one waits until the test releases it. */
const holds = new Map<string, { arrived: (request: ChatRequest) => void; released: Promise<void> }>();

beforeAll(async () => {
  answer = answerLikeOffline(await demoOfflineResults());
  model = await startOpenAIServer({
    respond: async (request) => {
      const hold = holds.get(requestedSchema(request) ?? '');
      if (hold) {
        hold.arrived(request);
        await hold.released;
      }
      return answer(request);
    },
  });
});
afterAll(() => model.close());

/** Holds back the answers for `schema` until `release()`; `arrivals(n)` resolves once n requests for it wait. */
function holdAnswers(schema: string) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const waiting: ChatRequest[] = [];
  const watchers: { n: number; resolve: () => void }[] = [];
  holds.set(schema, {
    released,
    arrived: (request) => {
      waiting.push(request);
      for (const w of watchers) if (waiting.length >= w.n) w.resolve();
    },
  });
  return {
    arrivals: (n: number) => new Promise<void>((resolve) => (waiting.length >= n ? resolve() : watchers.push({ n, resolve }))),
    release() {
      holds.delete(schema);
      release();
    },
  };
}

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

// Service processes start and whole runs finish in each test: a hang guard for a loaded 2-core machine, not a speed target.
describe('a service that is stopped mid-run', { timeout: 240_000 }, () => {
  it.each(['SIGKILL', 'SIGTERM'] as const)('finishes the run after %s and a restart, without redoing finished steps', async (signal) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-resume-'));
    const port = await freePort();
    let child = await startChild(dataDir, port);
    // T3 (lesson_design) needs T2: once its request waits here, T2's answer is stored and the run is mid-way.
    const design = holdAnswers('lesson_design');
    try {
      // The session is in the database: the same sign-in still works after the restart.
      const base = await signedInTeacher(`http://127.0.0.1:${port}`);
      const lessonId = await newLessonWithMaterials(base, `周长 ${signal}`);
      const [analysisBefore, designBefore] = [callsFor('teaching_analysis'), callsFor('lesson_design')];
      const run = (await api(base, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'openai' })).body;
      await design.arrivals(1);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      const code = await exited;
      if (signal === 'SIGTERM') expect(code).toBe(0);
      design.release();

      child = await startChild(dataDir, port);
      const finished = await waitForRun(base, run.id);
      expect(finished.error).toBeNull();
      expect(finished.status).toBe('succeeded');
      // T2's answer was stored before the stop: it was not asked for again; T3, under way at the stop, was.
      expect(callsFor('teaching_analysis') - analysisBefore).toBe(1);
      expect(callsFor('lesson_design') - designBefore).toBe(2);
      const materials = (await api(base, 'GET', `/api/lessons/${lessonId}/materials`)).body;
      expect(materials).toHaveLength(3);
      expect((await fetchAs(base, `/api/lessons/${lessonId}/export/deck.pptx`)).status).toBe(200);
    } finally {
      design.release();
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('two lessons at once', { timeout: 240_000 }, () => {
  it('run side by side in the worker pool', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-two-runs-'));
    const port = await freePort();
    const child = await startChild(dataDir, port);
    // Both runs start with T2 (teaching_analysis): with both of its requests waiting here, the runs are under way together.
    const analysis = holdAnswers('teaching_analysis');
    try {
      const teacher = await signedInTeacher(`http://127.0.0.1:${port}`);
      const [a, b] = await Promise.all([newLessonWithMaterials(teacher, '甲'), newLessonWithMaterials(teacher, '乙')]);
      const runs = await Promise.all(
        [a, b].map(async (id) => (await api(teacher, 'POST', `/api/lessons/${id}/runs`, { engine: 'openai' })).body.id as string),
      );
      await analysis.arrivals(2);
      // A file added while a run is under way is for the next run, and the answer says so.
      const extra = path.join(dataDir, '补充.md');
      fs.writeFileSync(extra, '# 补充\n\n正方形的周长 = 边长 × 4。\n');
      const late = await upload(teacher, a, extra);
      expect(late.status).toBe(201);
      expect(late.body.runUnderWay?.id).toBe(runs[0]);
      expect(late.body.notice).toContain('下一次生成');
      analysis.release();
      const [first, second] = await Promise.all(runs.map((id) => waitForRun(teacher, id)));
      expect([first.status, second.status]).toEqual(['succeeded', 'succeeded']);
      expect(first.materials.map((m: { name: string }) => m.name)).not.toContain('补充.md');
      expect(first.startedAt < second.finishedAt && second.startedAt < first.finishedAt).toBe(true);
    } finally {
      analysis.release();
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
