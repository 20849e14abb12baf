import type { RunEvent, StepActivity } from '../pipeline/events.js';
import { STEPS } from '../pipeline/registry.js';
import { PHASE_LABEL, STAGE_LABEL } from '../pipeline/step.js';

const MARK = { started: '…', finished: '✓', cached: '↺', pinned: '✎', failed: '✗', skipped: '–', cancelled: '■' } as const;
const WORD = {
  started: '进行中',
  finished: '完成',
  cached: '未变化，沿用上次结果',
  pinned: '使用教师修改后的版本',
  failed: '失败',
  skipped: '跳过（未提供字幕）',
  cancelled: '未执行',
} as const;

const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${ms} ms`);

/** What a running step is doing, as a teacher reads it: 等待模型回答（第 1 次请求）, 第 2 次重试，上次：超时. */
function activityText(event: Extract<RunEvent, { type: 'progress' }>): string {
  const words: Record<StepActivity, () => string> = {
    computing: () => '计算中',
    'waiting-model': () => `等待模型回答（第 ${event.attempt} 次请求）`,
    retrying: () => `第 ${event.attempt} 次重试，上次：${event.lastError}${event.waitMs ? `，${seconds(event.waitMs)}后重试` : ''}`,
    'over-budget': () => '超过时间预算，已停止，再试一次',
  };
  return words[event.activity]();
}

/**
 * One line per step event, on stderr so stdout stays clean for scripts:
 * `✓ T2 教学分析  文字材料·智能加工  完成  1.2 s  模型调用 1 次，3,210 tokens`.
 * While a step runs, a line whenever it sends a model request or retries one
 * and every 15 s, with the time so far, so a slow or hung model shows as such:
 * `… T2 教学分析  已 2 min 0 s  第 1 次重试，上次：超时`.
 */
export function progressPrinter(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
  return (event: RunEvent) => {
    if (event.type === 'run') return;
    const step = STEPS.find((s) => s.id === event.stepId)!;
    if (event.type === 'progress') {
      const minutes = Math.floor(event.elapsedMs / 60_000);
      const elapsed = minutes > 0 ? `${minutes} min ${Math.round((event.elapsedMs % 60_000) / 1000)} s` : seconds(event.elapsedMs);
      const mark = event.activity === 'retrying' || event.activity === 'over-budget' ? '↻' : '…';
      write(`${mark} ${step.id} ${step.title}  已 ${elapsed}  ${activityText(event)}`);
      return;
    }
    const where = `${STAGE_LABEL[step.stage]}·${PHASE_LABEL[step.phase]}`;
    const parts = [`${MARK[event.status]} ${step.id} ${step.title}`, where, WORD[event.status]];
    if (event.status === 'finished') parts.push(seconds(event.ms));
    if (event.modelCalls > 0)
      parts.push(`模型调用 ${event.modelCalls} 次，${(event.inputTokens + event.outputTokens).toLocaleString('en-US')} tokens`);
    if (event.error) parts.push(event.error);
    write(parts.join('  '));
    for (const warning of event.warnings) write(`    ⚠ ${warning}`);
  };
}
