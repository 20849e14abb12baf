import type { Db } from '../db/client.js';
import type { Provenance } from '../domain/index.js';
import { ModelError } from '../errors.js';
import { ingestDocument, ingestTranscript } from '../ingest/index.js';
import { renderPrompt } from '../llm/prompt-files.js';
import { generateStructured } from '../llm/structured.js';
import type { FileStore } from '../store/file-store.js';
import { codeVersion } from './code-version.js';
import { type Engine, engineIdentity, engineModel } from './engine.js';
import type { RunEvent, RunEventListener, StepStatus } from './events.js';
import { hashOf } from './hash.js';
import { RunRecords } from './records.js';
import type { ModelCall, Results, RunInputs, Step, StepId, StepTools } from './step.js';

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
  /** How T1 reads files: in-process by default; the service parses on a worker thread. */
  ingest?: StepTools['ingest'];
  /** How V1 reads a video: subtitles in-process by default; the service and CLI also transcribe recordings. */
  transcript?: StepTools['transcript'];
}

export interface RunOutcome {
  status: 'succeeded' | 'failed' | 'cancelled';
  results: Results;
  /** The first failure, as the user should read it. */
  error: Error | null;
}

/**
 * Runs the nine steps as a dependency graph. A step starts as soon as the
 * steps it needs are done, so the video stage's parsing and chaptering run
 * beside the text stage. Before running a step the runner hashes its input; an
 * artifact stored under that hash is reused, which makes re-runs free and lets
 * a killed run resume from its finished steps.
 *
 * @example
 * const outcome = await runPipeline({ db, store, engine, inputs, runId, steps: STEPS, onEvent: print });
 */
export async function runPipeline(options: RunOptions): Promise<RunOutcome> {
  const { db, engine, inputs, runId } = options;
  const { steps } = options;
  const signal = options.signal ?? new AbortController().signal;
  const records = new RunRecords(db, runId);
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const stepEvent = (stepId: StepId, status: StepStatus, extra: Partial<Extract<RunEvent, { type: 'step' }>> = {}) =>
    emit({
      type: 'step',
      runId,
      stepId,
      status,
      ms: 0,
      inputTokens: 0,
      outputTokens: 0,
      modelCalls: 0,
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
  const results: Results = {};
  const done = new Set<StepId>();
  const failed = new Set<StepId>();
  const running = new Map<StepId, Promise<void>>();
  // A holder, not a `let`: it is set inside runStep, where TypeScript's narrowing cannot follow.
  const first: { error: Error | null } = { error: null };
  const tools = makeTools(options, signal);

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
  return { status, results, error: status === 'failed' ? first.error : null };

  async function runStep(step: Step): Promise<void> {
    const started = performance.now();
    const usage = { inputTokens: 0, outputTokens: 0, modelCalls: 0 };
    // Everything a step does is inside the try, so any failure fails this step alone and the run closes cleanly.
    try {
      const given = options.pinned?.[step.id];
      if (given !== undefined) {
        const output = step.output.parse(given);
        records.stepSucceeded(step.id, `pinned:${hashOf(output)}`, output, {
          ...usage,
          ms: 0,
          warnings: [],
          engine: 'edited',
          model: null,
          promptVersion: null,
        });
        (results as Record<string, unknown>)[step.id] = output;
        done.add(step.id);
        stepEvent(step.id, 'pinned');
        return;
      }
      const usesModel = engine.kind === 'openai-compatible' && step.prompt !== null;
      const input = step.buildInput(inputs, results);
      const inputHash = hashOf({
        step: step.id,
        code: codeVersion(),
        engine: usesModel ? engineIdentity(engine) : 'rules',
        prompt: usesModel ? step.prompt?.version : null,
        input,
      });

      const stored = records.findArtifact(step.id, inputHash);
      const reused = stored ? step.output.safeParse(stored.json) : null;
      if (stored && reused?.success) {
        (results as Record<string, unknown>)[step.id] = reused.data;
        done.add(step.id);
        records.stepCached(step.id, inputHash, stored.id);
        stepEvent(step.id, 'cached', { warnings: stored.warnings });
        return;
      }

      records.stepStarted(step.id, inputHash);
      stepEvent(step.id, 'started');
      const raw = usesModel ? await step.runModel(input, modelCall(usage), tools) : await step.runOffline(input, tools);
      const output = step.output.parse(raw);
      const ms = Math.round(performance.now() - started);
      const warnings = step.warningsOf(output);
      records.stepSucceeded(step.id, inputHash, output, {
        ...usage,
        ms,
        warnings,
        engine: usesModel ? engine.kind : 'offline',
        model: usesModel ? engineModel(engine) : null,
        promptVersion: usesModel ? (step.prompt?.version ?? null) : null,
      });
      (results as Record<string, unknown>)[step.id] = output;
      done.add(step.id);
      stepEvent(step.id, 'finished', { ms, warnings, ...usage });
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      failed.add(step.id);
      const err = error instanceof Error ? error : new Error(String(error));
      if (signal.aborted) {
        records.stepEnded(step.id, 'cancelled', null, { ms, ...usage });
        stepEvent(step.id, 'cancelled', { ms, ...usage });
        return;
      }
      first.error ??= err;
      records.stepEnded(step.id, 'failed', err.message, { ms, ...usage });
      stepEvent(step.id, 'failed', { ms, error: err.message, ...usage });
    }
  }

  function modelCall(usage: { inputTokens: number; outputTokens: number; modelCalls: number }): ModelCall {
    if (engine.kind !== 'openai-compatible') throw new ModelError('no model configured', 'unavailable');
    return async ({ prompt, view, schema, schemaName }) => {
      const { system, user } = renderPrompt(prompt, view);
      const answer = await generateStructured(engine.config, engine.cache, {
        schema,
        schemaName,
        system,
        user,
        promptVersion: prompt.version,
        signal,
      });
      usage.inputTokens += answer.usage.inputTokens;
      usage.outputTokens += answer.usage.outputTokens;
      usage.modelCalls += answer.usage.calls;
      return answer.value;
    };
  }
}

function makeTools(options: RunOptions, signal: AbortSignal): StepTools {
  const { engine, store, steps } = options;
  return {
    files: store,
    signal,
    ingest: options.ingest ?? ((file) => ingestDocument(file)),
    transcript: options.transcript ?? (async (file, read) => ingestTranscript(file, read)),
    provenance(): Provenance {
      const aiUsed = engine.kind === 'openai-compatible';
      const promptVersions = aiUsed ? Object.fromEntries(steps.filter((s) => s.prompt).map((s) => [s.id, s.prompt!.version])) : {};
      return {
        engine: engine.kind,
        model: engineModel(engine),
        aiUsed,
        promptVersions,
        createdAt: new Date().toISOString(),
        note: aiUsed
          ? `由模型 ${engineModel(engine)} 生成草稿，请教师审阅修改后使用`
          : '由离线规则引擎根据所给材料抽取生成，未使用任何 AI 模型',
      };
    },
  };
}
