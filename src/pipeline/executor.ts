import type { Db } from '../db/client.js';
import type { IngestedDocument, IngestedTranscript } from '../ingest/types.js';
import { ResponseCache } from '../llm/response-cache.js';
import type { FileStore } from '../store/file-store.js';
import { executeStep, type StepJob, type StepProgress, type StepReport } from './execute-step.js';
import type { Step } from './step.js';
import { StepBudgetError } from './step-errors.js';

export interface ExecuteHooks {
  /** The run's signal: aborted when the run is cancelled or the service stops. */
  signal: AbortSignal;
  /** Wall-clock budget of this step; past it the step is stopped with a `StepBudgetError`. */
  budgetMs: number;
  onProgress(progress: StepProgress): void;
  /** How T1 reads a material, when the caller reads them (its material library); else the step parses them itself. */
  ingest?: (file: { name: string; bytes: Uint8Array }) => Promise<IngestedDocument>;
  /** How V1 reads a video, when the caller's library does (it transcribes recordings); else subtitles are read where the step runs. */
  transcript?: (file: { name: string; bytes: Uint8Array }, options: { durationSec: number | null }) => Promise<IngestedTranscript>;
}

/**
 * Where steps run. The service and the CLI use a `StepPool` (worker threads,
 * so a long step never blocks the event loop and can be stopped while it
 * computes); tests with stand-in steps and the eval suite run them in-process.
 */
export interface StepExecutor {
  execute(job: StepJob, hooks: ExecuteHooks): Promise<StepReport>;
}

/**
 * Runs steps on the calling thread, from the step definitions it is given
 * (stand-ins in tests). Cancel and budget abort the step's signal, which stops
 * model requests and waits but cannot interrupt a step computing
 * synchronously: that is what the pool is for.
 *
 * @example
 * const executor = inProcessExecutor({ db, store, steps: STEPS });
 * await runPipeline({ …, executor });
 */
export function inProcessExecutor(options: { db: Db; store: FileStore; steps: readonly Step[] }): StepExecutor {
  const cache = new ResponseCache(options.db);
  return {
    async execute(job, hooks) {
      const step = options.steps.find((s) => s.id === job.stepId)!;
      const controller = new AbortController();
      const stop = () => controller.abort(hooks.signal.reason);
      hooks.signal.addEventListener('abort', stop, { once: true });
      const budget = setTimeout(() => controller.abort(new StepBudgetError(job.title, hooks.budgetMs, false)), hooks.budgetMs);
      try {
        return await executeStep(step, job, {
          db: options.db,
          files: options.store,
          cache,
          // Loaded on first use: pdf.js is large, and most runs in tests never read a PDF.
          ingest: async (file, limits) => hooks.ingest?.(file) ?? (await import('../ingest/document.js')).ingestDocument(file, limits),
          transcript: async (file, read) =>
            hooks.transcript?.(file, read) ?? (await import('../ingest/transcript.js')).ingestTranscript(file, read),
          signal: controller.signal,
          onProgress: hooks.onProgress,
        });
      } catch (error) {
        // A step stopped by its budget reports the budget, not the AbortError it saw.
        if (controller.signal.reason instanceof StepBudgetError && !hooks.signal.aborted) throw controller.signal.reason;
        throw error;
      } finally {
        clearTimeout(budget);
        hooks.signal.removeEventListener('abort', stop);
      }
    },
  };
}
