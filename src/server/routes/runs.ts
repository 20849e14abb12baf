import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { listMaterials } from '../../lessons/materials.js';
import { latestPlanVersion } from '../../lessons/plans.js';
import { activeRunOf, createRun, getRun, latestRunOf, runEventsOf, runView } from '../../lessons/runs.js';
import type { RunEvent } from '../../pipeline/events.js';
import { listThemes } from '../../render/pptx/theme.js';
import { type App, type currentUser, lessonFor } from '../auth.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, jsonResponse as json, jsonRequest, Run, RunCreate } from '../schemas.js';

type RunOptions = { engine?: 'offline' | 'openai'; theme?: string; planVersionId?: string; createdBy?: string };

/**
 * What a new run of the lesson would use, or the reason it cannot start: no
 * material, a run already under way, an unknown theme, a model asked for but
 * not configured. Checked before anything is stored.
 */
export function runSettings(ctx: ServiceContext, lessonId: string, options: RunOptions) {
  const { db, modelConfig } = ctx;
  if (!listMaterials(db, lessonId).some((m) => m.kind !== 'transcript'))
    throw new ApiError(409, 'no-materials', '请先上传至少一份教材、教参或课标材料');
  if (activeRunOf(db, lessonId)) throw new ApiError(409, 'run-active', '这节课已有一次生成在进行中');
  const theme = options.theme ?? 'qingsong';
  if (!listThemes().includes(theme)) throw new ApiError(400, 'unknown-theme', `没有主题 “${theme}”，可选：${listThemes().join('、')}`);
  const useModel = options.engine === 'openai' || (options.engine === undefined && modelConfig !== null);
  if (useModel && !modelConfig) throw new ApiError(503, 'model-unavailable', '服务没有配置模型（LLM_BASE_URL、LLM_MODEL），请使用离线引擎');
  return { engine: useModel ? 'openai-compatible' : 'offline', model: useModel ? modelConfig!.model : null, theme };
}

/** Queues a run of the lesson and returns it. Shared by POST /runs and by a plan edit. */
export function queueRun(ctx: ServiceContext, lessonId: string, options: RunOptions) {
  const runId = createRun(ctx.db, lessonId, {
    ...runSettings(ctx, lessonId, options),
    planVersionId: options.planVersionId ?? null,
    createdBy: options.createdBy ?? null,
  });
  ctx.queue.enqueue(runId);
  return runView(ctx.db, getRun(ctx.db, runId)!);
}

const isEnd = (event: RunEvent) => event.type === 'run' && event.status !== 'running';

export function runRoutes(app: App, ctx: ServiceContext): void {
  const { db, queue } = ctx;
  /** The run, if the signed-in user may do this with its lesson; otherwise the run is not found. */
  const runFor = async (c: Parameters<typeof currentUser>[0], id: string, action: 'view' | 'edit') => {
    const run = getRun(db, id);
    if (!run) throw notFound('生成任务', id);
    await lessonFor(ctx, c, run.lessonId, action, notFound('生成任务', id));
    return run;
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/lessons/{id}/runs',
      tags: ['runs'],
      summary:
        'Start the nine steps for the lesson (queued; returns at once); on a locked 终案 the run re-makes the outline and deck from it',
      request: { params: IdParam, body: { ...jsonRequest(RunCreate), required: false } },
      responses: {
        202: json(Run, 'Queued'),
        404: error('No such lesson'),
        409: error('No materials, or a run is under way'),
        503: error('Model requested but not configured'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { user } = await lessonFor(ctx, c, id, 'edit');
      // A 终案 is locked: a new run starts from it instead of drafting a plan over it.
      const latest = latestPlanVersion(db, id);
      const pinned = latest?.label === 'final' ? { planVersionId: latest.id } : {};
      return c.json(queueRun(ctx, id, { ...c.req.valid('json'), ...pinned, createdBy: user.id }), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/runs/{id}',
      tags: ['runs'],
      summary: 'A run with every step’s status, cached flag, tokens, time and error',
      request: { params: IdParam },
      responses: { 200: json(Run, 'The run'), 404: error('No such run') },
    }),
    async (c) => {
      const run = await runFor(c, c.req.valid('param').id, 'view');
      return c.json(runView(db, run), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/runs/latest',
      tags: ['runs'],
      summary: 'The lesson’s newest run, whatever its status (the lesson list shows it)',
      request: { params: IdParam },
      responses: { 200: json(Run, 'The newest run'), 404: error('No such lesson, or never run') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await lessonFor(ctx, c, id, 'view');
      const run = latestRunOf(db, id);
      if (!run) throw new ApiError(404, 'no-run', '这节课还没有生成过');
      return c.json(runView(db, run), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/runs/{id}/cancel',
      tags: ['runs'],
      summary: 'Cancel a queued or running run; a step computing is stopped at once',
      request: { params: IdParam },
      responses: { 202: json(Run, 'Cancelling'), 404: error('No such run'), 409: error('Already finished, or run by another process') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const run = await runFor(c, id, 'edit');
      if (run.status !== 'queued' && run.status !== 'running') throw new ApiError(409, 'run-finished', `这次生成已经结束（${run.status}）`);
      if (queue.cancel(id) === 'elsewhere')
        throw new ApiError(409, 'run-elsewhere', '这次生成由另一个进程（如命令行 lessonprep）运行，请在那里取消（Ctrl+C）');
      return c.json(runView(db, getRun(db, id)!), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/runs/{id}/events',
      tags: ['runs'],
      summary: 'Server-sent events of the run’s steps until it ends; a late client first gets the events so far',
      request: { params: IdParam },
      responses: {
        200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'event: step | run, data: JSON' },
        404: error('No such run'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runFor(c, id, 'view');
      return streamSSE(c, async (stream) => {
        // Subscribe before reading the history, then drop live events already in it: nothing is missed or sent twice.
        const live: { event: RunEvent; id: number }[] = [];
        let wake: (() => void) | null = null;
        const unsubscribe = queue.subscribe(id, (event, eventId) => {
          live.push({ event, id: eventId });
          wake?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake?.();
        });
        let lastId = 0;
        const send = async ({ event, id: eventId }: { event: RunEvent; id: number }) => {
          if (eventId <= lastId) return false;
          lastId = eventId;
          await stream.writeSSE({ event: event.type, id: String(eventId), data: JSON.stringify(event) });
          return isEnd(event);
        };
        try {
          for (const past of runEventsOf(db, id)) if (await send(past)) return;
          while (!stream.aborted) {
            // Live events that arrived while the history was sent go out before anything else.
            while (live.length > 0) if (await send(live.shift()!)) return;
            const current = getRun(db, id)!;
            if (current.status !== 'queued' && current.status !== 'running') return;
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, 15_000);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            wake = null;
            if (live.length === 0 && !stream.aborted) await stream.writeSSE({ event: 'ping', data: '{}' });
          }
        } finally {
          unsubscribe();
        }
      });
    },
  );
}
