import type { Db } from '../db/client.js';
import type { IngestedDocument, IngestedTranscript, IngestLimits } from '../ingest/types.js';
import type { FileStore } from '../store/file-store.js';
import { runningCodeVersions } from './code-version/index.js';
import type { Engine } from './engine.js';
import { PROGRESS_EVERY_MS, type RunEvent, type RunEventListener, type StepActivity, type StepStatus } from './events.js';
import { type EngineSpec, loadResults, type StepJob, type StepProgress, type StepReport, storeArtifact } from './execute-step.js';
import { inProcessExecutor, type StepExecutor } from './executor.js';
import { hashOf } from './hash.js';
import { RunRecords } from './records.js';
import type { Results, RunInputs, Step, StepId } from './step.js';
import { StepBudgetError } from './step-errors.js';

export interface RunOptions {
  db: Db;
  store: FileStore;
  engine: Engine;
  inputs: RunInputs;
  /** An existing row in `runs`; the runner moves it through running → succeeded / failed / cancelled. */
  runId: string;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  /** The step definitions to run: `STEPS` from the registry, or a subset or stand-ins in tests. */
  steps: readonly Step[];
  /**
   * Results given instead of computed, e.g. the plan a teacher edited: the step
   * is not run, and the steps after it see the given result as their input, so
   * only what depends on the edit runs again.
   */
  pinned?: Results;
  /** Where the steps run: the CLI and the service pass a `StepPool`; by default they run in-process. */
  executor?: StepExecutor;
  /**
   * How T1 reads a material: the caller's material library (parsed once, on its parse pool; a
   * scan waits for its OCR). Step threads reach it through the pool. Default: parsed where the step runs.
   */
  ingest?: (file: { name: string; bytes: Uint8Array }) => Promise<IngestedDocument>;
  /** Limits on the files T1 reads (the service holds runs to the limits uploads are held to). */
  ingestLimits?: Partial<IngestLimits>;
  /** Wall-clock budget of each step (STEP_BUDGET_SEC); a step past it is stopped and tried once more. */
  stepBudgetMs?: number;
  /** Read every step's result back into `outcome.results` (the default); the service reads only what it needs. */
  collectResults?: boolean;
  /** How V1 reads a recording (mp4, mp3 …): the caller's material library transcribes it (ASR). Default: subtitles only. */
  transcript?: (file: { name: string; bytes: Uint8Array }, options: { durationSec: number | null }) => Promise<IngestedTranscript>;
}

export interface RunOutcome {
  status: 'succeeded' | 'failed' | 'cancelled';
  results: Results;
  /** The artifact each finished step stored. */
  artifacts: Partial<Record<StepId, string>>;
  /** The first failure, as the user should read it. */
  error: Error | null;
}

/** Ten minutes: a model step with four 120 s attempts fits; an offline step that needs this long is broken. */
export const DEFAULT_STEP_BUDGET_MS = 600_000;

/** STEP_BUDGET_SEC from the environment, in milliseconds. */
export function readStepBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.STEP_BUDGET_SEC);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : DEFAULT_STEP_BUDGET_MS;
}

const ZERO_USAGE = { inputTokens: 0, outputTokens: 0, modelCalls: 0 };

/**
 * Runs the nine steps as a dependency graph. A step starts as soon as the
 * steps it needs are done, so the video stage's parsing and chaptering run
 * beside the text stage. Each step runs on the executor (a pool of threads in
 * the CLI and the service), which hashes its input and reuses an artifact
 * stored under that hash: re-runs are free and a killed run resumes from its
 * finished steps. The runner itself only orchestrates and records, so the
 * thread it runs on stays free to answer requests and signals.
 *
 * @example
 * const outcome = await runPipeline({ db, store, engine, inputs, runId, steps: STEPS, executor: pool, onEvent: print });
 */
