import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type LessonRole, may } from '../../accounts/access.js';
import { roleInGroup } from '../../accounts/groups.js';
import {
  addComment,
  type CommentRow,
  type CommentWithNames,
  decideSuggestion,
  deleteComment,
  editComment,
  getComment,
  getNamedComment,
  listComments,
  openThreadsUpTo,
  replyAuthors,
  setThreadStatus,
} from '../../collab/comments.js';
import { applySuggestion, replacedText, resolveAnchor, suggestionRefusal } from '../../collab/plan-parts.js';
import { LessonPlan } from '../../domain/index.js';
import { latestArtifactJson } from '../../lessons/artifacts.js';
import type { LessonRow } from '../../lessons/lessons.js';
import { readStoredPlan } from '../../lessons/plan-upgrade.js';
import { getPlanVersion, latestPlanVersion, lessonVersion } from '../../lessons/plans.js';
import { type App, type AppEnv, lessonFor } from '../auth.js';
import {
  AcceptInput,
  AcceptResult,
  Comment,
  CommentEdit,
  CommentInput,
  CommentsQuery,
  OpenItems,
  ReplyInput,
  Thread,
  VersionParams,
} from '../collab-schemas.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, jsonResponse as json, jsonRequest } from '../schemas.js';
import { saveVersion, versionSummary, versionView } from './plans.js';

async function named(ctx: ServiceContext, row: CommentRow): Promise<CommentWithNames> {
  return (await getNamedComment(ctx.db, row.id))!;
}

const commentView = ({ anchor, ...comment }: CommentWithNames) => ({ ...comment, anchor: anchor ?? null });

/** Threads with their replies in order. */
function threads(rows: CommentWithNames[]) {
  return rows
    .filter((c) => c.parentId === null)
    .map((thread) => ({ ...commentView(thread), replies: rows.filter((c) => c.parentId === thread.id).map(commentView) }));
}

