import { createRoute, z } from '@hono/zod-openapi';
import type { UserRow } from '../../accounts/users.js';
import { PLAN_LABEL_NAMES, type PlanLabel } from '../../collab/labels.js';
import { diffPlans, diffText } from '../../collab/lazy-diff.js';
import type { LessonPlan } from '../../domain/index.js';
import { freshStepIds, teacherEdit } from '../../lessons/plan-edits.js';
import { readStoredPlan } from '../../lessons/plan-upgrade.js';
import {
  addPlanVersion,
  latestPlanVersion,
  lessonVersion,
  listPlanVersions,
  PlanVersionRefused,
  type PlanVersionRow,
  stepIdsUsed,
  type VersionAlongside,
} from '../../lessons/plans.js';
import { activeRunOf, latestRunOf } from '../../lessons/runs.js';
import { type App, lessonFor } from '../auth.js';
import {
  CycleInput,
  DiffQuery,
  LabelInput,
  PlanDiff,
  PlanEdit,
  PlanEditResult,
  PlanVersion,
  PlanVersionSummary,
  VersionParams,
} from '../collab-schemas.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, jsonResponse as json, jsonRequest } from '../schemas.js';
import { queueRun, runSettings } from './runs.js';

export function versionSummary({ json: _plan, lessonId: _lesson, ...meta }: PlanVersionRow) {
  return { ...meta, labelName: PLAN_LABEL_NAMES[meta.label] };
}

export function versionView(row: PlanVersionRow) {
  return { ...versionSummary(row), plan: readStoredPlan(row.json) };
}

/** The loop's refusals (locked 终案, a label going back, a stale edit) as 409s. */
function refused(error: unknown): never {
  if (error instanceof PlanVersionRefused) {
    throw new ApiError(409, error.code, error.message);
  }
  throw error;
}

/**
 * Saves a plan as a new version on top of `basedOn` (which must be the newest)
 * and re-runs only what depends on the plan (video outline, deck), keeping the
 * lesson's engine and theme. Everything that could stop the run is checked
 * before the version is stored. Shared by PUT /plan and by accepting a
 * suggestion (which passes `alongside` to mark the comment in the same write).
 */
export function saveVersion(
  ctx: ServiceContext,
  lessonId: string,
  user: UserRow,
  plan: LessonPlan,
  meta: {
    label: PlanLabel;
    basedOn: string;
    /**
     * The plan was made from the newest version by code that gave every block
     * it changed its origin (a model's revision is `model`): stored as it is,
     * not read as her edit.
     */
    keepOrigins?: boolean;
  },
  alongside?: VersionAlongside,
) {
  const { db } = ctx;
  const latest = latestPlanVersion(db, lessonId);
  if (!latest) throw new ApiError(409, 'no-plan', '这节课还没有生成过教学设计，无法保存修改');
  const previous = latestRunOf(db, lessonId);
  const options = {
    theme: previous?.theme,
    engine: previous ? (previous.engine === 'offline' ? ('offline' as const) : ('openai' as const)) : undefined,
  };
  runSettings(ctx, lessonId, options);
  const latestPlan = readStoredPlan(latest.json);
  // A step she added is numbered after every step the lesson ever had, so no old comment lands on it.
  const fresh = freshStepIds(plan, latestPlan, stepIdsUsed(db, lessonId));
  let version: PlanVersionRow;
  try {
    version = addPlanVersion(
      db,
      lessonId,
      // What she changed becomes hers; what she left keeps the origin it had.
      meta.keepOrigins ? fresh : teacherEdit(latestPlan, fresh),
      { label: meta.label, author: user.displayName, authorId: user.id, basedOn: meta.basedOn, runId: null },
      { basedOnLatest: meta.basedOn, alongside },
    );
  } catch (error) {
    refused(error);
  }
  const run = queueRun(ctx, lessonId, { ...options, planVersionId: version.id, createdBy: user.id });
  return { version, run };
}

