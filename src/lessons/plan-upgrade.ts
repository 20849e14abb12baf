import { z } from 'zod';
import {
  LessonPlan,
  type Origin,
  PLAN_SCHEMA_VERSION,
  type ProcessStep,
  type SheetItem,
  type SourceRef,
  type StepRole,
  type TextBlock,
} from '../domain/index.js';

/**
 * Plans saved before text blocks carried their origin and steps their role
 * (shape version 1, no `schemaVersion`) are upgraded when read, so a
 * teacher's saved and edited versions stay usable. What version 1 did not
 * record is filled in plainly and said in the provenance note, never passed
 * off as known:
 * - every text block's origin is how the plan was made (a model's draft →
 *   `model`, the offline rules → `template`); a teacher's edits in it are not
 *   told apart;
 * - step roles follow position (first 导入, last 小结, the rest 新授), never the
 *   step names;
 * - 易错点 and key terms, which version 1 did not keep, are empty.
 */

const V1Source = z.object({
  file: z.string(),
  page: z.number().nullable(),
  at: z.number().nullable(),
  quote: z.string().nullable(),
});
const V1Grounded = z.object({ text: z.string().min(1), sources: z.array(V1Source) });
const V1Item = z.object({
  id: z.string(),
  type: z.enum(['fill', 'choice', 'short', 'task', 'reflection']),
  prompt: z.string().min(1),
  options: z.array(z.string()).nullable(),
  answer: z.string().nullable(),
  objectiveIds: z.array(z.string()),
  tier: z.enum(['basic', 'advanced', 'challenge']).nullable(),
  sources: z.array(V1Source),
});
const V1Sheet = z.object({
  title: z.string(),
  phase: z.enum(['before', 'in', 'after']),
  instructions: z.string(),
  items: z.array(V1Item),
});
const V1Plan = z.object({
  title: z.string().min(1),
  subject: z.string(),
  grade: z.number(),
  edition: z.string().nullable(),
  periodMinutes: z.number(),
  standards: z.array(V1Grounded),
  textbookAnalysis: V1Grounded,
  learnerAnalysis: V1Grounded,
  objectives: z.array(z.object({ id: z.string(), text: z.string(), verb: z.string(), dimension: z.string(), sources: z.array(V1Source) })),
  keyPoints: z.array(V1Grounded),
  difficultPoints: z.array(V1Grounded),
  methods: z.array(z.string().min(1)),
  preparation: z.array(z.string().min(1)),
  process: z.array(
    z.object({
      name: z.string(),
      minutes: z.number(),
      teacherActivity: z.string().min(1),
      studentActivity: z.string().min(1),
      intent: z.string().min(1),
      objectiveIds: z.array(z.string()),
      sources: z.array(V1Source),
    }),
  ),
  boardDesign: z.string().min(1),
  homework: z.object({ basic: z.array(z.string()), advanced: z.array(z.string()), challenge: z.array(z.string()) }),
  sheets: z.object({ preStudy: V1Sheet, exploration: V1Sheet, masteryCheck: V1Sheet }),
  reflection: z.string().nullable(),
  sources: z.array(V1Source),
  provenance: z.object({
    engine: z.enum(['offline', 'openai-compatible']),
    model: z.string().nullable(),
    aiUsed: z.boolean(),
    promptVersions: z.record(z.string(), z.string()),
    createdAt: z.string(),
    note: z.string(),
  }),
});
type V1Plan = z.infer<typeof V1Plan>;

const UPGRADE_NOTE =
  '此版本由旧版格式（第 1 版）自动升级：各段来源按生成方式统一标注，环节作用按位置推定（首环节为导入、末环节为小结），请核对';

function roleAt(index: number, count: number): StepRole {
  if (index === 0) return 'lead-in';
  return index === count - 1 ? 'summary' : 'new-content';
}

function upgradeV1(v1: V1Plan): LessonPlan {
  const origin: Origin = v1.provenance.aiUsed ? 'model' : 'template';
  const text = (value: string, sources: SourceRef[] = []): TextBlock => ({ text: value, origin, sources });
  const grounded = (g: z.infer<typeof V1Grounded>): TextBlock => text(g.text, g.sources);
  const item = (i: z.infer<typeof V1Item>): SheetItem => ({
    id: i.id,
    type: i.type,
    prompt: text(i.prompt, i.sources),
    passage: null,
    options: i.options,
    table: null,
    writing: null,
    answer: i.answer ? text(i.answer) : null,
    objectiveIds: i.objectiveIds,
    tier: i.tier,
  });
  const sheet = (s: z.infer<typeof V1Sheet>) => ({ ...s, items: s.items.map(item) });
  const process: ProcessStep[] = v1.process.map((step, i) => ({
    id: `S${i + 1}`,
    role: roleAt(i, v1.process.length),
    name: step.name,
    minutes: step.minutes,
    teacherActivity: text(step.teacherActivity, step.sources),
    studentActivity: text(step.studentActivity),
    intent: text(step.intent),
    objectiveIds: step.objectiveIds,
    clip: null,
  }));
  const note = [v1.provenance.note.trim(), UPGRADE_NOTE].filter(Boolean).join('；');
  return LessonPlan.parse({
    schemaVersion: PLAN_SCHEMA_VERSION,
    title: text(v1.title),
    subject: v1.subject,
    grade: v1.grade,
    edition: v1.edition,
    periodMinutes: v1.periodMinutes,
    standards: v1.standards.map(grounded),
    textbookAnalysis: grounded(v1.textbookAnalysis),
    learnerAnalysis: grounded(v1.learnerAnalysis),
    objectives: v1.objectives.map((o) => ({ ...o, origin })),
    keyPoints: v1.keyPoints.map(grounded),
    difficultPoints: v1.difficultPoints.map(grounded),
    misconceptions: [],
    keyTerms: [],
    methods: v1.methods.map((m) => text(m)),
    preparation: v1.preparation.map((p) => text(p)),
    process,
    boardDesign: text(v1.boardDesign),
    homework: {
      basic: v1.homework.basic.map((h) => text(h)),
      advanced: v1.homework.advanced.map((h) => text(h)),
      challenge: v1.homework.challenge.map((h) => text(h)),
    },
    sheets: {
      preStudy: sheet(v1.sheets.preStudy),
      exploration: sheet(v1.sheets.exploration),
      masteryCheck: sheet(v1.sheets.masteryCheck),
    },
    reflection: v1.reflection ? text(v1.reflection) : null,
    sources: v1.sources,
    provenance: { ...v1.provenance, note },
  });
}

/** A stored plan that is neither the current shape nor version 1: the teacher must generate it again. */
export class StoredPlanError extends Error {
  override readonly name = 'StoredPlanError';
}

/**
 * A stored plan, in the current shape: as it is, or upgraded from version 1.
 * Anything else is refused with a message that says what is wrong.
 *
 * @example
 * const plan = readStoredPlan(row.json); // a version-1 row comes back with schemaVersion 2
 */
export function readStoredPlan(json: unknown): LessonPlan {
  const current = LessonPlan.safeParse(json);
  if (current.success) return current.data;
  const isV1 = typeof json === 'object' && json !== null && !('schemaVersion' in json);
  const v1 = isV1 ? V1Plan.safeParse(json) : null;
  if (v1?.success) return upgradeV1(v1.data);
  const version = typeof json === 'object' && json !== null && 'schemaVersion' in json ? String(json.schemaVersion) : '1';
  throw new StoredPlanError(`保存的教学设计（格式第 ${version} 版）无法读取，请重新生成教学设计`);
}