/** Comments on plan versions 研讨意见: threads anchored to a plan part, replies, resolve and reopen, and the lead's decision on a suggestion. */
export function commentRoutes(app: App, ctx: ServiceContext): void {
  const { db } = ctx;

  /** The comment, if the signed-in user may do this with its lesson; otherwise the comment is not found. */
  const commentFor = async (c: Context<AppEnv>, id: string, action: 'view' | 'comment' | 'edit') => {
    const comment = await getComment(db, id);
    if (!comment) throw notFound('评论', id);
    const access = await lessonFor(ctx, c, comment.lessonId, action, notFound('评论', id));
    return { comment, ...access };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/comments',
      tags: ['comments'],
      summary: 'The lesson’s comment threads with their replies, oldest first; filter by version or status',
      request: { params: IdParam, query: CommentsQuery },
      responses: { 200: json(z.array(Thread), 'Threads'), 401: error('Not signed in'), 404: error('No such lesson') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await lessonFor(ctx, c, id, 'view');
      return c.json(threads(await listComments(db, id, c.req.valid('query'))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/lessons/{id}/comments',
      tags: ['comments'],
      summary: 'Comment on a part of a plan version by anchor, optionally with suggested replacement text',
      request: { params: IdParam, body: jsonRequest(CommentInput) },
      responses: {
        201: json(Thread, 'The new thread'),
        400: error('The anchor is not in that version, or a suggestion on a part that cannot take one'),
        401: error('Not signed in'),
        403: error('An observer'),
        404: error('No such lesson or version'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { user } = await lessonFor(ctx, c, id, 'comment');
      const input = c.req.valid('json');
      const version = input.versionId ? await lessonVersion(db, id, input.versionId) : latestPlanVersion(db, id);
      if (!version) throw input.versionId ? notFound('版本', input.versionId) : new ApiError(404, 'no-plan', '这节课还没有教学设计');
      const deck = input.anchor.part === 'slide' ? latestArtifactJson(db, id, 'C2') : null;
      const resolved = resolveAnchor(version.json, input.anchor, deck);
      if (!resolved)
        throw new ApiError(
          400,
          'bad-anchor',
          `第 ${version.number} 版里没有评论所指的位置（${input.anchor.part} ${input.anchor.id}${input.anchor.field ? ` ${input.anchor.field}` : ''}）`,
        );
      if (input.suggestion) {
        const why = suggestionRefusal(version.json, input.anchor);
        if (why) throw new ApiError(400, 'bad-suggestion', why);
      }
      const quote = input.suggestion ? replacedText(version.json, input.anchor) : resolved.text;
      const comment = await addComment(db, {
        lessonId: id,
        versionId: version.id,
        authorId: user.id,
        anchor: input.anchor,
        quote,
        body: input.body,
        suggestion: input.suggestion ?? null,
        parentId: null,
      });
      return c.json({ ...commentView(await named(ctx, comment)), replies: [] }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/comments/{id}/replies',
      tags: ['comments'],
      summary: 'Reply in a thread',
      request: { params: IdParam, body: jsonRequest(ReplyInput) },
      responses: {
        201: json(Comment, 'The reply'),
        400: error('Invalid body'),
        401: error('Not signed in'),
        403: error('An observer'),
        404: error('No such comment'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { comment, user } = await commentFor(c, id, 'comment');
      const threadId = comment.parentId ?? comment.id;
      const reply = await addComment(db, {
        lessonId: comment.lessonId,
        versionId: comment.versionId,
        authorId: user.id,
        anchor: null,
        quote: null,
        body: c.req.valid('json').body,
        suggestion: null,
        parentId: threadId,
      });
      return c.json(commentView(await named(ctx, reply)), 201);
    },
  );

  for (const [action, status] of [
    ['resolve', 'resolved'],
    ['reopen', 'open'],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/comments/{id}/${action}`,
        tags: ['comments'],
        summary:
          action === 'resolve'
            ? 'Mark a thread resolved (its author, the owner or a lead)'
            : 'Reopen a resolved thread (its author, the owner or a lead)',
        request: { params: IdParam },
        responses: {
          200: json(Comment, 'The thread'),
          401: error('Not signed in'),
          403: error('Neither the author nor a lead'),
          404: error('No such comment'),
          409: error('A reply, not a thread'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { comment, role, user } = await commentFor(c, id, 'comment');
        if (comment.parentId) throw new ApiError(409, 'not-a-thread', '只能解决或重新打开整条讨论，不能单独处理回复');
        if (comment.authorId !== user.id && !may(role, 'edit'))
          throw new ApiError(403, 'forbidden', '只有评论者本人、主备或组长可以处理这条讨论');
        const changed = await setThreadStatus(db, id, status, user.id, ctx.clock().toISOString());
        return c.json(commentView(await named(ctx, changed)), 200);
      },
    );
  }

  /**
   * The group's lead 组长 moderates its discussion. The lesson's owner counts
   * only when she also leads the group: a 主备 cannot delete her colleagues'
   * criticism of her own plan.
   */
  const leadsGroup = async (lesson: LessonRow, role: LessonRole, userId: string) =>
    role === 'lead' || (lesson.groupId !== null && (await roleInGroup(db, lesson.groupId, userId)) === 'lead');

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/comments/{id}',
      tags: ['comments'],
      summary: 'Edit one’s own comment or reply (its words, and a suggestion the lead has not decided yet); marked as edited',
      request: { params: IdParam, body: jsonRequest(CommentEdit) },
      responses: {
        200: json(Comment, 'The edited comment'),
        400: error('Invalid body, or a suggestion given for a comment that has none'),
        401: error('Not signed in'),
        403: error('Not the comment’s author'),
        404: error('No such comment'),
        409: error('Its suggestion was already accepted or rejected'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { comment, user } = await commentFor(c, id, 'comment');
      if (comment.authorId !== user.id) throw new ApiError(403, 'forbidden', '只有评论者本人可以修改这条评论');
      const input = c.req.valid('json');
      if (comment.suggestionStatus === 'accepted' || comment.suggestionStatus === 'rejected') {
        const decided = comment.suggestionStatus === 'accepted' ? '已被采纳' : '已被处理为不采纳';
        throw new ApiError(409, 'suggestion-decided', `这条修改建议${decided}，不能再修改；如需补充，请在讨论里回复`);
      }
      if (input.suggestion !== undefined && comment.suggestionStatus !== 'pending')
        throw new ApiError(400, 'no-suggestion', '这条评论没有修改建议，不能改建议文字；可以另发一条带建议的评论');
      const edited = editComment(db, id, { body: input.body, suggestion: input.suggestion, at: ctx.clock().toISOString() });
      return c.json(commentView(await named(ctx, edited)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/comments/{id}',
      tags: ['comments'],
      summary:
        'Delete a comment (a thread goes with its replies): its author, while no one else has replied, or the group’s lead; never an accepted suggestion',
      request: { params: IdParam },
      responses: {
        204: { description: 'Deleted' },
        401: error('Not signed in'),
        403: error('Neither the author nor the group’s lead'),
        404: error('No such comment'),
        409: error('An accepted suggestion, or a thread others have replied to (only the lead may delete it)'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { comment, lesson, role, user } = await commentFor(c, id, 'comment');
      const lead = await leadsGroup(lesson, role, user.id);
      if (comment.authorId !== user.id && !lead) throw new ApiError(403, 'forbidden', '只有评论者本人或教研组组长可以删除这条评论');
      if (comment.suggestionStatus === 'accepted') {
        const made = comment.appliedVersionId ? getPlanVersion(db, comment.appliedVersionId) : null;
        throw new ApiError(
          409,
          'suggestion-accepted',
          `这条建议已被采纳${made ? `（第 ${made.number} 版）` : ''}，是版本记录的一部分，不能删除`,
        );
      }
      const others = [...replyAuthors(db, id)].filter((author) => author !== user.id);
      if (!comment.parentId && others.length > 0 && !lead)
        throw new ApiError(409, 'has-replies', '这条讨论已有其他老师回复，不能删除；可以修改您的评论，或请组长删除整条讨论');
      deleteComment(db, id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/comments/{id}/accept',
      tags: ['comments'],
      summary: 'Accept a suggestion (owner or lead): applied to the newest version as a new 修订 or 共案, the thread resolved',
      request: { params: IdParam, body: jsonRequest(AcceptInput) },
      responses: {
        201: json(AcceptResult, 'The comment, the new version and the run that re-makes the outline and deck'),
        400: error('The result is not a valid plan'),
        401: error('Not signed in'),
        403: error('Not the owner or a lead'),
        404: error('No such comment'),
        409: error('No pending suggestion, the text changed since the comment, a newer version, a locked 终案, or a run under way'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { comment, user } = await commentFor(c, id, 'edit');
      const input = c.req.valid('json');
      if (comment.suggestionStatus !== 'pending' || !comment.anchor || comment.suggestion === null) {
        throw new ApiError(409, 'no-suggestion', '这条评论没有待处理的修改建议');
      }
      const base = await lessonVersion(db, comment.lessonId, input.basedOn);
      if (!base) throw notFound('版本', input.basedOn);
      // The suggestion replaces the text the commenter saw; if someone has changed it since, the lead decides again.
      const current = replacedText(base.json, comment.anchor);
      if (current === null) throw new ApiError(409, 'anchor-gone', `第 ${base.number} 版里已没有评论所指的内容`);
      if (current !== comment.quote) {
        throw new ApiError(409, 'anchor-changed', '评论所指的文字在评论之后已被修改，请重新比对后手动修改', {
          quote: comment.quote,
          current,
        });
      }
      const parsed = LessonPlan.safeParse(applySuggestion(readStoredPlan(base.json), comment.anchor, comment.suggestion));
      if (!parsed.success) throw new ApiError(400, 'invalid-plan', '采纳后教学设计不符合要求', parsed.error.issues);
      const at = ctx.clock().toISOString();
      let decided: CommentRow | null = null;
      const { version, run } = saveVersion(
        ctx,
        comment.lessonId,
        user,
        parsed.data,
        { label: input.label, basedOn: input.basedOn },
        (tx, made) => {
          decided = decideSuggestion(tx, id, { status: 'accepted', by: user.id, at, appliedVersionId: made.id });
        },
      );
      return c.json({ comment: commentView(await named(ctx, decided!)), version: versionView(version), run }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/comments/{id}/reject',
      tags: ['comments'],
      summary: 'Reject a suggestion (owner or lead); the thread is resolved and can be reopened',
      request: { params: IdParam },
      responses: {
        200: json(Comment, 'The comment'),
        401: error('Not signed in'),
        403: error('Not the owner or a lead'),
        404: error('No such comment'),
        409: error('No pending suggestion'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { comment, user } = await commentFor(c, id, 'edit');
      if (comment.suggestionStatus !== 'pending') throw new ApiError(409, 'no-suggestion', '这条评论没有待处理的修改建议');
      const decided = decideSuggestion(db, id, { status: 'rejected', by: user.id, at: ctx.clock().toISOString(), appliedVersionId: null });
      return c.json(commentView(await named(ctx, decided)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/plan/versions/{versionId}/open-items',
      tags: ['comments'],
      summary: 'What is still open at a version: unresolved threads made on it or before, each with the anchored text as it stands in it',
      request: { params: VersionParams },
      responses: { 200: json(OpenItems, 'Open items'), 401: error('Not signed in'), 404: error('No such lesson or version') },
    }),
    async (c) => {
      const { id, versionId } = c.req.valid('param');
      await lessonFor(ctx, c, id, 'view');
      const version = await lessonVersion(db, id, versionId);
      if (!version) throw notFound('版本', versionId);
      const all = await listComments(db, id);
      const deck = latestArtifactJson(db, id, 'C2');
      const items = (await openThreadsUpTo(db, id, version.number)).map((thread) => {
        const resolved = thread.anchor ? resolveAnchor(version.json, thread.anchor, deck) : null;
        return {
          ...commentView(thread),
          replies: all.filter((r) => r.parentId === thread.id).length,
          current: resolved?.text ?? null,
          location: resolved?.part.label ?? null,
        };
      });
      return c.json({ version: versionSummary(version), items }, 200);
    },
  );
}
