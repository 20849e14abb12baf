import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCase } from '../../eval/run-case.js';
import { artifacts, runs, stepRuns } from '../../src/db/schema.js';
import { packagePath } from '../../src/paths.js';
import type { RunEvent } from '../../src/pipeline/events.js';
import { STEPS } from '../../src/pipeline/registry.js';
import type { RunInputs, Step, StepId } from '../../src/pipeline/step.js';
import { StepPool } from '../../src/pipeline/step-pool/pool.js';
import { tempDataDir } from '../support/temp-db.js';
import { runOffline } from './fixtures/offline-run.js';
import { STEPS as STAND_INS } from './fixtures/stand-in-steps.js';

const STAND_IN_MODULE = new URL('./fixtures/stand-in-steps.ts', import.meta.url);
const inputs: RunInputs = {
  request: { title: '测试', subject: '数学', grade: 3, periodMinutes: null, edition: null, unit: null, classProfile: null },
  materials: [],
  videos: [],
  theme: 'qingsong',
};

let data: ReturnType<typeof tempDataDir>;
let pool: StepPool;
beforeEach(() => {
  data = tempDataDir();
});
afterEach(async () => {
  await pool?.close();
  data.cleanup();
});

function standIns(...ids: StepId[]): Step[] {
  return STAND_INS.filter((step) => ids.includes(step.id));
}

function poolFor(options: { memoryMb?: number } = {}) {
  pool = new StepPool({
    database: path.join(data.dir, 'lessonprep.sqlite'),
    filesDir: path.join(data.dir, 'files'),
    steps: STAND_IN_MODULE,
    graceMs: 200,
    ...options,
  });
  return pool;
}

const stepRow = (runId: string, stepId: StepId) =>
  data.db
    .select()
    .from(stepRuns)
    .all()
    .find((r) => r.runId === runId && r.stepId === stepId);

// Each test starts step threads that load the steps' TypeScript through tsx: a hang guard for a loaded machine, not a speed target.
describe('StepPool', { timeout: 180_000 }, () => {
  it('stops a step that computes in a loop when its run is cancelled', async () => {
    const controller = new AbortController();
    const { runId, outcome } = await runOffline(data, {
      inputs,
      steps: standIns('T1', 'V1'),
      executor: poolFor(),
      signal: controller.signal,
      // Cancel once V1 is computing: nothing but terminating its thread can stop it now.
      onEvent: (event) => {
        if (event.type === 'step' && event.stepId === 'V1' && event.status === 'started') controller.abort();
      },
    });
    expect(outcome.status).toBe('cancelled');
    expect(stepRow(runId, 'V1')?.status).toBe('cancelled');
    expect(
      data.db
        .select()
        .from(artifacts)
        .all()
        .map((a) => a.stepId),
    ).not.toContain('V1');
  });

  it('stops a step over its budget, tries it once more, then fails the run saying so', async () => {
    const events: RunEvent[] = [];
    const { outcome } = await runOffline(data, {
      inputs,
      steps: standIns('V1'),
      executor: poolFor(),
      stepBudgetMs: 300,
      onEvent: (event) => events.push(event),
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toContain('替身V1两次超过时间预算');
    expect(events.filter((e) => e.type === 'progress' && e.activity === 'over-budget')).toHaveLength(1);
    expect(data.db.select().from(runs).get()).toMatchObject({ status: 'failed' });
  });

  it('fails a step whose thread runs out of memory twice, naming the limit, and keeps serving other steps', async () => {
    const { runId, outcome } = await runOffline(data, {
      inputs,
      steps: standIns('T1', 'V2'),
      executor: poolFor({ memoryMb: 48 }),
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toContain('替身V2两次未能完成：内存超过 48 MB');
    expect(stepRow(runId, 'T1')?.status).toBe('succeeded');
  });

  it('stops a step that waits (as on a model) without waiting for it', async () => {
    const controller = new AbortController();
    const { runId, outcome } = await runOffline(data, {
      inputs,
      steps: standIns('T2'),
      executor: poolFor(),
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'step' && event.status === 'started') controller.abort();
      },
    });
    expect(outcome.status).toBe('cancelled');
    expect(stepRow(runId, 'T2')?.status).toBe('cancelled');
  });

  it('runs the nine real steps on its threads with the same results as in-process', async () => {
    const demo = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
    const inProcess = await runCase(demo, { db: data.db, store: data.store, engine: { kind: 'offline' } });
    const other = tempDataDir();
    try {
      pool = new StepPool({ database: path.join(other.dir, 'lessonprep.sqlite'), filesDir: path.join(other.dir, 'files') });
      const pooled = await runCase(demo, { db: other.db, store: other.store, engine: { kind: 'offline' }, executor: pool });
      expect(pooled.outcome.status).toBe('succeeded');
      expect(Object.keys(pooled.outcome.artifacts).sort()).toEqual(STEPS.map((s) => s.id).sort());
      const strip = (value: unknown) => JSON.stringify(value, (key, v) => (key === 'createdAt' ? undefined : v));
      expect(strip(pooled.outcome.results.T3)).toBe(strip(inProcess.outcome.results.T3));
      expect(pooled.outcome.results.C3?.slides).toBe(inProcess.outcome.results.C3?.slides);
    } finally {
      await pool.close();
      other.cleanup();
    }
  });
});
