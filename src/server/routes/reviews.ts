import { createRoute, z } from '@hono/zod-openapi';
import { may } from '../../accounts/access.js';
import { setReflection } from '../../collab/plan-parts.js';
import { LessonPlan } from '../../domain/index.js';
import { lazily } from '../../lazy.js';
import { readStoredPlan } from '../../lessons/plan-upgrade.js';
import { addPlanVersion, latestPlanVersion, PlanVersionRefused } from '../../lessons/plans.js';
import { ResponseCache } from '../../llm/response-cache.js';
import { getDraft, saveDraft } from '../../observe/observations.js';
import { blanksIn } from '../../review/blanks.js';
import { draftText, modelReflection, offlineReflection } from '../../review/reflection.js';
import type { App } from '../auth.js';
import { PlanVersion } from '../collab-schemas.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { DraftInput, ReflectionDraft, ReflectionInput } from '../observation-schemas.js';
import { errorResponse as error, IdParam, jsonResponse as json, jsonRequest } from '../schemas.js';
import { contentDisposition } from './exports.js';
import { observationFor, reportOf } from './observations.js';
import { versionView } from './plans.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
// The docx library is loaded at the first report download, not at service start.
const renderReportDocx = lazily(() => import('../../review/report-docx.js'), 'renderReportDocx');

/** Which engine a request means: the model when asked for or configured, else the rules; a model asked for but not configured is a 503. */
export function engineFor(ctx: ServiceContext, choice: 'offline' | 'openai' | undefined) {
  const useModel = choice === 'openai' || (choice === undefined && ctx.modelConfig !== null);
  if (useModel && !ctx.modelConfig)
    throw new ApiError(503, 'model-unavailable', '服务没有配置模型（LLM_BASE_URL、LLM_MODEL），请使用离线引擎');
  return useModel ? { kind: 'model' as const, config: ctx.modelConfig!, cache: new ResponseCache(ctx.db) } : { kind: 'offline' as const };
}

/** The review report as .docx, the 教学反思 draft and saving the reflection into the plan's version chain. */
export function reviewRoutes(app: App, ctx: ServiceContext): void {
  const { db } = ctx;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/observations/{id}/report.docx',
      tags: ['observations'],
      summary: 'The review report 评课报告 as a Word document with its charts as images',
      request: { params: IdParam },
      responses: {
        200: { content: { [DOCX]: { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The document' },
        401: error('Not signed in'),
        404: error('No such observation'),
      },
    }),
    async (c) => {
      const { observation, version, lesson } = await observationFor(ctx, c, c.req.valid('param').id, 'view');
      const report = await reportOf(ctx, observation, version.json, lesson);
      const body = await renderReportDocx(report);
      c.header('Content-Type', DOCX);
      c.header(
        'Content-Disposition',
        contentDisposition('report.docx', `${report.lesson.title}-${observation.className}-${observation.taughtOn}-评课报告.docx`),
      );
      return c.body(body as Uint8Array<ArrayBuffer>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/observations/{id}/reflection/draft',
      tags: ['observations'],
      summary:
        'A 教学反思 draft from the observation data for the teacher to edit: with a model, its strengths, problems and improvements; offline, the figures as sentences and blanks',
      request: { params: IdParam, body: { ...jsonRequest(DraftInput), required: false } },
      responses: {
        201: json(ReflectionDraft, 'The draft; each section says who wrote it'),
        401: error('Not signed in'),
        403: error('An observer'),
        404: error('No such observation'),
        503: error('Model requested but not configured or unavailable'),
      },
    }),
    async (c) => {
      const { observation, version, lesson, user } = await observationFor(ctx, c, c.req.valid('param').id, 'results');
      const engine = engineFor(ctx, c.req.valid('json')?.engine);
      const report = await reportOf(ctx, observation, version.json, lesson);
      const made =
        engine.kind === 'model'
          ? await modelReflection(engine.config, engine.cache, report, observation)
          : { sections: offlineReflection(report), promptVersion: null };
      const draft = await saveDraft(db, {
        observationId: observation.id,
        engine: engine.kind === 'model' ? 'openai-compatible' : 'offline',
        model: engine.kind === 'model' ? engine.config.model : null,
        promptVersion: made.promptVersion,
        sections: made.sections,
        createdBy: user.id,
      });
      const { promptVersion: _prompt, createdBy: _by, ...view } = draft;
      return c.json({ ...view, text: draftText(draft.sections) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/observations/{id}/reflection',
      tags: ['observations'],
      summary: 'Save the 教学反思 (the teacher who taught, the owner or a lead): a new plan version with it, which the 终案 then carries',
      request: { params: IdParam, body: jsonRequest(ReflectionInput) },
      responses: {
        201: json(PlanVersion, 'The new version'),
        400: error('Blanks 【待教师补充】 left in the text'),
        401: error('Not signed in'),
        403: error('Neither the teacher who taught it, the owner nor a lead'),
        404: error('No such observation or draft'),
        409: error('A newer plan version, or a locked 终案'),
      },
    }),
    async (c) => {
      const { observation, role, user } = await observationFor(ctx, c, c.req.valid('param').id, 'view');
      if (observation.teacherId !== user.id && !may(role, 'edit'))
        throw new ApiError(403, 'forbidden', '只有执教教师、主备或组长可以保存这节课的教学反思');
      const input = c.req.valid('json');
      const blanks = blanksIn(input.text);
      if (blanks > 0) throw new ApiError(400, 'reflection-blanks', `反思中还有 ${blanks} 处【待教师补充】，请写完后再保存`);
      const draft = input.draftId ? await getDraft(db, observation.id, input.draftId) : null;
      if (input.draftId && !draft) throw notFound('反思初稿', input.draftId);
      // Saved word for word from a model's draft, it is the model's text; anything she changed makes it hers.
      const origin = draft && draft.engine !== 'offline' && draftText(draft.sections).trim() === input.text ? 'model' : 'teacher';
      const latest = latestPlanVersion(db, observation.lessonId);
      if (!latest) throw new ApiError(409, 'no-plan', '这节课还没有教学设计');
      const parsed = LessonPlan.safeParse(setReflection(readStoredPlan(latest.json), input.text, origin));
      if (!parsed.success) throw new ApiError(400, 'invalid-plan', '写入反思后教学设计不符合要求', parsed.error.issues);
      try {
        const made = addPlanVersion(
          db,
          observation.lessonId,
          parsed.data,
          { label: 'revision', author: user.displayName, authorId: user.id, basedOn: input.basedOn, runId: null },
          { basedOnLatest: input.basedOn },
        );
        return c.json(versionView(made), 201);
      } catch (caught) {
        if (caught instanceof PlanVersionRefused) throw new ApiError(409, caught.code, caught.message);
        throw caught;
      }
    },
  );
}
