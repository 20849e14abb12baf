import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunInputs } from '../../src/pipeline/step.js';
import { StepPool, type StepPoolOptions } from '../../src/pipeline/step-pool/pool.js';
import { tempDataDir } from '../support/temp-db.js';
import { runOffline } from './fixtures/offline-run.js';
import { STEPS as STAND_INS } from './fixtures/stand-in-steps.js';

type Exit = Parameters<NonNullable<StepPoolOptions['onExit']>>[0];

const inputs: RunInputs = {
  request: { title: '测试', subject: '数学', grade: 3, periodMinutes: null, edition: null, unit: null, classProfile: null },
  materials: [],
  videos: [],
  theme: 'qingsong',
};

let data: ReturnType<typeof tempDataDir>;
let pool: StepPool | null = null;
beforeEach(() => {
  data = tempDataDir();
});
afterEach(async () => {
  await pool?.close();
  data.cleanup();
});

/** A pool of stand-in steps whose thread exits are collected; `next()` waits for the next one (no clock involved). */
function watchedPool(idleMs: number) {
  const exits: Exit[] = [];
  let waiting: ((exit: Exit) => void) | null = null;
  pool = new StepPool({
    database: path.join(data.dir, 'lessonprep.sqlite'),
    filesDir: path.join(data.dir, 'files'),
    steps: new URL('./fixtures/stand-in-steps.ts', import.meta.url),
    idleMs,
    onExit: (exit) => {
      exits.push(exit);
      waiting?.(exit);
      waiting = null;
    },
  });
  return { pool, exits, next: () => new Promise<Exit>((resolve) => (waiting = resolve)) };
}

// Step threads load the steps' TypeScript through tsx: a hang guard for a loaded machine, not a speed target.
describe('idle step threads', { timeout: 120_000 }, () => {
  it('exit after the idle time once their steps are done, and a later run starts a fresh one', async () => {
    const { pool, exits, next } = watchedPool(1);
    const exited = next();
    const first = await runOffline(data, { inputs, steps: STAND_INS.filter((s) => s.id === 'T1'), executor: pool });
    expect(first.outcome.status).toBe('succeeded');
    expect((await exited).why).toBe('idle');
    expect(pool.threadCount).toBe(0);

    const again = next();
    const second = await runOffline(data, { inputs, steps: STAND_INS.filter((s) => s.id === 'T1'), executor: pool });
    expect(second.outcome.status).toBe('succeeded');
    expect((await again).why).toBe('idle');
    expect(exits.map((e) => e.why)).toEqual(['idle', 'idle']);
  });

  it('stay while the idle time has not passed, and end when the pool closes', async () => {
    const { pool, exits } = watchedPool(3_600_000);
    const run = await runOffline(data, { inputs, steps: STAND_INS.filter((s) => s.id === 'T1'), executor: pool });
    expect(run.outcome.status).toBe('succeeded');
    expect(pool.threadCount).toBe(1);
    await pool.close();
    expect(exits.map((e) => e.why)).toEqual(['closed']);
  });
});
