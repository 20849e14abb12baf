import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { LessonRole } from '../../accounts/access.js';
import { type LessonAction, lessonRole, may } from '../../accounts/access.js';
import { getUser } from '../../accounts/users.js';
import { PLAN_LABEL_NAMES } from '../../collab/labels.js';
import { masteryItems, planSteps, planTitle } from '../../collab/plan-parts.js';
import { getPlanVersion, latestPlanVersion, lessonVersion } from '../../lessons/plans.js';
import { itemCounts } from '../../observe/attainment.js';
import {
  addEvents,
  eventsByObserver,
  findOrCreateObservation,
  getObservation,
  getResults,
  listObservations,
  namedObservation,
  type ObservationRow,
  type ResultsRow,
  saveResults,
} from '../../observe/observations.js';
import { buildReport } from '../../review/report.js';
import { type App, type AppEnv, lessonFor } from '../auth.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import {
  EventBatch,
  EventBatchResult,
  EventsQuery,
  Observation,
  ObservationInput,
  ObserverEvents,
  Report,
  Results,
  ResultsInput,
} from '../observation-schemas.js';
import { errorResponse as error, IdParam, jsonResponse as json, jsonRequest } from '../schemas.js';

/** The observation as the API shows it: with the taught version's number and label, who taught it and who recorded. */
export async function observationView(ctx: ServiceContext, row: ObservationRow) {
  const named = await namedObservation(ctx.db, row);
  const version = getPlanVersion(ctx.db, row.versionId);
  const { classKey: _key, ...rest } = named;
  return {
    ...rest,
    versionNumber: version?.number ?? 0,
    versionLabel: version ? PLAN_LABEL_NAMES[version.label] : '',
    hasResults: (await getResults(ctx.db, row.id)) !== null,
  };
}

/** The results as this role may read them: per-student rows are 学情, for the owner, leads and teachers only. */
function resultsView(row: ResultsRow, role: LessonRole) {
  const mayRead = may(role, 'results');
  return { ...row, students: mayRead ? row.students : null, studentsHidden: !mayRead && row.students !== null };
}

/** The observation, if the signed-in user may do this with its lesson; otherwise it is not found. */
export async function observationFor(ctx: ServiceContext, c: Context<AppEnv>, id: string, action: LessonAction) {
  const observation = await getObservation(ctx.db, id);
  if (!observation) throw notFound('观课记录', id);
  const access = await lessonFor(ctx, c, observation.lessonId, action, notFound('观课记录', id));
  const version = getPlanVersion(ctx.db, observation.versionId);
  if (!version) throw notFound('版本', observation.versionId);
  return { observation, version, ...access };
}

/** The report of one taught lesson from everything recorded for it. */
export async function reportOf(
  ctx: ServiceContext,
  observation: ObservationRow,
  planJson: unknown,
  lesson: { id: string; title: string | null; subject: string; grade: number },
) {
  const results = await getResults(ctx.db, observation.id);
  return buildReport({
    observation: await observationView(ctx, observation),
    lesson: {
      id: lesson.id,
      title: planTitle(planJson) ?? lesson.title ?? lesson.subject,
      subject: lesson.subject,
      grade: lesson.grade,
    },
    plan: planJson,
    observers: await eventsByObserver(ctx.db, observation.id),
    results: results && { classSize: results.classSize, items: results.items, students: results.students },
    settings: ctx.st,
  });
}

/**
 * 观课 with data: a taught lesson is found or made by class and day (so
 * several tablets that start offline land on one), each observer sends her
 * events in batches, a teacher enters the 达标检测 results, and the report
 * aggregates them.
 */
