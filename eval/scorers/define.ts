import type { StepId, StepOutputs } from '../../src/pipeline/step.js';
import type { ScoreContext } from '../core/context.js';
import type { MutationId } from '../mutations/registry.js';

/** One piece of evidence: where in the artifacts, and what a prep lead should read. */
export interface Finding {
  /** Path into the artifacts, e.g. `T3.sheets.masteryCheck` or `C3.slide[5]`. */
  field: string;
  /** Plain Chinese, e.g. 「达标检测单缺少对 O3 的检测」. */
  message: string;
}

/** A scorer's verdict on one case. */
export interface Score {
  /** 0–1; null when the check does not apply to this case (no subtitles → no clip checks). */
  score: number | null;
  findings: Finding[];
}

/** The artifacts a scorer needs, guaranteed present when its `score` runs. */
export type Needed<N extends StepId> = ScoreContext & { results: Pick<StepOutputs, N> };

export interface ScorerSpec<N extends StepId> {
  /** Kebab-case, stable: the report, the baseline and the gate key on it. */
  id: string;
  /** Chinese, for the prep lead: 用时合计. */
  title: string;
  /** One line: what a score of 1 means. */
  definition: string;
  /** Steps whose artifacts it reads; a missing one (the step failed) scores 0 with that finding. */
  needs: readonly N[];
  /** False when the check has nothing to judge in this case (video checks without subtitles). */
  appliesTo?: (ctx: ScoreContext) => boolean;
  /** The mutations it must always catch (score the degraded results lower). */
  targets: readonly MutationId[];
  /** The mean over cases must reach this. */
  threshold: number;
  /** The largest drop of the mean against the baseline that is not a regression (one case may drop twice as far). */
  tolerance: number;
  /**
   * Held to its threshold even where the baseline is already below it (as `--strict` does for all):
   * the quality checks, whose low baseline is the engine's weakness to fix, not a known limit to keep.
   */
  strict?: boolean;
  score(ctx: Needed<N>): Score;
}

/** A scorer as the report, gate, mutation matrix and docs see it. */
export interface Scorer {
  kind: 'deterministic';
  id: string;
  title: string;
  definition: string;
  needs: readonly StepId[];
  targets: readonly MutationId[];
  threshold: number;
  tolerance: number;
  strict: boolean;
  run(ctx: ScoreContext): Score;
}

const STEP_NAME: Record<StepId, string> = {
  T1: '材料摘要',
  T2: '教学分析',
  T3: '教学设计',
  V1: '规范字幕',
  V2: '视频分段',
  V3: '视频提纲',
  C1: '课件规划',
  C2: '课件脚本',
  C3: '课件文件',
};

/**
 * Builds a deterministic scorer from its declarative spec: checks that the
 * artifacts it needs exist (a failed step scores 0, not "not applicable"),
 * then runs it and clamps the score to 0–1.
 *
 * @example
 * export const minutesSum = defineScorer({
 *   id: 'minutes-sum', title: '用时合计', definition: '教学过程各环节分钟数之和等于课时',
 *   needs: ['T3'], targets: ['break-minutes'], threshold: 1, tolerance: 0,
 *   score: ({ results, periodMinutes }) => …,
 * });
 */
export function defineScorer<N extends StepId>(spec: ScorerSpec<N>): Scorer {
  return {
    kind: 'deterministic',
    id: spec.id,
    title: spec.title,
    definition: spec.definition,
    needs: spec.needs,
    targets: spec.targets,
    threshold: spec.threshold,
    tolerance: spec.tolerance,
    strict: spec.strict ?? false,
    run(ctx) {
      if (spec.appliesTo && !spec.appliesTo(ctx)) return { score: null, findings: [] };
      const missing = spec.needs.filter((id) => ctx.results[id] === undefined);
      if (missing.length > 0) {
        return {
          score: 0,
          findings: missing.map((id) => ({ field: id, message: `没有生成${STEP_NAME[id]}（${id} 未完成）` })),
        };
      }
      const { score, findings } = spec.score(ctx as Needed<N>);
      return { score: score === null ? null : Math.min(1, Math.max(0, score)), findings };
    },
  };
}

/**
 * The usual score: the share of items without a problem, with every problem
 * as a finding. `empty` is the verdict when there is nothing to check.
 *
 * @example
 * shareWithoutProblems(plan.objectives, (o) => (checked.has(o.id) ? [] : [{ field, message }]), noItems)
 */
export function shareWithoutProblems<T>(items: readonly T[], problemsOf: (item: T, index: number) => Finding[], empty: Score): Score {
  if (items.length === 0) return empty;
  const findings: Finding[] = [];
  let clean = 0;
  items.forEach((item, i) => {
    const problems = problemsOf(item, i);
    if (problems.length === 0) clean++;
    findings.push(...problems);
  });
  return { score: clean / items.length, findings };
}

/** A one-finding verdict. */
export function verdict(score: number | null, field: string, message: string): Score {
  return { score, findings: [{ field, message }] };
}