export async function runPipeline(options: RunOptions): Promise<RunOutcome> {
  const { db, engine, inputs, runId, steps } = options;
  const signal = options.signal ?? new AbortController().signal;
  const executor = options.executor ?? inProcessExecutor({ db, store: options.store, steps });
  const budgetMs = options.stepBudgetMs ?? DEFAULT_STEP_BUDGET_MS;
  const records = new RunRecords(db, runId);
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const stepEvent = (stepId: StepId, status: StepStatus, extra: Partial<Extract<RunEvent, { type: 'step' }>> = {}) =>
    emit({
      type: 'step',
      runId,
      stepId,
      status,
      ms: 0,
      ...ZERO_USAGE,
      warnings: [],
      error: null,
      at: new Date().toISOString(),
      ...extra,
    });

  // Phase 1: decide which steps this run has (no transcript → no video stage).
  const active = steps.filter((step) => step.appliesTo(inputs));
  const activeIds = new Set(active.map((step) => step.id));
  for (const step of steps.filter((s) => !activeIds.has(s.id))) {
    records.stepEnded(step.id, 'skipped', null);
    stepEvent(step.id, 'skipped');
  }
  records.runStarted();
  emit({ type: 'run', runId, status: 'running', error: null, at: new Date().toISOString() });

  // Phase 2: run every step whose dependencies are done, as many at once as the graph allows.
  const artifacts: Partial<Record<StepId, string>> = {};
  const done = new Set<StepId>();
  const failed = new Set<StepId>();
  const running = new Map<StepId, Promise<void>>();
  // A holder, not a `let`: it is set inside runStep, where TypeScript's narrowing cannot follow.
  const first: { error: Error | null } = { error: null };
  const engineSpec: EngineSpec = engine.kind === 'offline' ? engine : { kind: engine.kind, config: engine.config };
  const codeVersions = runningCodeVersions();
  const promptVersions = Object.fromEntries(steps.filter((s) => s.prompt).map((s) => [s.id, s.prompt!.version]));

  const ready = () =>
    active.filter(
      (step) =>
        !done.has(step.id) &&
        !failed.has(step.id) &&
        !running.has(step.id) &&
        // A pinned step does not wait for its inputs: its result is given.
        (options.pinned?.[step.id] !== undefined || step.needs.every((need) => !activeIds.has(need) || done.has(need))),
    );
  const blocked = (step: Step) => options.pinned?.[step.id] === undefined && step.needs.some((need) => failed.has(need));

  while (true) {
    for (const step of active.filter((s) => !done.has(s.id) && !failed.has(s.id) && !running.has(s.id) && blocked(s))) {
      failed.add(step.id);
      records.stepEnded(step.id, 'cancelled', '前置步骤失败');
      stepEvent(step.id, 'cancelled', { error: '前置步骤失败' });
    }
    if (!signal.aborted) {
      for (const step of ready()) {
        const task = runStep(step).finally(() => running.delete(step.id));
        running.set(step.id, task);
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }

  // Phase 3: close the run.
  const status = signal.aborted ? 'cancelled' : first.error || done.size < active.length ? 'failed' : 'succeeded';
  if (status === 'cancelled') {
    for (const step of active.filter((s) => !done.has(s.id) && !failed.has(s.id))) {
      records.stepEnded(step.id, 'cancelled', null);
      stepEvent(step.id, 'cancelled');
    }
  }
  const message = status === 'cancelled' ? '已取消' : (first.error?.message ?? null);
  records.runFinished(status, message);
  emit({ type: 'run', runId, status, error: message, at: new Date().toISOString() });
  const results = options.collectResults === false ? {} : loadResults(db, artifacts);
  return { status, results, artifacts, error: status === 'failed' ? first.error : null };

  async function runStep(step: Step): Promise<void> {
    const started = performance.now();
    const progress = progressOf(step, started);
    // Everything a step does is inside the try, so any failure fails this step alone and the run closes cleanly.
    try {
      const given = options.pinned?.[step.id];
      if (given !== undefined) {
        const output = step.output.parse(given);
        const inputHash = `pinned:${hashOf(output)}`;
        const meta = { ...ZERO_USAGE, ms: 0, warnings: [], engine: 'edited', model: null, promptVersion: null };
        const artifactId = storeArtifact(db, step.id, inputHash, output, meta);
        records.stepSucceeded(step.id, { artifactId, inputHash, cached: false, ...ZERO_USAGE, ms: 0, warnings: [] });
        artifacts[step.id] = artifactId;
        done.add(step.id);
        stepEvent(step.id, 'pinned');
        return;
      }
      const job: StepJob = {
        runId,
        stepId: step.id,
        title: step.title,
        inputs,
        needs: Object.fromEntries(step.needs.filter((need) => artifacts[need]).map((need) => [need, artifacts[need]!])),
        engine: engineSpec,
        codeVersion: codeVersions[step.id],
        promptVersions,
        ingestLimits: options.ingestLimits ?? {},
        ingestByCaller: options.ingest !== undefined,
        transcriptByCaller: options.transcript !== undefined,
      };
      const report = await withOneRetryOverBudget(step, job, progress);
      records.stepSucceeded(step.id, report);
      artifacts[step.id] = report.artifactId;
      done.add(step.id);
      if (report.cached) stepEvent(step.id, 'cached', { warnings: report.warnings });
      else
        stepEvent(step.id, 'finished', {
          ms: report.ms,
          warnings: report.warnings,
          inputTokens: report.inputTokens,
          outputTokens: report.outputTokens,
          modelCalls: report.modelCalls,
        });
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      failed.add(step.id);
      const err = error instanceof Error ? error : new Error(String(error));
      if (signal.aborted) {
        records.stepEnded(step.id, 'cancelled', null, { ms });
        stepEvent(step.id, 'cancelled', { ms });
        return;
      }
      first.error ??= err;
      records.stepEnded(step.id, 'failed', err.message, { ms });
      stepEvent(step.id, 'failed', { ms, error: err.message });
    } finally {
      progress.stop();
    }
  }

  /** A step over its budget may have met a slow moment (a loaded machine, a slow model): it gets one more try, not more. */
  async function withOneRetryOverBudget(step: Step, job: StepJob, progress: ReturnType<typeof progressOf>): Promise<StepReport> {
    const hooks = { signal, budgetMs, onProgress: progress.onProgress, ingest: options.ingest, transcript: options.transcript };
    try {
      return await executor.execute(job, hooks);
    } catch (error) {
      if (!(error instanceof StepBudgetError) || signal.aborted) throw error;
      progress.overBudget();
      try {
        return await executor.execute(job, hooks);
      } catch (again) {
        throw again instanceof StepBudgetError ? new StepBudgetError(step.title, budgetMs, true) : again;
      }
    }
  }

  /**
   * What a running step tells the run: `started` when it computes (not when a
   * stored artifact is reused), a progress event whenever its activity
   * changes (a model request, a retry and why), and one every
   * PROGRESS_EVERY_MS while it runs, with the time so far.
   */
  function progressOf(step: Step, started: number) {
    const state: { activity: StepActivity; attempt: number | null; lastError: string | null; waitMs: number | null } = {
      activity: 'computing',
      attempt: null,
      lastError: null,
      waitMs: null,
    };
    let heartbeat: NodeJS.Timeout | null = null;
    const report = () =>
      emit({
        type: 'progress',
        runId,
        stepId: step.id,
        ...state,
        elapsedMs: Math.round(performance.now() - started),
        at: new Date().toISOString(),
      });
    return {
      onProgress(event: StepProgress) {
        if (event.kind === 'computing') {
          records.stepStarted(step.id, event.inputHash);
          stepEvent(step.id, 'started');
          heartbeat ??= setInterval(report, PROGRESS_EVERY_MS).unref();
          return;
        }
        const model = event.progress;
        if (model.kind === 'request') Object.assign(state, { activity: 'waiting-model', attempt: model.attempt, waitMs: null });
        else if (model.kind === 'retry')
          Object.assign(state, { activity: 'retrying', attempt: model.number, lastError: model.reason, waitMs: model.waitMs });
        else Object.assign(state, { activity: 'computing', waitMs: null });
        if (model.kind !== 'answered') report();
      },
      overBudget() {
        Object.assign(state, { activity: 'over-budget', attempt: null, waitMs: null });
        report();
      },
      stop() {
        if (heartbeat) clearInterval(heartbeat);
      },
    };
  }
}
