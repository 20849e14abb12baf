import { createRoute, z } from '@hono/zod-openapi';
import { decideSuggestion, listComments, openThreadsUpTo } from '../../collab/comments.js';
import { planTitle } from '../../collab/plan-parts.js';
import { REFINE_KINDS, REFINE_SECTIONS, RefineKind, RefineSection, refineSection } from '../../collab/refine.js';
import type { RevisionComment } from '../../collab/revise.js';
import { modelRevision, offlineRevision } from '../../collab/revise.js';
import { addRevision, listRevisions } from '../../collab/revisions.js';
import { LessonPlan } from '../../domain/index.js';
import { ModelError } from '../../errors.js';
import { readStoredPlan } from '../../lessons/plan-upgrade.js';
import { getPlanVersion, latestPlanVersion, lessonVersion } from '../../lessons/plans.js';
import { ResponseCache } from '../../llm/response-cache.js';
import { listObservations } from '../../observe/observations.js';
import { findingsOf } from '../../review/findings.js';
import { type App, lessonFor } from '../auth.js';
import { PlanVersion } from '../collab-schemas.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { ReviseInput, RevisionView } from '../observation-schemas.js';
import { errorResponse as error, IdParam, jsonResponse as json, jsonRequest, Run } from '../schemas.js';
import { reportOf } from './observations.js';
import { saveVersion, versionView } from './plans.js';
import { engineFor } from './reviews.js';

const ReviseResult = z.object({ revision: RevisionView, version: PlanVersion.nullable(), run: Run.nullable() }).openapi('ReviseResult', {
  description: 'The revision record, and the new version with the run that re-makes the outline and deck (null when nothing changed)',
});

const RefineInput = z
  .object({
    basedOn: z.string().min(1).openapi({ description: 'The version the refinement starts from; must be the newest' }),
    section: RefineSection.openapi({
      description: Object.entries(REFINE_SECTIONS)
        .map(([id, s]) => `${id} ${s.label}`)
        .join(', '),
    }),
    kind: RefineKind.openapi({
      description: Object.entries(REFINE_KINDS)
        .map(([id, k]) => `${id} ${k.label}`)
        .join(', '),
    }),
  })
  .openapi('RefineInput');

const RefineResult = z
  .object({
    version: PlanVersion,
    run: Run,
    note: z.string().openapi({ description: "The model's change note" }),
    refused: z.array(z.string()).openapi({ description: 'Changes the model proposed that could not be applied, as sentences' }),
  })
  .openapi('RefineResult', { description: 'The new 修订 version and the run that re-makes the outline and deck' });

