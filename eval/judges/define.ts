import { z } from 'zod';
import { loadPrompt, type PromptTemplate } from '../../src/llm/prompt-files.js';
import type { ScoreContext } from '../core/context.js';
import type { MutatedArtifact } from '../mutations/define.js';

/** One rubric dimension the judge scores 1–5 on its own. */
export interface JudgeDimension {
  /** The key in the judge's JSON answer, e.g. `clarity`. */
  key: string;
  /** Chinese, for the report: 清晰性. */
  title: string;
  /** Its share of the judge's total (the weights of a judge sum to 1). */
  weight: number;
}

export interface JudgeSpec {
  id: string;
  title: string;
  definition: string;
  /** What it reads: the plan (教学设计) or the deck (课件); its agreement is measured on mutations of that artifact. */
  artifact: Exclude<MutatedArtifact, 'outline'>;
  /** Folder under prompts/ with system.md and user.md. */
  prompt: string;
  dimensions: readonly JudgeDimension[];
  /** The weighted total's mean over cases must reach this (0–1, after normalising 1–5). */
  threshold: number;
  tolerance: number;
  /** The prompt's variables, untrusted text fenced; null when the artifact is missing (the judge then does not run). */
  view(ctx: ScoreContext): Record<string, unknown> | null;
}

/** What the judge must answer for each dimension: its reasons first, then the score they lead to. */
const Dimension = z.object({
  justification: z.string().min(1),
  score: z.number().int().min(1).max(5),
});
export type JudgeAnswer = Record<string, z.infer<typeof Dimension>>;

export interface Judge extends Omit<JudgeSpec, 'prompt'> {
  kind: 'judge';
  prompt: PromptTemplate;
  /** The answer's zod schema: every dimension present, each score an integer 1–5. */
  schema: z.ZodType<JudgeAnswer>;
  schemaName: string;
}

/**
 * Builds an LLM judge (模型评审) from its rubric. Every dimension is a
 * separate required field of the answer, so a judge cannot merge two of
 * them; scores are validated with zod and normalised to 0–1 by the runner.
 *
 * @example
 * export const ciddp = defineJudge({
 *   id: 'ciddp', title: 'CIDDP 五维评价', artifact: 'plan', prompt: 'judge-ciddp',
 *   dimensions: [{ key: 'clarity', title: '清晰性', weight: 0.2 }, …], view: planView, …
 * });
 */
export function defineJudge(spec: JudgeSpec): Judge {
  const total = spec.dimensions.reduce((sum, d) => sum + d.weight, 0);
  if (Math.abs(total - 1) > 1e-6) throw new Error(`judge ${spec.id}: dimension weights sum to ${total}, not 1`);
  const shape = Object.fromEntries(spec.dimensions.map((d) => [d.key, Dimension]));
  return {
    ...spec,
    kind: 'judge',
    prompt: loadPrompt(spec.prompt),
    schema: z.object(shape) as unknown as z.ZodType<JudgeAnswer>,
    schemaName: `judge_${spec.id}`,
  };
}

/** 1–5 → 0–1: 1 is "not met", 3 "adequate" (0.5), 5 "exemplary". */
export const normalizeScore = (score: number): number => (score - 1) / 4;
