import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createLesson, deleteLesson, getLesson, type LessonRow, listLessons, updateLesson } from '../../lessons/lessons.js';
import { activeRunOf } from '../../lessons/runs.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, jsonResponse as json, jsonRequest, Lesson, LessonInput, LessonPatch } from '../schemas.js';

/** The API's lesson: the row without the CLI's internal fingerprint. */
function lessonView({ fingerprint: _cli, ...lesson }: LessonRow): z.infer<typeof Lesson> {
  return lesson;
}

export function lessonRoutes(app: OpenAPIHono, { db }: ServiceContext): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/lessons',
      tags: ['lessons'],
      summary: 'Create a lesson (课题, 学科, 年级 …)',
      request: { body: jsonRequest(LessonInput) },
      responses: { 201: json(Lesson, 'The new lesson'), 400: error('Invalid body') },
    }),
    (c) => {
      const body = c.req.valid('json');
      const lesson = createLesson(db, {
        title: body.title,
        subject: body.subject,
        grade: body.grade,
        periodMinutes: body.periodMinutes ?? null,
        edition: body.edition ?? null,
        unit: body.unit ?? null,
        classProfile: body.classProfile ?? null,
      });
      return c.json(lessonView(lesson), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons',
      tags: ['lessons'],
      summary: 'All lessons, newest first',
      responses: { 200: json(z.array(Lesson), 'Lessons') },
    }),
    (c) => c.json(listLessons(db).map(lessonView), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}',
      tags: ['lessons'],
      summary: 'One lesson',
      request: { params: IdParam },
      responses: { 200: json(Lesson, 'The lesson'), 404: error('No such lesson') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const lesson = getLesson(db, id);
      if (!lesson) throw notFound('课程', id);
      return c.json(lessonView(lesson), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/lessons/{id}',
      tags: ['lessons'],
      summary: 'Change a lesson’s fields',
      request: { params: IdParam, body: jsonRequest(LessonPatch) },
      responses: { 200: json(Lesson, 'The changed lesson'), 400: error('Invalid body'), 404: error('No such lesson') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const lesson = updateLesson(db, id, c.req.valid('json'));
      if (!lesson) throw notFound('课程', id);
      return c.json(lessonView(lesson), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/lessons/{id}',
      tags: ['lessons'],
      summary: 'Delete a lesson with its materials, runs and plan versions',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, 404: error('No such lesson'), 409: error('A run is under way') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      if (activeRunOf(db, id)) throw new ApiError(409, 'run-active', '这节课正在生成中，请先取消再删除');
      if (!deleteLesson(db, id)) throw notFound('课程', id);
      return c.body(null, 204);
    },
  );
}