/** The lead's AI revision 修订 from the group's comments and the observation findings. */
export function revisionRoutes(app: App, ctx: ServiceContext): void {
  const { db } = ctx;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/lessons/{id}/plan/revise',
      tags: ['plans'],
      summary:
        'Revise the plan from comments and observation findings (owner or lead): suggestions applied exactly; with a model, the rest revised with a note per comment; offline, the rest listed as to-do',
      request: { params: IdParam, body: jsonRequest(ReviseInput) },
      responses: {
        201: json(ReviseResult, 'The revision'),
        400: error('A comment or observation not of this lesson'),
        401: error('Not signed in'),
        403: error('Not the owner or a lead'),
        404: error('No such lesson or version'),
        409: error('Not the newest version, a locked 终案, or a run under way'),
        503: error('Model requested but not configured or unavailable'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { lesson, user } = await lessonFor(ctx, c, id, 'edit');
      const input = c.req.valid('json');
      const base = await lessonVersion(db, id, input.basedOn);
      if (!base) throw notFound('版本', input.basedOn);
      if (base.label === 'final') throw new ApiError(409, 'plan-final', '终案已锁定，如需修改请开始新一轮（POST …/plan/cycles）');
      const engine = engineFor(ctx, input.engine);
      // A plan stored by an older lessonprep is revised in the current shape, as any edit of it is saved.
      const basePlan = readStoredPlan(base.json);

      // 1. The threads to act on, with their pending suggestions.
      const threads = input.commentIds
        ? (await listComments(db, id)).filter((t) => t.parentId === null && input.commentIds!.includes(t.id))
        : await openThreadsUpTo(db, id, base.number);
      const missing = (input.commentIds ?? []).filter((cid) => !threads.some((t) => t.id === cid));
      if (missing.length > 0) throw new ApiError(400, 'unknown-comment', `这节课没有这些评论：${missing.join('、')}`);
      const comments: RevisionComment[] = threads.map((t) => ({
        id: t.id,
        anchor: t.anchor,
        body: t.body,
        quote: t.quote,
        suggestion: t.suggestionStatus === 'pending' ? t.suggestion : null,
      }));

      // 2. What the taught lessons showed.
      const observations = (await listObservations(db, id)).filter((o) =>
        input.observationIds ? input.observationIds.includes(o.id) : getPlanVersion(db, o.versionId)?.cycle === base.cycle,
      );
      const unknown = (input.observationIds ?? []).filter((oid) => !observations.some((o) => o.id === oid));
      if (unknown.length > 0) throw new ApiError(400, 'unknown-observation', `这节课没有这些观课记录：${unknown.join('、')}`);
      const findings = [];
      for (const observation of observations) {
        const taught = getPlanVersion(db, observation.versionId);
        if (taught) findings.push(...findingsOf(await reportOf(ctx, observation, taught.json, lesson)));
      }

      // 3. The revision, by the engine asked for.
      const title = planTitle(basePlan) ?? lesson.title ?? lesson.subject;
      const revision =
        engine.kind === 'model'
          ? await modelRevision(engine.config, engine.cache, basePlan, comments, findings, {
              subject: lesson.subject,
              title,
              grade: lesson.grade,
            })
          : { ...offlineRevision(basePlan, comments, findings), promptVersion: null };
      const record = {
        lessonId: id,
        baseVersionId: base.id,
        engine: engine.kind === 'model' ? 'openai-compatible' : 'offline',
        model: engine.kind === 'model' ? engine.config.model : null,
        promptVersion: revision.promptVersion,
        notes: revision.notes,
        todo: revision.todo,
        createdBy: user.id,
      };
      if (!revision.changed) {
        const saved = addRevision(db, { ...record, versionId: null });
        return c.json({ revision: saved, version: null, run: null }, 201);
      }
      const parsed = LessonPlan.safeParse(revision.plan);
      if (!parsed.success) throw new ApiError(502, 'invalid-revision', '修订后的教学设计不符合要求', parsed.error.issues);
      const at = ctx.clock().toISOString();
      let saved: ReturnType<typeof addRevision> | null = null;
      const { version, run } = saveVersion(
        ctx,
        id,
        user,
        parsed.data,
        // Suggestions applied are hers, the model's rewrites the model's: plan-parts set each block's origin.
        { label: input.label, basedOn: input.basedOn, keepOrigins: true },
        (tx, made) => {
          for (const commentId of revision.accepted)
            decideSuggestion(tx, commentId, { status: 'accepted', by: user.id, at, appliedVersionId: made.id });
          saved = addRevision(tx, { ...record, versionId: made.id });
        },
      );
      return c.json({ revision: saved!, version: versionView(version), run }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/lessons/{id}/plan/refine',
      tags: ['plans'],
      summary:
        'Refine one section of the plan with the model (owner or lead): easier, harder, shorter, more detail or tiered, saved as a new 修订 version with the change note',
      request: { params: IdParam, body: jsonRequest(RefineInput) },
      responses: {
        201: json(RefineResult, 'The refined version'),
        400: error('Invalid body'),
        401: error('Not signed in'),
        403: error('Not the owner or a lead'),
        404: error('No such lesson or version'),
        409: error('Not the newest version, a locked 终案, or a run under way'),
        422: error('No model configured (refinement needs one), or the model changed nothing'),
        502: error('The model answered twice with a refinement that breaks the plan’s rules'),
        503: error('The model is unavailable'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { lesson, user } = await lessonFor(ctx, c, id, 'edit');
      const input = c.req.valid('json');
      // Offline there is no rule that could write an easier or harder text honestly: the feature needs a model.
      if (!ctx.modelConfig)
        throw new ApiError(
          422,
          'model-required',
          '调整需要大模型：服务没有配置模型。请管理员设置 LLM_BASE_URL、LLM_MODEL（和 LLM_API_KEY）后重启服务，或直接在页面上修改这一部分。',
        );
      const base = await lessonVersion(db, id, input.basedOn);
      if (!base) throw notFound('版本', input.basedOn);
      if (base.label === 'final') throw new ApiError(409, 'plan-final', '终案已锁定，如需修改请开始新一轮（POST …/plan/cycles）');
      const latest = latestPlanVersion(db, id);
      // Checked before asking the model, so a stale page does not spend a model call; saveVersion checks again.
      if (latest && latest.id !== base.id) throw new ApiError(409, 'stale-version', '教学设计在你打开之后有了新版本，请刷新后再调整');
      const basePlan = readStoredPlan(base.json);
      let refined: Awaited<ReturnType<typeof refineSection<typeof basePlan>>>;
      try {
        refined = await refineSection(ctx.modelConfig, new ResponseCache(db), basePlan, input.section, input.kind, {
          subject: lesson.subject,
          title: planTitle(basePlan) ?? lesson.title ?? lesson.subject,
          grade: lesson.grade,
        });
      } catch (failure) {
        if (failure instanceof ModelError && failure.kind === 'invalid-output')
          throw new ApiError(502, 'invalid-refinement', `模型两次给出的调整都不合要求，教学设计没有改动。${failure.message}`);
        throw failure;
      }
      const label = `${REFINE_SECTIONS[input.section].label}「${REFINE_KINDS[input.kind].label}」`;
      if (refined.changed === 0)
        throw new ApiError(422, 'refine-unchanged', `模型没有对${label}做任何修改，教学设计保持原样。${refined.refused.join('；')}`);
      const parsed = LessonPlan.safeParse(refined.plan);
      if (!parsed.success) throw new ApiError(502, 'invalid-refinement', `调整后的教学设计不符合要求，没有保存`, parsed.error.issues);
      const { version, run } = saveVersion(ctx, id, user, parsed.data, { label: 'revision', basedOn: input.basedOn, keepOrigins: true });
      return c.json({ version: versionView(version), run, note: `${label}：${refined.note}`, refused: refined.refused }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/plan/revisions',
      tags: ['plans'],
      summary: 'The revisions asked for, newest first, with their change notes and to-do items',
      request: { params: IdParam },
      responses: { 200: json(z.array(RevisionView), 'Revisions'), 401: error('Not signed in'), 404: error('No such lesson') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await lessonFor(ctx, c, id, 'view');
      return c.json(
        (await listRevisions(db, id)).map(({ promptVersion: _p, ...row }) => row),
        200,
      );
    },
  );
}
