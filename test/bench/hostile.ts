/**
 * The hostile-input part of `npm run bench` (issue 11, "done when"): a lesson
 * with a 100,000-cue subtitle file runs on the compiled service while another
 * client asks `/api/health`; then the run is cancelled mid-step, and the
 * service is killed with SIGKILL during a second run and started again.
 * Reports health latency (p50/max) while the huge run computes, how long
 * cancel takes to end the run, and how long the restarted service takes to
 * answer on its port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { packagePath } from '../../src/paths.js';
import { signedInTeacher } from '../support/accounts.js';
import { api, type Caller, upload } from '../support/http.js';
import { longSubtitles } from '../support/long-subtitles.js';
import { freePort, startServiceProcess } from '../support/service-process.js';

type Report = (label: string, value: string) => void;
const CUES = 100_000;

/** Asks /api/health every 50 ms until `until` settles; returns the latencies. */
async function healthWhile(url: string, until: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  until.finally(() => {
    done = true;
  });
  while (!done) {
    const started = performance.now();
    await fetch(`${url}/api/health`).then((r) => r.arrayBuffer());
    latencies.push(performance.now() - started);
    await sleep(50);
  }
  return latencies;
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms over ${sorted.length} requests`;
};

async function stepStarted(caller: Caller, runId: string, stepId: string): Promise<void> {
  for (;;) {
    const run = (await api(caller, 'GET', `/api/runs/${runId}`)).body;
    if (run.steps.find((s: { id: string; status: string }) => s.id === stepId)?.status !== 'pending') return;
    await sleep(50);
  }
}

async function ended(caller: Caller, runId: string) {
  for (;;) {
    const run = (await api(caller, 'GET', `/api/runs/${runId}`)).body;
    if (!['queued', 'running'].includes(run.status)) return run;
    await sleep(50);
  }
}

export async function benchHostile(report: Report): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-bench-hostile-'));
  const srt = path.join(dataDir, '超长录像.srt');
  const { text, durationSec } = longSubtitles(CUES);
  fs.writeFileSync(srt, text);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { RUN_CONCURRENCY: '2', OCR_ENGINE: 'off' };
  const firstStart = performance.now();
  let child = await startServiceProcess(dataDir, port, env);
  const coldStartMs = performance.now() - firstStart;
  try {
    const teacher = await signedInTeacher(url);
    const lesson = (await api(teacher, 'POST', '/api/lessons', { title: '周长', subject: '数学', grade: 3 })).body.id as string;
    await upload(teacher, lesson, packagePath('eval/cases/demo-shuxue-g3-zhouchang/materials/jiaocan.md'));
    const uploading = upload(teacher, lesson, srt, { videoDurationSec: String(durationSec) });
    const duringUpload = await healthWhile(url, uploading);
    const uploaded = await uploading;
    report(
      `/api/health while a ${CUES.toLocaleString('en-US')}-cue subtitle file (${(text.length / 1e6).toFixed(1)} MB) uploads (HTTP ${uploaded.status})`,
      summary(duringUpload),
    );

    const run = (await api(teacher, 'POST', `/api/lessons/${lesson}/runs`, { engine: 'offline' })).body.id as string;
    await stepStarted(teacher, run, 'V2');
    const cancelAfter = sleep(3000);
    const duringRun = await healthWhile(url, cancelAfter);
    report('/api/health while V1/V2 compute on the 100k cues', summary(duringRun));
    const cancelled = performance.now();
    await api(teacher, 'POST', `/api/runs/${run}/cancel`);
    const afterCancel = await ended(teacher, run);
    report('cancel → run ended', `${(performance.now() - cancelled).toFixed(0)} ms (${afterCancel.status})`);

    const second = (await api(teacher, 'POST', `/api/lessons/${lesson}/runs`, { engine: 'offline' })).body.id as string;
    await stepStarted(teacher, second, 'V2');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const restarted = performance.now();
    child = await startServiceProcess(dataDir, port, env);
    report(
      'kill -9 mid-run, restart → port answers',
      `${(performance.now() - restarted).toFixed(0)} ms (a first start on an empty folder: ${coldStartMs.toFixed(0)} ms; before: never)`,
    );
    const resumed = await ended(teacher, second);
    report('  the interrupted run, taken up again after the restart', `${resumed.status}${resumed.error ? `: ${resumed.error}` : ''}`);
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
