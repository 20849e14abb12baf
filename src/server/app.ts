import { OpenAPIHono } from '@hono/zod-openapi';
import type { ServiceContext } from './context.js';
import { respondError } from './errors.js';
import { artifactRoutes } from './routes/artifacts.js';
import { exportRoutes } from './routes/exports.js';
import { healthRoutes } from './routes/health.js';
import { lessonRoutes } from './routes/lessons.js';
import { materialRoutes } from './routes/materials.js';
import { planRoutes } from './routes/plans.js';
import { runRoutes } from './routes/runs.js';
import { stepRoutes } from './routes/steps.js';
import { webAppRoutes } from './routes/web-app.js';

/**
 * The HTTP API. Every route validates its request with the zod schemas in
 * `schemas.ts`, which also generate `/api/openapi.json`; every error leaves as
 * `{ "error": { code, message, details? } }`, never a stack trace.
 *
 * @example
 * const app = createApp(context);
 * serve({ fetch: app.fetch, port: 3000 });
 */
export function createApp(ctx: ServiceContext): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json({ error: { code: 'invalid-request', message: '请求内容不符合要求', details: result.error.issues } }, 400);
      }
    },
  });

  // 1. One structured log line per request.
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    ctx.logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  // 2. The routes, by concern.
  healthRoutes(app, ctx);
  lessonRoutes(app, ctx);
  materialRoutes(app, ctx);
  runRoutes(app, ctx);
  artifactRoutes(app, ctx);
  planRoutes(app, ctx);
  exportRoutes(app, ctx);
  stepRoutes(app);

  // 3. The OpenAPI document, generated from the same schemas the routes validate with.
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'lessonprep API — 三阶九步 AI 备课助手', version: ctx.version },
  });

  // 4. The web app at / (after every API route, so it never shadows one).
  webAppRoutes(app);

  // 5. Errors in one envelope.
  app.notFound((c) => c.json({ error: { code: 'not-found', message: `没有这个接口：${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => respondError(c, error, ctx.logger));
  return app;
}
