import { z } from 'zod';

/**
 * The JSON report (评测报告): everything the Markdown shows and more, so two
 * runs can be compared later (`--compare`) and a regression traced to the
 * finding that caused it. Validated when read back.
 */

export const FindingJson = z.object({ field: z.string(), message: z.string() });

export const ScoreJson = z.object({
  score: z.number().nullable(),
  findings: z.array(FindingJson),
});
export type ScoreJson = z.infer<typeof ScoreJson>;

export const ColumnJson = z.object({
  id: z.string(),
  title: z.string(),
  definition: z.string(),
  kind: z.enum(['deterministic', 'judge', 'judge-dimension']),
  threshold: z.number().nullable(),
  tolerance: z.number().nullable(),
  /** Held to its threshold whatever the baseline; reports written before this field read as false. */
  strict: z.boolean().default(false),
});

export const UsageJson = z.object({ inputTokens: z.number(), outputTokens: z.number(), calls: z.number() });

export const CaseJson = z.object({
  id: z.string(),
  /** 课题. */
  title: z.string(),
  description: z.string(),
  subject: z.string(),
  grade: z.number(),
  dir: z.string(),
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  error: z.string().nullable(),
  ms: z.object({ pipeline: z.number(), scoring: z.number(), judge: z.number() }),
  /** The pipeline's model use (0 for the offline engine), and how many steps were reused from the cache. */
  usage: UsageJson.extend({ cachedSteps: z.number() }),
  judgeUsage: UsageJson,
  judgeErrors: z.array(z.string()),
  scores: z.record(z.string(), ScoreJson),
});
export type CaseJson = z.infer<typeof CaseJson>;

export const BreachJson = z.object({
  kind: z.enum(['threshold', 'regression', 'run-failed', 'judge-error', 'mutation-missed']),
  column: z.string().nullable(),
  caseId: z.string().nullable(),
  message: z.string(),
});
export type BreachJson = z.infer<typeof BreachJson>;

export const GateJson = z.object({
  passed: z.boolean(),
  /** The baseline compared against, or why none was (another engine, no file). */
  baseline: z.object({ path: z.string(), compared: z.boolean(), note: z.string().nullable() }).nullable(),
  breaches: z.array(BreachJson),
});
export type GateJson = z.infer<typeof GateJson>;

export const MatrixCellJson = z.object({
  scorer: z.string(),
  mutation: z.string(),
  targeted: z.boolean(),
  /** Pairs (case × mutation) where both scores exist. */
  pairs: z.number(),
  lowered: z.number(),
  /** Pairs where the original already scored 0, so no degradation could lower it. */
  atFloor: z.number(),
  /** Cases (and the two scores) where a targeted mutation was not caught. */
  missed: z.array(z.object({ caseId: z.string(), original: z.number(), mutated: z.number() })),
});
export type MatrixCellJson = z.infer<typeof MatrixCellJson>;

export const MatrixJson = z.object({
  mutations: z.array(z.object({ id: z.string(), title: z.string(), description: z.string(), artifact: z.string(), appliedTo: z.number() })),
  cells: z.array(MatrixCellJson),
  /** Per deterministic scorer: targeted pairs caught / targeted pairs (must be 1). */
  catchRate: z.record(z.string(), z.number().nullable()),
  /** Per judge column: share of its artifact's mutation pairs it scored lower. */
  judgeAgreement: z.record(z.string(), z.number().nullable()),
});
export type MatrixJson = z.infer<typeof MatrixJson>;

export const ReportJson = z.object({
  kind: z.literal('lessonprep-eval-report'),
  version: z.literal(1),
  createdAt: z.string(),
  engine: z.object({ kind: z.enum(['offline', 'openai-compatible']), model: z.string().nullable() }),
  judge: z.object({ model: z.string() }).nullable(),
  columns: z.array(ColumnJson),
  cases: z.array(CaseJson),
  means: z.record(z.string(), z.number().nullable()),
  gate: GateJson,
  mutations: MatrixJson.nullable(),
  totalMs: z.number(),
});
export type ReportJson = z.infer<typeof ReportJson>;
