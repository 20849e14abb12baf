import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runs, stepRuns } from '../../src/db/schema.js';
import type { RunEvent } from '../../src/pipeline/events.js';
import type { RunInputs, Step, StepId } from '../../src/pipeline/step.js';
import { tempDataDir } from '../support/temp-db.js';
import { runOffline } from './fixtures/offline-run.js';

const inputs: RunInputs = {
  request: { title: '测试', subject: '数学', grade: 3, periodMinutes: null, edition: null, unit: null, classProfile: null },
  materials: [{ name: 'a.md', sha256: 'x', kind: null }],
  videos: [],
  theme: 'qingsong',
};

/** A step that waits `ms` (or until `until` settles), records that it ran, and outputs its id plus its dependencies' outputs. */
function fakeStep(
  id: StepId,
  needs: StepId[],
  log: string[],
  options: { ms?: number; until?: (log: string[]) => Promise<void>; fail?: boolean; applies?: boolean } = {},
): Step {
  return {
    id,
    stage: 'text',
    phase: 'process',
    title: id,
    summary: id,
    needs,
    prompt: null,
    output: z.object({ value: z.string() }),
    appliesTo: () => options.applies ?? true,
    buildInput: (_inputs, results) => ({
      deps: needs.map((n) => (results as Record<string, { value: string } | undefined>)[n]?.value ?? null),
    }),
    runOffline: async (input) => {
      log.push(`start ${id}`);
      await (options.until ? options.until(log) : sleep(options.ms ?? 5));
      if (options.fail) throw new Error(`${id} broke`);
      log.push(`end ${id}`);
      return { value: `${id}(${(input as { deps: string[] }).deps.join(',')})` };
    },
    runModel: async () => {
      throw new Error('no model in this test');
    },
    warningsOf: () => [],
  };
}

let data: ReturnType<typeof tempDataDir>;
beforeEach(() => {
  data = tempDataDir();
});
afterEach(() => data.cleanup());

async function run(steps: Step[], signal?: AbortSignal, onEvent?: (event: RunEvent) => void) {
  const events: RunEvent[] = [];
  const { runId, outcome } = await runOffline(data, {
    inputs,
    steps,
    signal,
    onEvent: (e) => {
      events.push(e);
      onEvent?.(e);
    },
  });
  return { outcome, events, runId };
}

describe('runPipeline', () => {
  it('runs independent steps concurrently and dependents after their needs', async () => {
    const log: string[] = [];
    // T1 and V1 each end only once both have started, however slow the machine: a runner that ran them one
    // after the other would never finish (the test's timeout says so).
    let bothStarted = () => {};
    const started = new Promise<void>((resolve) => {
      bothStarted = resolve;
    });
    const untilBothStarted = (log: string[]) => {
      if (log.includes('start T1') && log.includes('start V1')) bothStarted();
      return started;
    };
    const steps = [
      fakeStep('T1', [], log, { until: untilBothStarted }),
      fakeStep('V1', [], log, { until: untilBothStarted }),
      fakeStep('T2', ['T1'], log),
      fakeStep('V3', ['T2', 'V1'], log),
    ];
    const { outcome } = await run(steps);
    expect(outcome.status).toBe('succeeded');
    // T1 and V1 both start before either ends.
    expect(log.slice(0, 2).sort()).toEqual(['start T1', 'start V1']);
    expect(log.indexOf('start T2')).toBeGreaterThan(log.indexOf('end T1'));
    expect(log.indexOf('start V3')).toBeGreaterThan(log.indexOf('end T2'));
    expect((outcome.results as Record<string, { value: string }>).V3!.value).toBe('V3(T2(T1()),V1())');
  });

  it('reuses every stored artifact when nothing changed: no step runs twice', async () => {
    const log: string[] = [];
    const steps = [fakeStep('T1', [], log), fakeStep('T2', ['T1'], log)];
    await run(steps);
    log.length = 0;
    const { outcome, events } = await run(steps);
    expect(outcome.status).toBe('succeeded');
    expect(log).toEqual([]);
    expect(events.filter((e) => e.type === 'step').map((e) => (e as { status: string }).status)).toEqual(['cached', 'cached']);
  });

  it('resumes after a failure from the steps that finished', async () => {
    const log: string[] = [];
    const broken = [fakeStep('C1', [], log), fakeStep('C2', ['C1'], log, { fail: true }), fakeStep('C3', ['C2'], log)];
    const first = await run(broken);
    expect(first.outcome.status).toBe('failed');
    expect(first.outcome.error?.message).toBe('C2 broke');
    const rows = data.db
      .select()
      .from(stepRuns)
      .all()
      .filter((r) => r.runId === first.runId);
    expect(Object.fromEntries(rows.map((r) => [r.stepId, r.status]))).toEqual({ C1: 'succeeded', C2: 'failed', C3: 'cancelled' });

    log.length = 0;
    const fixed = [fakeStep('C1', [], log), fakeStep('C2', ['C1'], log), fakeStep('C3', ['C2'], log)];
    const second = await run(fixed);
    expect(second.outcome.status).toBe('succeeded');
    expect(log).toEqual(['start C2', 'end C2', 'start C3', 'end C3']);
  });

  it('skips steps that do not apply and runs their dependents without them', async () => {
    const log: string[] = [];
    const steps = [fakeStep('V1', [], log, { applies: false }), fakeStep('T1', [], log), fakeStep('C1', ['T1', 'V1'], log)];
    const { outcome, events } = await run(steps);
    expect(outcome.status).toBe('succeeded');
    expect(events.find((e) => e.type === 'step' && e.stepId === 'V1')).toMatchObject({ status: 'skipped' });
    expect((outcome.results as Record<string, { value: string }>).C1!.value).toBe('C1(T1(),)');
  });

  it('stops starting steps once cancelled and records the run as cancelled', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const steps = [fakeStep('T1', [], log, { ms: 40 }), fakeStep('T2', ['T1'], log)];
    // Cancelled while T1 runs, whatever the machine's speed: T2 can only start after T1.
    const { outcome, runId } = await run(steps, controller.signal, (event) => {
      if (event.type === 'step' && event.stepId === 'T1' && event.status === 'started') controller.abort();
    });
    expect(outcome.status).toBe('cancelled');
    expect(log).not.toContain('start T2');
    expect(
      data.db
        .select()
        .from(runs)
        .all()
        .find((r) => r.id === runId)?.status,
    ).toBe('cancelled');
  });
});
