import type { StepId } from './step.js';

/** `pinned`: the result was given (a teacher's edited plan), not computed. */
export type StepStatus = 'started' | 'finished' | 'cached' | 'pinned' | 'failed' | 'skipped' | 'cancelled';

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
  | { type: 'run'; runId: string; status: 'running' | 'succeeded' | 'failed' | 'cancelled'; error: string | null; at: string };

export type RunEventListener = (event: RunEvent) => void;
