import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { getLesson } from '../../lessons/lessons.js';
import { teacherEdit } from '../../lessons/plan-edits.js';
import { readStoredPlan } from '../../lessons/plan-upgrade.js';
import { addPlanVersion, latestPlanVersion, listPlanVersions, type PlanVersionRow } from '../../lessons/plans.js';
import { latestRunOf } from '../../lessons/runs.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import {
  errorResponse as error,
  IdParam,
  jsonResponse as json,
  jsonRequest,
  PlanEdit,
  PlanEditResult,
  PlanVersion,
  PlanVersionSummary,
} from '../schemas.js';
import { queueRun, runSettings } from './runs.js';

/** A version as the API shows it; a plan stored in an older shape is upgraded on the way out. */
function versionView(row: PlanVersionRow) {
  const { json, lessonId: _lesson, ...meta } = row;
  return { ...meta, plan: readStoredPlan(json) };
}

export function planRoutes(app: OpenAPIHono, ctx: ServiceContext): void {
  const { db } = ctx;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/plan',
      tags: ['plans'],
      summary: 'The current plan version',
      request: { params: IdParam },
      responses: { 200: json(PlanVersion, 'The newest version'), 404: error('No such lesson, or no plan yet') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      if (!getLesson(db, id)) throw notFound('课程', id);
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
      summary: 'Save an edited plan as a new version and re-run only what depends on it (video outline, deck)',
      request: { params: IdParam, body: jsonRequest(PlanEdit) },
      responses: {
        201: json(PlanEditResult, 'The new version and the run that re-makes the video outline and deck'),
        400: error('Invalid plan (e.g. minutes do not add up)'),
        404: error('No such lesson'),
        409: error('The plan changed since basedOn, or a run is under way'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const edit = c.req.valid('json');
      if (!getLesson(db, id)) throw notFound('课程', id);
      const latest = latestPlanVersion(db, id);
      if (!latest) throw new ApiError(409, 'no-plan', '这节课还没有生成过教学设计，无法保存修改');
      if (edit.basedOn && edit.basedOn !== latest.id) {
        throw new ApiError(409, 'stale-edit', `教学设计已有更新的版本（第 ${latest.number} 版），请在最新版本上修改`, {
          latest: latest.id,
        });
      }
      // The re-run keeps the lesson's engine and theme, and everything that could stop it is checked before the version is stored.
      const previous = latestRunOf(db, id);
      const options = {
        theme: previous?.theme,
        engine: previous ? (previous.engine === 'offline' ? ('offline' as const) : ('openai' as const)) : undefined,
      };
      runSettings(ctx, id, options);
      // What she changed becomes hers; what she left keeps the origin it had.
      const version = addPlanVersion(db, id, teacherEdit(readStoredPlan(latest.json), edit.plan), {
        label: edit.label,
        author: edit.author,
        basedOn: edit.basedOn ?? latest.id,
        runId: null,
      });
      const run = queueRun(ctx, id, { ...options, planVersionId: version.id });
      return c.json({ version: versionView(version), run }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/plan/versions',
      tags: ['plans'],
      summary: 'Every plan version, newest first: who, when, from which',
      request: { params: IdParam },
      responses: { 200: json(z.array(PlanVersionSummary), 'Versions'), 404: error('No such lesson') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      if (!getLesson(db, id)) throw notFound('课程', id);
      return c.json(
        listPlanVersions(db, id).map(({ lessonId: _lesson, ...meta }) => meta),
        200,
      );
    },
  );
}
