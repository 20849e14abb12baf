import type { Usage } from '../../src/llm/structured.js';
import type { Judge } from '../judges/define.js';
import { type JudgeModel, runJudge } from '../judges/run-judge.js';
import type { Score } from '../scorers/define.js';
import { SCORERS } from '../scorers/registry.js';
import type { ScoreContext } from './context.js';

/** The judges in use and the model they ask. */
export interface Judging {
  model: JudgeModel;
  judges: readonly Judge[];
}

export interface CaseScores {
  /** By column id. */
  scores: Record<string, Score>;
  scoringMs: number;
  judgeMs: number;
  judgeUsage: Usage;
  judgeErrors: string[];
}

/**
 * Scores one context with every deterministic scorer and, when judging, every
 * judge (in parallel: the endpoint's limiter paces them). A scorer that
 * throws is a bug in the eval, not in the lesson, so it fails loudly.
 *
 * @example
 * const { scores } = await scoreCase(ctx, null);
 * scores['minutes-sum'].score // 1
 */
export async function scoreCase(ctx: ScoreContext, judging: Judging | null): Promise<CaseScores> {
  const started = performance.now();
  const scores: Record<string, Score> = {};
  for (const scorer of SCORERS) {
    try {
      scores[scorer.id] = scorer.run(ctx);
    } catch (error) {
      throw new Error(`scorer ${scorer.id} failed on case ${ctx.evalCase.id}: ${(error as Error).message}`, { cause: error });
    }
  }
  const scoringMs = Math.round(performance.now() - started);
  const judgeUsage: Usage = { inputTokens: 0, outputTokens: 0, calls: 0 };
  const judgeErrors: string[] = [];
  let judgeMs = 0;
  if (judging) {
    const verdicts = await Promise.all(judging.judges.map((judge) => runJudge(judge, ctx, judging.model)));
    for (const verdict of verdicts) {
      Object.assign(scores, verdict.scores);
      judgeUsage.inputTokens += verdict.usage.inputTokens;
      judgeUsage.outputTokens += verdict.usage.outputTokens;
      judgeUsage.calls += verdict.usage.calls;
      judgeMs = Math.max(judgeMs, verdict.ms);
      if (verdict.error) judgeErrors.push(verdict.error);
    }
  }
  return { scores, scoringMs, judgeMs, judgeUsage, judgeErrors };
}