export function planRoutes(app: App, ctx: ServiceContext): void {
  const { db } = ctx;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/plan',
      tags: ['plans'],
      summary: 'The current plan version',
      request: { params: IdParam },
      responses: {
        200: json(PlanVersion, 'The newest version'),
        401: error('Not signed in'),
        404: error('No such lesson, or no plan yet'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await lessonFor(ctx, c, id, 'view');
      const latest = latestPlanVersion(db, id);
      if (!latest) throw new ApiError(404, 'no-plan', '这节课还没有教学设计，请先生成');
      return c.json(versionView(latest), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/lessons/{id}/plan',
      tags: ['plans'],
      summary:
        'Save an edited plan as a new version (修订, 初案 or 共案) by the signed-in user and re-run only what depends on it (video outline, deck)',
      request: { params: IdParam, body: jsonRequest(PlanEdit) },
      responses: {
        201: json(PlanEditResult, 'The new version and the run that re-makes the video outline and deck'),
        400: error('Invalid plan (e.g. minutes do not add up)'),
        401: error('Not signed in'),
        403: error('Not the owner or a lead'),
        404: error('No such lesson'),
        409: error('The plan changed since basedOn, the plan is a locked 终案, the label goes back, or a run is under way'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { user } = await lessonFor(ctx, c, id, 'edit');
      const edit = c.req.valid('json');
      const { version, run } = saveVersion(ctx, id, user, edit.plan, { label: edit.label, basedOn: edit.basedOn });
      return c.json({ version: versionView(version), run }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/plan/versions',
      tags: ['plans'],
      summary: 'Every plan version, newest first: label, who, when, from which',
      request: { params: IdParam },
      responses: { 200: json(z.array(PlanVersionSummary), 'Versions'), 401: error('Not signed in'), 404: error('No such lesson') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await lessonFor(ctx, c, id, 'view');
      return c.json(
        (await listPlanVersions(db, id)).map(({ lessonId: _lesson, ...meta }) => ({ ...meta, labelName: PLAN_LABEL_NAMES[meta.label] })),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/plan/versions/{versionId}',
      tags: ['plans'],
      summary: 'One plan version with its plan',
      request: { params: VersionParams },
      responses: { 200: json(PlanVersion, 'The version'), 401: error('Not signed in'), 404: error('No such lesson or version') },
    }),
    async (c) => {
      const { id, versionId } = c.req.valid('param');
      await lessonFor(ctx, c, id, 'view');
      const version = await lessonVersion(db, id, versionId);
      if (!version) throw notFound('版本', versionId);
      return c.json(versionView(version), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/lessons/{id}/plan/label',
      tags: ['plans'],
      summary: 'Mark the newest version as 初案, 共案 or 终案 (a new version with the same plan; a 终案 locks the plan)',
      request: { params: IdParam, body: jsonRequest(LabelInput) },
      responses: {
        201: json(PlanVersion, 'The labelled version'),
        400: error('Invalid body'),
        401: error('Not signed in'),
        403: error('Not the owner or a lead'),
        404: error('No such lesson'),
        409: error('Not the newest version, already 终案, the label goes back, or a run is under way'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { user } = await lessonFor(ctx, c, id, 'edit');
      const { basedOn, label } = c.req.valid('json');
      const base = await lessonVersion(db, id, basedOn);
      if (!base) throw notFound('版本', basedOn);
      // A run under way would add its draft on top of a 终案; the lead finalises once it has ended.
      if (activeRunOf(db, id)) throw new ApiError(409, 'run-active', '这节课正在生成中，请等生成结束后再定稿');
      try {
        const version = addPlanVersion(
          db,
          id,
          readStoredPlan(base.json),
          { label, author: user.displayName, authorId: user.id, basedOn, runId: null },
          { basedOnLatest: basedOn },
        );
        return c.json(versionView(version), 201);
      } catch (error) {
        refused(error);
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/lessons/{id}/plan/cycles',
      tags: ['plans'],
      summary: 'Start a new cycle from a locked 终案: a 修订 that copies it and can be edited again',
      request: { params: IdParam, body: jsonRequest(CycleInput) },
      responses: {
        201: json(PlanVersion, 'The first version of the new cycle'),
        400: error('Invalid body'),
        401: error('Not signed in'),
        403: error('Not the owner or a lead'),
        404: error('No such lesson'),
        409: error('The newest version is not a 终案, or basedOn is not the newest'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { user } = await lessonFor(ctx, c, id, 'edit');
      const { basedOn } = c.req.valid('json');
      const base = await lessonVersion(db, id, basedOn);
      if (!base) throw notFound('版本', basedOn);
      try {
        const version = addPlanVersion(
          db,
          id,
          readStoredPlan(base.json),
          { label: 'revision', author: user.displayName, authorId: user.id, basedOn, runId: null },
          { basedOnLatest: basedOn, newCycle: true },
        );
        return c.json(versionView(version), 201);
      } catch (error) {
        refused(error);
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/plan/diff',
      tags: ['plans'],
      summary:
        'What changed between two versions: objectives, process steps and sheet items matched by id, text changes character by character',
      request: { params: IdParam, query: DiffQuery },
      responses: {
        200: {
          content: { 'application/json': { schema: PlanDiff }, 'text/plain': { schema: z.string() } },
          description: 'The diff (JSON, or plain text with format=text)',
        },
        401: error('Not signed in'),
        404: error('No such lesson or version'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const query = c.req.valid('query');
      await lessonFor(ctx, c, id, 'view');
      const to = query.to ? await lessonVersion(db, id, query.to) : latestPlanVersion(db, id);
      if (!to) throw query.to ? notFound('版本', query.to) : new ApiError(404, 'no-plan', '这节课还没有教学设计');
      const fromId = query.from ?? to.basedOn ?? to.id;
      const from = await lessonVersion(db, id, fromId);
      if (!from) throw notFound('版本', fromId);
      const diff = await diffPlans(from.json, to.json);
      if (query.format === 'text') {
        const title = `第 ${from.number} 版（${PLAN_LABEL_NAMES[from.label]}）→ 第 ${to.number} 版（${PLAN_LABEL_NAMES[to.label]}）`;
        return c.text(`${title}\n\n${await diffText(diff)}\n`, 200);
      }
      return c.json({ from: versionSummary(from), to: versionSummary(to), ...diff }, 200);
    },
  );
}
