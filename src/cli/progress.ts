import type { RunEvent } from '../pipeline/events.js';
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

/**
 * One line per step event, on stderr so stdout stays clean for scripts:
 * `✓ T2 教学分析  文字材料·智能加工  1.2 s  模型调用 1 次，3,210 tokens`.
 */
export function progressPrinter(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
  return (event: RunEvent) => {
    if (event.type !== 'step') return;
    const step = STEPS.find((s) => s.id === event.stepId)!;
    const where = `${STAGE_LABEL[step.stage]}·${PHASE_LABEL[step.phase]}`;
    const parts = [`${MARK[event.status]} ${step.id} ${step.title}`, where, WORD[event.status]];
    if (event.status === 'finished') parts.push(event.ms >= 1000 ? `${(event.ms / 1000).toFixed(1)} s` : `${event.ms} ms`);
    if (event.modelCalls > 0)
      parts.push(`模型调用 ${event.modelCalls} 次，${(event.inputTokens + event.outputTokens).toLocaleString('en-US')} tokens`);
    if (event.error) parts.push(event.error);
    write(parts.join('  '));
    for (const warning of event.warnings) write(`    ⚠ ${warning}`);
  };
}
