import { z } from 'zod';
import type { ModelConfig } from '../llm/config.js';
import { loadPrompt, renderPrompt } from '../llm/prompt-files.js';
import type { ResponseCache } from '../llm/response-cache.js';
import { generateStructured } from '../llm/structured.js';
import { fence } from '../llm/untrusted.js';
import { AnchorPart, type PlanPart, planParts, planSteps, setStepMinutes } from './plan-parts.js';
import { applyModelChanges, partsText } from './revise.js';

/** The plan sections a teacher can refine 调整 one at a time, with the parts each holds. */
export const REFINE_SECTIONS = {
  objectives: { label: '教学目标', parts: ['objective'] },
  keyPoints: { label: '教学重难点', parts: ['keyPoint', 'difficultPoint'] },
  process: { label: '教学过程', parts: ['step'] },
  blackboard: { label: '板书设计', parts: ['board'] },
  homework: { label: '分层作业', parts: ['homework'] },
} as const satisfies Record<string, { label: string; parts: readonly AnchorPart[] }>;
export type RefineSection = keyof typeof REFINE_SECTIONS;
export const RefineSection = z.enum(Object.keys(REFINE_SECTIONS) as [RefineSection, ...RefineSection[]]);

/** What the teacher asks for, and how the prompt puts it to the model. */
export const REFINE_KINDS = {
  easier: { label: '更浅显', ask: '改得更浅显易懂：用学生熟悉的语言和生活情境，降低坡度，多给铺垫和示范' },
  harder: { label: '更有挑战', ask: '改得更有挑战：提高思维层次，增加开放性、综合性或需要迁移运用的要求' },
  shorter: { label: '更简短', ask: '改得更简短：删去重复和次要的内容，每条文字精炼，保留核心要求' },
  detail: { label: '更详细', ask: '改得更详细：补足具体的做法、提问、学生可能的回答和教师的应对' },
  tiered: { label: '分层', ask: '改成分层要求：在文字中分别写出基础、提高、拓展三个层次学生的要求或任务' },
} as const;
export type RefineKind = keyof typeof REFINE_KINDS;
export const RefineKind = z.enum(Object.keys(REFINE_KINDS) as [RefineKind, ...RefineKind[]]);

const inSection = (section: RefineSection) => (part: PlanPart) =>
  (REFINE_SECTIONS[section].parts as readonly AnchorPart[]).includes(part.part);

/**
 * What the model must answer for one section of this plan: text changes by
 * anchor inside the section only, the process steps' minutes (all or none,
 * adding up to the period) and a change note. The checks are in the schema,
 * so an answer that breaks them is shown its errors and asked for once more.
 */
function answerSchema(plan: unknown, section: RefineSection) {
  const parts = planParts(plan).filter(inSection(section));
  const steps = planSteps(plan);
  const period =
    typeof (plan as { periodMinutes?: unknown }).periodMinutes === 'number' ? (plan as { periodMinutes: number }).periodMinutes : 0;
  return z
    .object({
      changes: z
        .array(z.object({ part: AnchorPart, id: z.string().min(1), field: z.string().min(1), text: z.string().min(1).max(4000) }))
        .max(40),
      minutes: z.array(z.object({ id: z.string().min(1), minutes: z.number().int().positive() })).max(20),
      note: z.string().min(1).max(400),
    })
    .superRefine((answer, ctx) => {
      answer.changes.forEach((change, i) => {
        const part = parts.find((p) => p.part === change.part && p.id === change.id);
        if (!part?.fields.some((f) => f.name === change.field && f.replaceable))
          ctx.addIssue({
            code: 'custom',
            path: ['changes', i],
            message: `[${change.part} ${change.id} ${change.field}] 不是本部分可以修改的文字`,
          });
      });
      if (answer.minutes.length === 0) return;
      if (section !== 'process') {
        ctx.addIssue({ code: 'custom', path: ['minutes'], message: '只有调整教学过程时才能改环节用时，此处 minutes 须为空' });
        return;
      }
      const ids = answer.minutes.map((m) => m.id).sort();
      if (
        ids.join() !==
        steps
          .map((s) => s.id)
          .sort()
          .join()
      )
        ctx.addIssue({
          code: 'custom',
          path: ['minutes'],
          message: `minutes 须为每个环节（${steps.map((s) => s.id).join('、')}）各给一次用时`,
        });
      const total = answer.minutes.reduce((sum, m) => sum + m.minutes, 0);
      if (total !== period)
        ctx.addIssue({ code: 'custom', path: ['minutes'], message: `各环节用时合计 ${total} 分钟，与课时 ${period} 分钟不符` });
    });
}

export interface Refinement<P> {
  plan: P;
  /** The model's account of what it changed, shown with the new version. */
  note: string;
  /** How many texts and step times changed; 0 means the model left the section as it was. */
  changed: number;
  /** Changes that could not be applied, as sentences. */
  refused: string[];
  promptVersion: string;
}

/**
 * Rewrites one section of a plan as the teacher asked (easier, harder,
 * shorter, more detail, tiered) with the model: the section's text goes to the
 * model fenced as data, the answer is checked (anchors inside the section,
 * minutes adding up to the period) and applied by plan-parts with origin `model`.
 *
 * @example
 * const { plan, note } = await refineSection(config, cache, plan, 'process', 'shorter', { subject: '数学', title, grade: 3 });
 */
export async function refineSection<P>(
  config: ModelConfig,
  cache: ResponseCache | null,
  plan: P,
  section: RefineSection,
  kind: RefineKind,
  lesson: { subject: string; title: string; grade: number },
): Promise<Refinement<P>> {
  const prompt = loadPrompt('refine-section');
  const steps = planSteps(plan);
  const { system, user } = renderPrompt(prompt, {
    ...lesson,
    section: REFINE_SECTIONS[section].label,
    kind: REFINE_KINDS[kind].label,
    ask: REFINE_KINDS[kind].ask,
    parts: fence(REFINE_SECTIONS[section].label, partsText(plan, inSection(section)) || '（无）'),
    minutes:
      section === 'process'
        ? `各环节现在的用时：${steps.map((s) => `${s.id} ${s.minutes} 分钟`).join('，')}；合计须等于课时 ${(plan as { periodMinutes?: number }).periodMinutes} 分钟。`
        : '本部分不涉及环节用时，minutes 输出空数组。',
  });
  const { value } = await generateStructured(config, cache, {
    schema: answerSchema(plan, section),
    schemaName: 'section_refinement',
    system,
    user,
    promptVersion: prompt.version,
  });
  const applied = applyModelChanges(plan, value.changes);
  let refined = applied.plan;
  let changed = applied.changed;
  for (const { id, minutes } of value.minutes) {
    if (steps.find((s) => s.id === id)?.minutes === minutes) continue;
    refined = setStepMinutes(refined, id, minutes);
    changed += 1;
  }
  return { plan: refined, note: value.note, changed, refused: applied.refused, promptVersion: prompt.version };
}
