import { z } from 'zod';
import type { ModelConfig } from '../llm/config.js';
import { loadPrompt, renderPrompt } from '../llm/prompt-files.js';
import type { ResponseCache } from '../llm/response-cache.js';
import { generateStructured } from '../llm/structured.js';
import { fence } from '../llm/untrusted.js';
import {
  type Anchor,
  AnchorPart,
  applySuggestion,
  applyText,
  type PlanPart,
  planParts,
  replacedText,
  resolveAnchor,
  suggestionRefusal,
} from './plan-parts.js';

/** A comment thread as the revision reads it. */
export interface RevisionComment {
  id: string;
  anchor: Anchor | null;
  body: string;
  quote: string | null;
  /** Replacement text still waiting for the lead's decision, or null. */
  suggestion: string | null;
}

/** Something the observation data says about the lesson, anchored to a step when it concerns one. */
export interface Finding {
  text: string;
  anchor: Anchor | null;
}

export interface RevisionNote {
  commentId: string;
  note: string;
  /** template: a suggestion applied word for word; model: the model's account of its change. */
  origin: 'template' | 'model';
}

export interface TodoItem {
  text: string;
  commentId: string | null;
  /** Where it comes from: a comment the revision could not settle, an observation finding, or the model. */
  source: 'comment' | 'observation' | 'model';
}

export interface Revision<P> {
  plan: P;
  /** Comments whose suggestions were applied, to be marked accepted with the new version. */
  accepted: string[];
  notes: RevisionNote[];
  todo: TodoItem[];
  changed: boolean;
}

/** What a revision may rewrite: every part but the plan's list sections, of which only the two analyses. */
const revisable = (p: PlanPart) => p.part !== 'section' || ['textbookAnalysis', 'learnerAnalysis'].includes(p.id);

const where = (plan: unknown, anchor: Anchor | null) =>
  anchor ? (resolveAnchor(plan, { ...anchor, field: undefined })?.part.label ?? `${anchor.part} ${anchor.id}`) : '整体';
const short = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Step 1 of any revision, the same under both engines: pending suggestions
 * are applied exactly as written (plan-parts applies them), unless the text
 * they replace has changed since — then they become to-do items.
 */
function applySuggestions<P>(plan: P, comments: readonly RevisionComment[]) {
  let revised = plan;
  const accepted: string[] = [];
  const notes: RevisionNote[] = [];
  const todo: TodoItem[] = [];
  for (const comment of comments) {
    if (!comment.suggestion || !comment.anchor) continue;
    const current = replacedText(revised, comment.anchor);
    if (current === null || current !== comment.quote) {
      todo.push({
        text: `${where(revised, comment.anchor)}：建议所指的文字已改动，请对照建议手动修改（${short(comment.suggestion)}）`,
        commentId: comment.id,
        source: 'comment',
      });
      continue;
    }
    revised = applySuggestion(revised, comment.anchor, comment.suggestion);
    accepted.push(comment.id);
    notes.push({
      commentId: comment.id,
      note: `已按建议修改${where(revised, comment.anchor)}：「${short(comment.suggestion)}」`,
      origin: 'template',
    });
  }
  return { plan: revised, accepted, notes, todo };
}

const findingTodo = (findings: readonly Finding[]): TodoItem[] =>
  findings.map((f) => ({ text: f.text, commentId: null, source: 'observation' }));

/**
 * The offline revision: suggestions applied, everything else listed as to-do
 * items for the lead — no text is written by rule.
 *
 * @example
 * const { plan, todo } = offlineRevision(latest.json, comments, findings);
 */
export function offlineRevision<P>(plan: P, comments: readonly RevisionComment[], findings: readonly Finding[]): Revision<P> {
  const applied = applySuggestions(plan, comments);
  const rest = comments
    .filter((c) => !c.suggestion || !c.anchor)
    .map((c): TodoItem => ({ text: `${where(plan, c.anchor)}：${c.body}`, commentId: c.id, source: 'comment' }));
  return { ...applied, todo: [...applied.todo, ...rest, ...findingTodo(findings)], changed: applied.accepted.length > 0 };
}

/** What the model returns: text changes by anchor, a note per comment, and what it leaves to the teacher. */
export const RevisionAnswer = z.object({
  changes: z
    .array(
      z.object({
        part: AnchorPart,
        id: z.string().min(1),
        field: z.string().min(1),
        text: z.string().min(1).max(4000),
        reason: z.string(),
      }),
    )
    .max(40),
  notes: z.array(z.object({ commentId: z.string().min(1), note: z.string().min(1) })),
  todo: z.array(z.string().min(1)).max(20),
});
export type RevisionAnswer = z.infer<typeof RevisionAnswer>;

