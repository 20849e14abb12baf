import type { RunEvent, StepActivity } from '../../../src/pipeline/events.js';
import type { Run, StepState } from '../api/client.js';
import { duration } from '../ui/format.js';

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
  /** What a running step is doing (its last 'progress' event), or null when it has not said. */
  progress: StepDoing | null;
}

/** A running step's last progress event, with when the page received it (so the time keeps counting between events). */
export interface StepDoing {
  activity: StepActivity;
  elapsedMs: number;
  attempt: number | null;
  lastError: string | null;
  waitMs: number | null;
  /** `Date.now()` when it arrived: the page's own clock, so a server clock that is off does not skew the time shown. */
  receivedAt: number;
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
        progress: null,
      } satisfies Cell,
    ]),
  );
}

/**
 * Applies one server-sent event to the run and its cells. Events may repeat
 * (a reconnect replays the run's history), so applying one twice changes nothing.
 */
export function applyEvent(run: Run, cells: Record<string, Cell>, event: RunEvent, now = Date.now()): void {
  if (event.type === 'run') {
    run.status = event.status;
    if (event.status !== 'running') {
      run.error = event.error;
      run.finishedAt = event.at;
      // A cancelled run leaves the steps it never reached waiting; the grid says they were cancelled.
      if (event.status === 'cancelled') for (const cell of Object.values(cells)) if (cell.state === 'running') cell.state = 'cancelled';
      for (const cell of Object.values(cells)) cell.progress = null;
    } else if (!run.startedAt) run.startedAt = event.at;
    return;
  }
  const cell = cells[event.stepId];
  if (!cell) return;
  if (event.type === 'progress') {
    // A replayed progress event of a step that has since ended changes nothing.
    if (cell.state !== 'running' && cell.state !== 'waiting') return;
    const { activity, elapsedMs, attempt, lastError, waitMs } = event;
    Object.assign(cell, { state: 'running', at: event.at, progress: { activity, elapsedMs, attempt, lastError, waitMs, receivedAt: now } });
    return;
  }
  Object.assign(cell, {
    progress: null,
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

/**
 * What a running step is doing, as a teacher reads it: "等待模型回答",
 * "第 2 次重试，上次：超时（3.0 秒后重发）", "第 1 次重试，上次：限流（429），等待模型回答".
 * The time so far is `stepElapsed`, apart, because it changes every second and this does not.
 */
export function progressText(progress: StepDoing): string {
  const { activity, attempt, lastError, waitMs } = progress;
  switch (activity) {
    case 'computing':
      return '正在计算';
    case 'over-budget':
      return '超出时间预算，已停下，正在重跑一次';
    case 'retrying': {
      const wait = waitMs ? `（${duration(waitMs)}后重发）` : '';
      return `第 ${attempt ?? 1} 次重试，上次：${lastError ?? '失败'}${wait}`;
    }
    case 'waiting-model':
      // A request after a failure is a retry (request n is retry n − 1); one without a failure is the repair request.
      if (attempt && attempt > 1 && lastError) return `第 ${attempt - 1} 次重试，上次：${lastError}，等待模型回答`;
      if (attempt && attempt > 1) return `等待模型回答（第 ${attempt} 次请求）`;
      return '等待模型回答';
  }
}

/** How long the step has run: the server's figure at its last event plus the time since it arrived. */
export function stepElapsed(progress: StepDoing, now: number): number {
  return progress.elapsedMs + Math.max(0, now - progress.receivedAt);
}
