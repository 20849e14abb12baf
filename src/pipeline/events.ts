import type { StepId } from './step.js';

/** `pinned`: the result was given (a teacher's edited plan), not computed. */
export type StepStatus = 'started' | 'finished' | 'cached' | 'pinned' | 'failed' | 'skipped' | 'cancelled';

/**
 * What a running step is doing right now. A step that waits on a model says
 * which request it waits for; before a retry it says why the last one failed.
 */
export type StepActivity =
  /** Rules, parsing or rendering on a step thread. */
  | 'computing'
  /** A model request is out (number `attempt`, counting retries and the repair request). */
  | 'waiting-model'
  /** The last request failed (`lastError`); the next goes out after `waitMs`. */
  | 'retrying'
  /** The step ran past its time budget and was stopped; it runs once more. */
  | 'over-budget';

/** One thing that happened in a run: drives the CLI's progress display and the service's event stream. */
export type RunEvent =
  | {
      type: 'step';
      runId: string;
      stepId: StepId;
      status: StepStatus;
      /** Milliseconds the step took (0 when cached or skipped). */
      ms: number;
      inputTokens: number;
      outputTokens: number;
      modelCalls: number;
      warnings: string[];
      error: string | null;
      at: string;
    }
  | {
      /** While a step runs: on every change of activity and every PROGRESS_EVERY_MS, so a hung model never looks like nothing. */
      type: 'progress';
      runId: string;
      stepId: StepId;
      activity: StepActivity;
      /** Milliseconds since the step started. */
      elapsedMs: number;
      /**
       * waiting-model: which request is out (1-based, retries and the repair request counted);
       * retrying: which retry comes next (第 n 次重试); else null.
       */
      attempt: number | null;
      /** Why the last request failed, as a teacher reads it (超时, 限流（429）…), else null. */
      lastError: string | null;
      /** Before a retry: how long until the next request. */
      waitMs: number | null;
      at: string;
    }
  | { type: 'run'; runId: string; status: 'running' | 'succeeded' | 'failed' | 'cancelled'; error: string | null; at: string };

export type RunEventListener = (event: RunEvent) => void;

/** How often a running step reports that it is still running. */
export const PROGRESS_EVERY_MS = 15_000;