export function observationRoutes(app: App, ctx: ServiceContext): void {
  const { db } = ctx;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/observations',
      tags: ['observations'],
      summary: 'The lesson’s taught lessons (观课) with who recorded them',
      request: { params: IdParam },
      responses: { 200: json(z.array(Observation), 'Observations'), 401: error('Not signed in'), 404: error('No such lesson') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await lessonFor(ctx, c, id, 'view');
      return c.json(await Promise.all((await listObservations(db, id)).map((row) => observationView(ctx, row))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/lessons/{id}/observations',
      tags: ['observations'],
      summary: 'Start observing a taught lesson: found by class and day if a colleague already started it (200), else made (201)',
      request: { params: IdParam, body: jsonRequest(ObservationInput) },
      responses: {
        200: json(Observation, 'The taught lesson a colleague already started'),
        201: json(Observation, 'The new observation'),
        400: error('Invalid body, or the teacher is not in the lesson’s group'),
        401: error('Not signed in'),
        404: error('No such lesson or version'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { lesson, user } = await lessonFor(ctx, c, id, 'observe');
      const input = c.req.valid('json');
      const version = input.versionId ? await lessonVersion(db, id, input.versionId) : latestPlanVersion(db, id);
      if (!version) throw input.versionId ? notFound('版本', input.versionId) : new ApiError(404, 'no-plan', '这节课还没有教学设计');
      const teacherId = input.teacherId ?? lesson.ownerId;
      if (teacherId && input.teacherId) {
        const role = (await getUser(db, teacherId)) ? await lessonRole(db, teacherId, lesson) : null;
        if (!role || !may(role, 'results')) throw new ApiError(400, 'bad-teacher', '执教教师必须是本课的主备或所在教研组的组长、组员');
      }
      const { observation, created } = await findOrCreateObservation(db, {
        lessonId: id,
        versionId: version.id,
        className: input.className,
        taughtOn: input.taughtOn,
        teacherId,
        createdBy: user.id,
      });
      return c.json(await observationView(ctx, observation), created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/observations/{id}',
      tags: ['observations'],
      summary: 'One taught lesson: version, class, day, who taught and who recorded',
      request: { params: IdParam },
      responses: { 200: json(Observation, 'The observation'), 401: error('Not signed in'), 404: error('No such observation') },
    }),
    async (c) => {
      const { observation } = await observationFor(ctx, c, c.req.valid('param').id, 'view');
      return c.json(await observationView(ctx, observation), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/observations/{id}/events',
      tags: ['observations'],
      summary:
        'Send a batch of the signed-in observer’s events (S-T samples, step start/stop, interactions, group work, notes, retractions); idempotent, any order',
      request: { params: IdParam, body: jsonRequest(EventBatch) },
      responses: {
        200: json(EventBatchResult, 'What became of each event: stored, duplicate (already received) or rejected with the reason'),
        400: error('Not a batch of events'),
        401: error('Not signed in'),
        404: error('No such observation'),
      },
    }),
    async (c) => {
      const { observation, version, user } = await observationFor(ctx, c, c.req.valid('param').id, 'observe');
      const steps = new Set(planSteps(version.json).map((s) => s.id));
      const results = await addEvents(db, observation.id, user.id, c.req.valid('json').events, steps);
      const count = (status: string) => results.filter((r) => r.status === status).length;
      return c.json({ stored: count('stored'), duplicates: count('duplicate'), rejected: count('rejected'), results }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/observations/{id}/events',
      tags: ['observations'],
      summary: 'What each observer recorded, as received',
      request: { params: IdParam, query: EventsQuery },
      responses: { 200: json(ObserverEvents, 'Events by observer'), 401: error('Not signed in'), 404: error('No such observation') },
    }),
    async (c) => {
      const { observation } = await observationFor(ctx, c, c.req.valid('param').id, 'view');
      const { observerId } = c.req.valid('query');
      const all = await eventsByObserver(db, observation.id);
      return c.json(observerId ? all.filter((o) => o.observerId === observerId) : all, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/observations/{id}/results',
      tags: ['observations'],
      summary: 'Enter the 达标检测 results (owner, lead or teacher): per item the number correct, or per student the items right',
      request: { params: IdParam, body: jsonRequest(ResultsInput) },
      responses: {
        200: json(Results, 'The results'),
        400: error('An item the taught version’s 达标检测单 does not have, more correct than students, a student twice'),
        401: error('Not signed in'),
        403: error('An observer'),
        404: error('No such observation'),
      },
    }),
    async (c) => {
      const { observation, version, role, user } = await observationFor(ctx, c, c.req.valid('param').id, 'results');
      const input = c.req.valid('json');
      const known = masteryItems(version.json).map((i) => i.id);
      const unknown = [...(input.items?.map((i) => i.itemId) ?? []), ...(input.students?.flatMap((s) => s.correct) ?? [])].filter(
        (itemId) => !known.includes(itemId),
      );
      if (unknown.length > 0)
        throw new ApiError(
          400,
          'unknown-item',
          `第 ${version.number} 版的达标检测单没有这些题：${[...new Set(unknown)].join('、')}（有：${known.join('、')}）`,
        );
      let classSize: number;
      let items: { itemId: string; correct: number }[];
      if (input.students) {
        const names = input.students.map((s) => s.student);
        const twice = names.filter((name, i) => names.indexOf(name) !== i);
        if (twice.length > 0) throw new ApiError(400, 'duplicate-student', `学生重复：${[...new Set(twice)].join('、')}`);
        classSize = input.classSize ?? input.students.length;
        if (classSize < input.students.length)
          throw new ApiError(400, 'bad-class-size', `参测人数 ${classSize} 少于录入的学生数 ${input.students.length}`);
        items = itemCounts(input.students, known);
      } else {
        if (!input.classSize) throw new ApiError(400, 'bad-class-size', '按题录入时请给出参测人数 classSize');
        classSize = input.classSize;
        items = input.items!;
        const itemIds = items.map((i) => i.itemId);
        if (new Set(itemIds).size !== itemIds.length) throw new ApiError(400, 'duplicate-item', '同一道题录入了两次');
        const over = items.filter((i) => i.correct > classSize);
        if (over.length > 0)
          throw new ApiError(400, 'too-many-correct', `答对人数不能超过参测人数 ${classSize}：${over.map((i) => i.itemId).join('、')}`);
      }
      const saved = await saveResults(
        db,
        observation.id,
        { classSize, items, students: input.students ?? null },
        user.id,
        ctx.clock().toISOString(),
      );
      return c.json(resultsView(saved, role), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/observations/{id}/results',
      tags: ['observations'],
      summary: 'The 达标检测 results; per-student rows only for the owner, leads and teachers',
      request: { params: IdParam },
      responses: { 200: json(Results, 'The results'), 401: error('Not signed in'), 404: error('No such observation, or no results yet') },
    }),
    async (c) => {
      const { observation, role } = await observationFor(ctx, c, c.req.valid('param').id, 'view');
      const results = await getResults(db, observation.id);
      if (!results) throw new ApiError(404, 'no-results', '还没有录入达标检测结果');
      return c.json(resultsView(results, role), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/observations/{id}/report',
      tags: ['observations'],
      summary:
        'The review report 评课报告: S-T curves, Rt–Ch with the mode regions, planned vs taught minutes, attainment per objective, interactions, notes by step',
      request: { params: IdParam },
      responses: { 200: json(Report, 'The report'), 401: error('Not signed in'), 404: error('No such observation') },
    }),
    async (c) => {
      const { observation, version, lesson } = await observationFor(ctx, c, c.req.valid('param').id, 'view');
      return c.json(await reportOf(ctx, observation, version.json, lesson), 200);
    },
  );
}
