/**
 * The service's part of `npm run bench`: request latency alone and under load,
 * and four pipelines' wall time against the bound set by the model delay and
 * RUN_CONCURRENCY. The service runs as a child process (npm start's entry) so
 * the load generator does not share its event loop.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadCase } from '../../eval/run-case.js';
import { packagePath } from '../../src/paths.js';
import type { Results } from '../../src/pipeline/step.js';
import { signedInTeacher } from '../support/accounts.js';
import { api, authHeaders, type Caller, upload, waitForRun } from '../support/http.js';
import { answerLikeOffline } from '../support/offline-answers.js';
import { startOpenAIServer } from '../support/openai-server.js';
import { freePort, startServiceProcess } from '../support/service-process.js';

const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const RUN_CONCURRENCY = 2;
const PIPELINES = 4;

async function lessonWithMaterials(base: Caller, title: string): Promise<string> {
  const id = (await api(base, 'POST', '/api/lessons', { title, subject: '数学', grade: 3, edition: '人教版' })).body.id as string;
  for (const file of ['materials/textbook-p82-84.pdf', 'materials/jiaocan.md']) await upload(base, id, path.join(DEMO, file));
  const video = loadCase(DEMO).transcripts[0]!;
  await upload(base, id, path.join(DEMO, video.file), {
    videoUrl: video.url!,
    videoTitle: video.title!,
    videoDurationSec: String(video.durationSec),
  });
  return id;
}

/** Requests as the signed-in teacher: every one also looks up her session and checks her access to the lesson. */
async function load(caller: Caller, route: string, seconds: number) {
  const result = await autocannon({
    url: `${typeof caller === 'string' ? caller : caller.url}${route}`,
    headers: authHeaders(caller),
    connections: 10,
    duration: seconds,
  });
  return `${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`;
}

export async function benchService(
  offline: Results,
  chain: number,
  modelDelayMs: number,
  report: (label: string, value: string) => void,
): Promise<void> {
  const model = await startOpenAIServer({ respond: answerLikeOffline(offline), delayMs: modelDelayMs });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startServiceProcess(dataDir, port, {
    RUN_CONCURRENCY: String(RUN_CONCURRENCY),
    LLM_BASE_URL: model.url,
    LLM_MODEL: 'bench-model',
    LLM_API_KEY: 'bench',
    LLM_STRUCTURED_METHOD: 'jsonSchema',
    LLM_CONCURRENCY: '8',
  });
  try {
    const base = await signedInTeacher(url);
    // 1. Latency alone, on a lesson with one finished run.
    const probe = await lessonWithMaterials(base, '基准');
    const probeRun = (await api(base, 'POST', `/api/lessons/${probe}/runs`, { engine: 'offline' })).body.id as string;
    await waitForRun(base, probeRun);
    report('GET /api/lessons/:id, alone (10 connections, 5 s)', await load(base, `/api/lessons/${probe}`, 5));
    report('GET /api/runs/:id, alone', await load(base, `/api/runs/${probeRun}`, 5));

    // 2. The same while four pipelines run against the model server.
    const lessons = await Promise.all(Array.from({ length: PIPELINES }, (_, i) => lessonWithMaterials(base, `并发 ${i + 1}`)));
    const started = performance.now();
    const runIds = await Promise.all(
      lessons.map(async (id) => (await api(base, 'POST', `/api/lessons/${id}/runs`, { engine: 'openai' })).body.id as string),
    );
    const [lessonLoad, runLoad] = await Promise.all([load(base, `/api/lessons/${probe}`, 3), load(base, `/api/runs/${runIds[0]}`, 3)]);
    const finished = await Promise.all(runIds.map((id) => waitForRun(base, id, 120_000)));
    const wall = Math.round(performance.now() - started);
    report(`GET /api/lessons/:id, while ${PIPELINES} pipelines run`, lessonLoad);
    report(`GET /api/runs/:id, while ${PIPELINES} pipelines run`, runLoad);
    const bound = Math.ceil(PIPELINES / RUN_CONCURRENCY) * chain * modelDelayMs;
    report(
      `${PIPELINES} pipelines, RUN_CONCURRENCY=${RUN_CONCURRENCY}, model delay ${modelDelayMs} ms`,
      `${wall} ms wall (${finished.filter((r) => r.status === 'succeeded').length}/${PIPELINES} succeeded)`,
    );
    report(
      `  bound: ⌈${PIPELINES}/${RUN_CONCURRENCY}⌉ × ${chain} chained calls × ${modelDelayMs} ms`,
      `${bound} ms → ratio ${(wall / bound).toFixed(2)}×`,
    );
  } finally {
    child.kill('SIGTERM');
    await model.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
