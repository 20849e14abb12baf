import { createRoute, z } from '@hono/zod-openapi';
import type { LessonRole } from '../../accounts/access.js';
import { groupsOfUser, roleInGroup } from '../../accounts/groups.js';
import type { UserRow } from '../../accounts/users.js';
import { createLesson, deleteLesson, type LessonRow, listLessonsOf, updateLesson } from '../../lessons/lessons.js';
import { activeRunOf } from '../../lessons/runs.js';
import { type App, currentUser, lessonFor } from '../auth.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, jsonResponse as json, jsonRequest, Lesson, LessonInput, LessonPatch } from '../schemas.js';

/** The API's lesson: the row without the CLI's internal fingerprint, with what the signed-in user is to it. */
function lessonView({ fingerprint: _cli, ...lesson }: LessonRow, role: LessonRole): z.infer<typeof Lesson> {
  return { ...lesson, role };
}

/** A group a lesson may be shared with: one where the user drafts lessons (lead or teacher). */
async function checkGroup(ctx: ServiceContext, user: UserRow, groupId: string): Promise<void> {
  const role = await roleInGroup(ctx.db, groupId, user.id);
  if (!role) throw notFound('教研组', groupId);
  if (role === 'observer') throw new ApiError(403, 'forbidden', '观课员不能在教研组里建课');
}

export function lessonRoutes(app: App, ctx: ServiceContext): void {
  const { db } = ctx;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/lessons',
      tags: ['lessons'],
      summary: 'Create a lesson (课题, 学科, 年级 …), owned by the signed-in teacher, optionally shared with one of her groups',
      request: { body: jsonRequest(LessonInput) },
      responses: {
        201: json(Lesson, 'The new lesson'),
        400: error('Invalid body'),
        401: error('Not signed in'),
        403: error('An observer in that group'),
        404: error('Not in that group'),
      },
    }),
    async (c) => {
      const user = currentUser(c);
      const body = c.req.valid('json');
      if (body.groupId) await checkGroup(ctx, user, body.groupId);
      const lesson = await createLesson(
        db,
        {
          title: body.title,
          subject: body.subject,
          grade: body.grade,
          periodMinutes: body.periodMinutes ?? null,
          edition: body.edition ?? null,
          unit: body.unit ?? null,
          classProfile: body.classProfile ?? null,
        },
        { ownerId: user.id, groupId: body.groupId ?? null },
      );
      return c.json(lessonView(lesson, 'owner'), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons',
      tags: ['lessons'],
      summary: 'The lessons one owns or shares through one’s groups, newest first',
      responses: { 200: json(z.array(Lesson), 'Lessons'), 401: error('Not signed in') },
    }),
    async (c) => {
      const user = currentUser(c);
      const groups = await groupsOfUser(db, user.id);
      const roles = new Map(groups.map((g) => [g.id, g.role]));
      const lessons = await listLessonsOf(db, user.id, [...roles.keys()]);
      return c.json(
        lessons.map((lesson) => lessonView(lesson, lesson.ownerId === user.id ? 'owner' : roles.get(lesson.groupId!)!)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}',
      tags: ['lessons'],
      summary: 'One lesson',
      request: { params: IdParam },
      responses: { 200: json(Lesson, 'The lesson'), 401: error('Not signed in'), 404: error('No such lesson (or not one’s own)') },
    }),
    async (c) => {
      const { lesson, role } = await lessonFor(ctx, c, c.req.valid('param').id, 'view');
      return c.json(lessonView(lesson, role), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/lessons/{id}',
      tags: ['lessons'],
      summary: 'Change a lesson’s fields (owner and group leads); only the owner moves it to another group',
      request: { params: IdParam, body: jsonRequest(LessonPatch) },
      responses: {
        200: json(Lesson, 'The changed lesson'),
        400: error('Invalid body'),
        401: error('Not signed in'),
        403: error('Not allowed for this role'),
        404: error('No such lesson'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const moving = patch.groupId !== undefined;
      const { lesson, role, user } = await lessonFor(ctx, c, id, moving ? 'own' : 'edit');
      if (moving && patch.groupId && patch.groupId !== lesson.groupId) await checkGroup(ctx, user, patch.groupId);
      const changed = await updateLesson(db, id, patch);
      return c.json(lessonView(changed!, role), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/lessons/{id}',
      tags: ['lessons'],
      summary: 'Delete a lesson with its materials, runs, plan versions and comments (owner only)',
      request: { params: IdParam },
      responses: {
        204: { description: 'Deleted' },
        401: error('Not signed in'),
        403: error('Not the owner'),
        404: error('No such lesson'),
        409: error('A run is under way'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await lessonFor(ctx, c, id, 'own');
      if (activeRunOf(db, id)) throw new ApiError(409, 'run-active', '这节课正在生成中，请先取消再删除');
      await deleteLesson(db, id);
      return c.body(null, 204);
    },
  );
}
