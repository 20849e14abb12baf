import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { type App, type AppEnv, authenticate } from './auth.js';
import type { ServiceContext } from './context.js';
import { respondError } from './errors.js';
import { withSecurity } from './openapi-security.js';
import { artifactRoutes } from './routes/artifacts.js';
import { authRoutes } from './routes/auth.js';
import { commentRoutes } from './routes/comments.js';
import { exportRoutes } from './routes/exports.js';
import { groupRoutes } from './routes/groups.js';
import { healthRoutes } from './routes/health.js';
import { lessonRoutes } from './routes/lessons.js';
import { materialRoutes } from './routes/materials.js';
import { observationRoutes } from './routes/observations.js';
import { planRoutes } from './routes/plans.js';
import { reviewRoutes } from './routes/reviews.js';
import { revisionRoutes } from './routes/revisions.js';
import { runRoutes } from './routes/runs.js';
import { sourceRoutes } from './routes/sources.js';
import { standardRoutes } from './routes/standards.js';
import { stepRoutes } from './routes/steps.js';
import { userRoutes } from './routes/users.js';
import { webAppRoutes } from './routes/web-app.js';

/** Uploads have their own, larger limit (see routes/materials.ts, routes/standards.ts); every other body is JSON. */
const UPLOAD_PATH = /^\/api\/(?:lessons\/[^/]+\/materials|standards)$/;

/**
 * The HTTP API. Every route validates its request with the zod schemas in
 * `schemas.ts`, which also generate `/api/openapi.json`; every error leaves as
 * `{ "error": { code, message, details? } }`, never a stack trace. Every
 * route but health, the OpenAPI document, first-start setup and sign-in needs
 * a session or an API token (`authenticate`).
 *
 * @example
 * const app = createApp(context);
 * serve({ fetch: app.fetch, port: 3000 });
 */
export function createApp(ctx: ServiceContext): App {
  const app = new OpenAPIHono<AppEnv>({
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

  // 2. JSON bodies have a size limit, checked before they are read; then who is asking.
  const jsonLimit = bodyLimit({
    maxSize: ctx.limits.jsonBytes,
    onError: (c) => c.json({ error: { code: 'too-large', message: `请求体超过 ${Math.round(ctx.limits.jsonBytes / 1024)} KB 上限` } }, 413),
  });
  app.use('/api/*', (c, next) => (UPLOAD_PATH.test(c.req.path) ? next() : jsonLimit(c, next)));
  app.use('/api/*', authenticate(ctx));

  // 3. The routes, by concern.
  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  userRoutes(app, ctx);
  groupRoutes(app, ctx);
  lessonRoutes(app, ctx);
  materialRoutes(app, ctx);
  sourceRoutes(app, ctx);
  runRoutes(app, ctx);
  artifactRoutes(app, ctx);
  planRoutes(app, ctx);
  commentRoutes(app, ctx);
  observationRoutes(app, ctx);
  reviewRoutes(app, ctx);
  revisionRoutes(app, ctx);
  exportRoutes(app, ctx);
  standardRoutes(app, ctx);
  stepRoutes(app);

  // 4. The OpenAPI document, generated from the same schemas the routes validate with, with how to sign in.
  app.get('/api/openapi.json', (c) =>
    c.json(
      withSecurity(
        app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'lessonprep API — 三阶九步 AI 备课助手', version: ctx.version } }),
      ),
    ),
  );

  // 5. The web app at / (after every API route, so it never shadows one).
  webAppRoutes(app);

  // 6. Errors in one envelope.
  app.notFound((c) => c.json({ error: { code: 'not-found', message: `没有这个接口：${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => respondError(c, error, ctx.logger));
  return app;
}