/**
 * The plan's replaceable text, one line per field, each with the anchor the
 * model must copy; `keep` narrows it to some parts (a refinement sends one section).
 *
 * @example
 * partsText(plan, (p) => p.part === 'step'); // '[step S1 name] 教学过程 S1「导入」 环节：复习导入\n…'
 */
export function partsText(plan: unknown, keep: (part: PlanPart) => boolean = revisable): string {
  return planParts(plan)
    .filter(keep)
    .flatMap((p) =>
      p.fields.filter((f) => f.replaceable && f.text).map((f) => `[${p.part} ${p.id} ${f.name}] ${p.label} ${f.label}：${f.text}`),
    )
    .join('\n');
}

/** A text change by anchor as a model proposes it. */
export type ModelChange = Pick<RevisionAnswer['changes'][number], 'part' | 'id' | 'field' | 'text'>;

/**
 * Applies a model's changes by anchor, each changed block's origin becoming
 * `model`; a change where no text can be replaced comes back as a sentence
 * for the teacher, and a change that repeats the text is not counted.
 *
 * @example
 * const { plan, changed, refused } = applyModelChanges(plan, [{ part: 'step', id: 'S2', field: 'intent', text: '…' }]);
 */
export function applyModelChanges<P>(plan: P, changes: readonly ModelChange[]): { plan: P; changed: number; refused: string[] } {
  let revised = plan;
  let changed = 0;
  const refused: string[] = [];
  for (const change of changes) {
    const anchor: Anchor = { part: change.part, id: change.id, field: change.field };
    const refusal = suggestionRefusal(revised, anchor);
    if (refusal) {
      refused.push(`模型建议修改${where(revised, anchor)}但无法直接替换（${refusal}）：${short(change.text, 60)}`);
      continue;
    }
    if (replacedText(revised, anchor) === change.text) continue;
    revised = applyText(revised, anchor, change.text, 'model');
    changed += 1;
  }
  return { plan: revised, changed, refused };
}

/**
 * The model's revision: after the suggestions are applied, the model revises
 * text by anchor for the remaining comments and the observation findings, with
 * a note per comment; a change it proposes where no text can be replaced, a
 * comment it left without a note and whatever it lists as to-do go to the lead.
 *
 * @example
 * const revision = await modelRevision(config, cache, plan, comments, findings, { subject: '数学', title, grade: 3 });
 */
export async function modelRevision<P>(
  config: ModelConfig,
  cache: ResponseCache | null,
  plan: P,
  comments: readonly RevisionComment[],
  findings: readonly Finding[],
  lesson: { subject: string; title: string; grade: number },
): Promise<Revision<P> & { promptVersion: string }> {
  const applied = applySuggestions(plan, comments);
  const open = comments.filter((c) => !applied.accepted.includes(c.id) && !applied.todo.some((t) => t.commentId === c.id));
  const prompt = loadPrompt('revise');
  const { system, user } = renderPrompt(prompt, {
    ...lesson,
    parts: fence('教学设计', partsText(applied.plan)),
    comments: fence(
      '组员评论',
      open.length > 0 ? open.map((c) => `[c:${c.id}] ${where(applied.plan, c.anchor)}：${c.body}`).join('\n') : '（无）',
    ),
    findings: fence('观课发现', findings.length > 0 ? findings.map((f) => `- ${f.text}`).join('\n') : '（无）'),
  });
  const { value } = await generateStructured(config, cache, {
    schema: RevisionAnswer,
    schemaName: 'plan_revision',
    system,
    user,
    promptVersion: prompt.version,
  });

  const { plan: revised, changed: changes, refused } = applyModelChanges(applied.plan, value.changes);
  const todo = [...applied.todo, ...refused.map((text): TodoItem => ({ text, commentId: null, source: 'model' }))];
  const ids = new Set(open.map((c) => c.id));
  const notes: RevisionNote[] = [
    ...applied.notes,
    ...value.notes
      .filter((n) => ids.has(n.commentId))
      .map((n): RevisionNote => ({ commentId: n.commentId, note: n.note, origin: 'model' })),
  ];
  for (const comment of open) {
    if (!notes.some((n) => n.commentId === comment.id))
      todo.push({ text: `${where(plan, comment.anchor)}：${comment.body}`, commentId: comment.id, source: 'comment' });
  }
  todo.push(...value.todo.map((text): TodoItem => ({ text, commentId: null, source: 'model' })));
  return {
    plan: revised,
    accepted: applied.accepted,
    notes,
    todo,
    changed: applied.accepted.length + changes > 0,
    promptVersion: prompt.version,
  };
}
