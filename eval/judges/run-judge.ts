import type { ModelConfig } from '../../src/llm/config.js';
import { renderPrompt } from '../../src/llm/prompt-files.js';
import type { ResponseCache } from '../../src/llm/response-cache.js';
import { generateStructured, type Usage } from '../../src/llm/structured.js';
import type { ScoreContext } from '../core/context.js';
import type { Score } from '../scorers/define.js';
import { type Judge, normalizeScore } from './define.js';

/** The judge's model and the response cache its answers are kept in. */
export interface JudgeModel {
  config: ModelConfig;
  cache: ResponseCache | null;
}

export interface JudgeVerdict {
  /** By column id: the weighted total under the judge's id, each dimension under `<id>.<key>`. */
  scores: Record<string, Score>;
  usage: Usage;
  ms: number;
  /** Why the judge gave no verdict (endpoint down, two invalid answers); its scores are then null. */
  error: string | null;
}

/** Column id of one dimension of a judge. */
export const dimensionColumn = (judge: Judge, key: string) => `${judge.id}.${key}`;

/**
 * Asks the judge model for its rubric scores through `generateStructured`,
 * which brings the provider's structured-output method, zod validation with
 * one repair round, retries, the endpoint's limiter and the response cache.
 * Scores 1–5 become 0–1; each justification is the dimension's evidence.
 *
 * @example
 * const { scores } = await runJudge(ciddp, ctx, { config, cache });
 * scores['ciddp.depth'] // { score: 0.75, findings: [{ field: 'ciddp.depth', message: '…' }] }
 */
export async function runJudge(judge: Judge, ctx: ScoreContext, model: JudgeModel, signal?: AbortSignal): Promise<JudgeVerdict> {
  const view = judge.view(ctx);
  if (!view) return { scores: emptyScores(judge, null), usage: NO_USAGE, ms: 0, error: null };
  return askJudge(judge, view, model, signal);
}

const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, calls: 0 };

/** Every column of the judge without a score; `message` (why) becomes each one's finding. */
function emptyScores(judge: Judge, message: string | null): Record<string, Score> {
  return Object.fromEntries(
    [judge.id, ...judge.dimensions.map((d) => dimensionColumn(judge, d.key))].map((id) => [
      id,
      { score: null, findings: message ? [{ field: judge.id, message }] : [] },
    ]),
  );
}

/**
 * Asks the judge about a prompt view already built (the variables of its
 * prompt files). `runJudge` builds the view from a case; the recorded
 * agreement replay (eval/judges/recorded/) sends the views that were judged.
 *
 * @example
 * const { scores } = await askJudge(rubric, { title: '陋室铭', …, plan: fence(…) }, { config, cache: null });
 */
export async function askJudge(
  judge: Judge,
  view: Record<string, unknown>,
  model: JudgeModel,
  signal?: AbortSignal,
): Promise<JudgeVerdict> {
  const started = performance.now();
  try {
    const { system, user } = renderPrompt(judge.prompt, view);
    const answer = await generateStructured(model.config, model.cache, {
      schema: judge.schema,
      schemaName: judge.schemaName,
      system,
      user,
      promptVersion: judge.prompt.version,
      signal,
    });
    const scores: Record<string, Score> = {};
    let total = 0;
    for (const dimension of judge.dimensions) {
      const { score, justification } = answer.value[dimension.key]!;
      total += dimension.weight * normalizeScore(score);
      scores[dimensionColumn(judge, dimension.key)] = {
        score: normalizeScore(score),
        findings: [{ field: dimensionColumn(judge, dimension.key), message: `${dimension.title} ${score}/5：${justification}` }],
      };
    }
    scores[judge.id] = { score: total, findings: [] };
    return { scores, usage: answer.usage, ms: Math.round(performance.now() - started), error: null };
  } catch (error) {
    const message = `评审模型没有给出合格的评分：${(error as Error).message}`;
    return { scores: emptyScores(judge, message), usage: NO_USAGE, ms: Math.round(performance.now() - started), error: message };
  }
}
