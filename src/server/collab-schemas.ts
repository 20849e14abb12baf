import { z } from '@hono/zod-openapi';
import { PLAN_LABEL_NAMES, PlanLabel } from '../collab/labels.js';
import { AnchorPart } from '../collab/plan-parts.js';
import { LessonPlan } from '../domain/index.js';
import { Run } from './schemas.js';

/**
 * Bodies of the collective-prep routes: plan versions with their labels,
 * diffs, comments and open items. The OpenAPI document is generated from these.
 */
// Built here from the label values: `.openapi()` exists only on schemas made by the zod that @hono/zod-openapi extended.
export const LabelField = z.enum(PlanLabel.options).openapi({
  description: Object.entries(PLAN_LABEL_NAMES)
    .map(([label, name]) => `${label} ${name}`)
    .join(', '),
});

const versionFields = {
  id: z.string(),
  number: z.number().int(),
  label: LabelField,
  labelName: z.string().openapi({ example: '共案' }),
  cycle: z.number().int().openapi({ description: 'The round of the loop: a new cycle after a 终案 counts up' }),
  author: z.string().openapi({ description: 'Who made it: a teacher’s name, or the engine for an AI draft' }),
  authorId: z.string().nullable(),
  basedOn: z.string().nullable(),
  runId: z.string().nullable(),
  createdAt: z.string(),
};
export const PlanVersionSummary = z.object(versionFields).openapi('PlanVersionSummary');
export const PlanVersion = z.object({ ...versionFields, plan: LessonPlan }).openapi('PlanVersion');

export const PlanEdit = z
  .object({
    plan: LessonPlan,
    /** The version the edit started from; a newer version since then is a 409, so no one's edit is silently overwritten. */
    basedOn: z.string().min(1).openapi({ description: 'The id of the version the edit started from; must be the newest' }),
    label: z
      .enum(['revision', 'initial', 'shared'])
      .default('revision')
      .openapi({ description: 'revision 修订 (default), initial 初案, shared 共案' }),
  })
  .openapi('PlanEdit');

export const PlanEditResult = z.object({ version: PlanVersion, run: Run }).openapi('PlanEditResult');

export const LabelInput = z
  .object({
    basedOn: z.string().min(1).openapi({ description: 'The newest version, which the new one copies' }),
    label: z.enum(['initial', 'shared', 'final']).openapi({ description: 'initial 初案, shared 共案, final 终案 (locks the plan)' }),
  })
  .openapi('LabelInput');

export const CycleInput = z.object({ basedOn: z.string().min(1).openapi({ description: 'The 终案 to start from' }) }).openapi('CycleInput');

export const VersionParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
  versionId: z.string().openapi({ param: { name: 'versionId', in: 'path' } }),
});

export const DiffQuery = z.object({
  from: z.string().optional().openapi({ description: 'default: the version `to` was based on' }),
  to: z.string().optional().openapi({ description: 'default: the newest version' }),
  format: z.enum(['json', 'text']).optional().openapi({ description: 'text: a plain-text rendering for reading or mailing' }),
});

const Segment = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export const PlanDiff = z
  .object({
    from: PlanVersionSummary,
    to: PlanVersionSummary,
    summary: z.string(),
    changes: z.array(
      z.object({
        part: AnchorPart,
        id: z.string(),
        label: z.string(),
        change: z.enum(['added', 'removed', 'changed']),
        fields: z.array(
          z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string(), segments: z.array(Segment) }),
        ),
      }),
    ),
  })
  .openapi('PlanDiff');

export const AnchorBody = z
  .object({
    part: AnchorPart,
    id: z.string().trim().min(1).max(60).openapi({ example: 'S2' }),
    field: z.string().trim().min(1).max(40).optional().openapi({ example: 'teacherActivity' }),
  })
  .openapi('Anchor', {
    description:
      'A plan part by id: objective O1, step S2 (by position until steps carry ids), sheetItem P1/E1/M1, keyPoint K1, difficultPoint D1, misconception W1, board, homework basic-1, slide slide-3, section textbookAnalysis …',
  });

export const CommentInput = z
  .object({
    anchor: AnchorBody,
    body: z.string().trim().min(1).max(4000).openapi({ example: '导入的情境离学生生活远了些' }),
    suggestion: z
      .string()
      .trim()
      .min(1)
      .max(4000)
      .optional()
      .openapi({ description: 'Replacement text for the anchored field; the lead may accept it' }),
    versionId: z.string().optional().openapi({ description: 'default: the newest version' }),
  })
  .openapi('CommentInput');

export const ReplyInput = z.object({ body: z.string().trim().min(1).max(4000) }).openapi('ReplyInput');

export const CommentEdit = z
  .object({
    body: z.string().trim().min(1).max(4000).openapi({ example: '导入的情境离农村学生的生活远了些' }),
    suggestion: z
      .string()
      .trim()
      .min(1)
      .max(4000)
      .optional()
      .openapi({ description: 'New replacement text, only for a comment whose suggestion the lead has not decided yet' }),
  })
  .openapi('CommentEdit');

export const Comment = z
  .object({
    id: z.string(),
    lessonId: z.string(),
    versionId: z.string(),
    versionNumber: z.number().int(),
    parentId: z.string().nullable(),
    authorId: z.string(),
    authorName: z.string(),
    anchor: AnchorBody.nullable(),
    quote: z.string().nullable().openapi({ description: 'The anchored text when the comment was made' }),
    body: z.string(),
    suggestion: z.string().nullable(),
    status: z.enum(['open', 'resolved']),
    suggestionStatus: z.enum(['pending', 'accepted', 'rejected']).nullable(),
    appliedVersionId: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    createdAt: z.string(),
    editedAt: z.string().nullable().openapi({ description: 'When its author last changed it; null if never' }),
  })
  .openapi('Comment');

export const Thread = Comment.extend({ replies: z.array(Comment) }).openapi('Thread');

export const CommentsQuery = z.object({
  versionId: z.string().optional().openapi({ description: 'only threads made on this version' }),
  status: z.enum(['open', 'resolved']).optional(),
});

export const AcceptInput = z
  .object({
    basedOn: z.string().min(1).openapi({ description: 'The newest version; the suggestion is applied to it' }),
    label: z.enum(['revision', 'shared']).default('revision').openapi({ description: 'revision 修订 (default) or shared 共案' }),
  })
  .openapi('AcceptInput');

export const AcceptResult = z.object({ comment: Comment, version: PlanVersion, run: Run }).openapi('AcceptResult');

export const OpenItems = z
  .object({
    version: PlanVersionSummary,
    items: z.array(
      Comment.extend({
        replies: z.number().int(),
        /** The anchored text in this version, or null when the part is gone from it. */
        current: z.string().nullable(),
        location: z.string().nullable().openapi({ example: '教学过程 S2「探究新知」' }),
      }),
    ),
  })
  .openapi('OpenItems');
