import { z } from 'zod';

/**
 * The labels of the collective-prep loop 四轮闭环: AI初稿 → 初案 → 共案 → 终案,
 * with 修订 for any revision in between. A label never goes back down within a
 * cycle (no 初案 after a 共案), and a 终案 is locked: the only way on is a new
 * cycle, whose first version is a 修订 of it.
 */
export const PlanLabel = z.enum(['ai-draft', 'initial', 'revision', 'shared', 'final']);
export type PlanLabel = z.infer<typeof PlanLabel>;

export const PLAN_LABEL_NAMES: Record<PlanLabel, string> = {
  'ai-draft': 'AI初稿',
  initial: '初案',
  revision: '修订',
  shared: '共案',
  final: '终案',
};

/** How far along the loop a label is; a 修订 has no stage of its own and keeps the one before it. */
const STAGE: Record<Exclude<PlanLabel, 'revision'>, number> = { 'ai-draft': 0, initial: 1, shared: 2, final: 3 };

/** Databases from before labels say 'edited' for a teacher's save: that is a 修订. */
export function readLabel(stored: string): PlanLabel {
  const parsed = PlanLabel.safeParse(stored);
  return parsed.success ? parsed.data : 'revision';
}

/** The stage a cycle has reached after these labels: a later AI draft (a re-run) does not take it back. */
export function stageOf(labels: readonly PlanLabel[]): number {
  return Math.max(0, ...labels.map((label) => (label === 'revision' ? 0 : STAGE[label])));
}

/**
 * Why a new version with this label cannot follow the cycle's versions, or
 * null when it can. The labels are those of the current cycle, oldest first.
 */
export function labelRefusal(cycleLabels: readonly PlanLabel[], next: PlanLabel): string | null {
  if (cycleLabels.at(-1) === 'final') return '终案已锁定，如需修改请开始新一轮（POST …/plan/cycles）';
  if (next === 'revision' || next === 'ai-draft') return null;
  const reached = stageOf(cycleLabels);
  if (STAGE[next] < reached) {
    const current = Object.entries(STAGE).find(([, stage]) => stage === reached)?.[0] as PlanLabel;
    return `本轮已到${PLAN_LABEL_NAMES[current]}，不能再标为${PLAN_LABEL_NAMES[next]}`;
  }
  return null;
}
