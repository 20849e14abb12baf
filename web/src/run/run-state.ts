import type { RunEvent } from '../../../src/pipeline/events.js';
import type { Run, StepState } from '../api/client.js';

/** How a step looks on the grid. */
export type CellState = 'waiting' | 'running' | 'done' | 'cached' | 'pinned' | 'skipped' | 'failed' | 'cancelled';

export interface Cell {
  state: CellState;
  ms: number;
  inputTokens: number;
  outputTokens: number;
  modelCalls: number;
  error: string | null;
  warnings: string[];
  /** When the server said so (the event's time): shown, and read by the latency benchmark. */
  at: string | null;
}

export const CELL_LABEL: Record<CellState, string> = {
  waiting: '等待',
  running: '进行中',
  done: '完成',
  cached: '沿用上次结果',
  pinned: '采用教师修改稿',
  skipped: '跳过',
  failed: '失败',
  cancelled: '已取消',
};

/** The step rows of `GET /api/runs/:id` use the database's words. */
function fromRow(step: StepState): CellState {
  switch (step.status) {
    case 'running':
      return 'running';
    case 'succeeded':
      return step.cached ? 'cached' : 'done';
    case 'failed':
    case 'skipped':
    case 'cancelled':
      return step.status;
    default:
      return 'waiting';
  }
}

/** The events use the runner's words. */
const FROM_EVENT: Record<Extract<RunEvent, { type: 'step' }>['status'], CellState> = {
  started: 'running',
  finished: 'done',
  cached: 'cached',
  pinned: 'pinned',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

/** The grid's cells for a run as `GET /api/runs/:id` has it. */
export function cellsOf(run: Run): Record<string, Cell> {
  return Object.fromEntries(
    run.steps.map((step) => [
      step.id,
      {
        state: fromRow(step),
        ms: step.ms,
        inputTokens: step.inputTokens,
        outputTokens: step.outputTokens,
        modelCalls: step.modelCalls,
        error: step.error,
        warnings: [],
        at: null,
      } satisfies Cell,
    ]),
  );
}

/**
 * Applies one server-sent event to the run and its cells. Events may repeat
 * (a reconnect replays the run's history), so applying one twice changes nothing.
 */
export function applyEvent(run: Run, cells: Record<string, Cell>, event: RunEvent): void {
  if (event.type === 'run') {
    run.status = event.status;
    if (event.status !== 'running') {
      run.error = event.error;
      run.finishedAt = event.at;
      // A cancelled run leaves the steps it never reached waiting; the grid says they were cancelled.
      if (event.status === 'cancelled') for (const cell of Object.values(cells)) if (cell.state === 'running') cell.state = 'cancelled';
    } else if (!run.startedAt) run.startedAt = event.at;
    return;
  }
  // Progress while a step waits on a model (elapsed time, retries) is not drawn in the grid yet.
  if (event.type === 'progress') return;
  const cell = cells[event.stepId];
  if (!cell) return;
  Object.assign(cell, {
    state: FROM_EVENT[event.status],
    ms: event.ms,
    inputTokens: event.inputTokens,
    outputTokens: event.outputTokens,
    modelCalls: event.modelCalls,
    error: event.error,
    warnings: event.warnings,
    at: event.at,
  });
}

export function totals(cells: Record<string, Cell>) {
  const all = Object.values(cells);
  return {
    inputTokens: all.reduce((sum, c) => sum + c.inputTokens, 0),
    outputTokens: all.reduce((sum, c) => sum + c.outputTokens, 0),
    modelCalls: all.reduce((sum, c) => sum + c.modelCalls, 0),
  };
}
