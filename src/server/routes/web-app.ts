import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { packagePath } from '../../paths.js';
import type { App, AppEnv } from '../auth.js';

/** Where `npm run build:web` writes the web app; WEB_DIST_DIR points elsewhere (the end-to-end tests build into a temp folder). */
export function webDistDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.WEB_DIST_DIR || packagePath('web/dist'));
}

/** Vite puts content-hashed files here: a changed file gets a new name, so a year of caching is safe. */
const HASHED = '/assets/';
const ONE_YEAR = 'public, max-age=31536000, immutable';
/** index.html and the unhashed files at the root are revalidated on every visit, so a new build shows at once. */
const REVALIDATE = 'no-cache';

const isApi = (p: string) => p === '/api' || p.startsWith('/api/');
/** A client route (/lessons/…/plan) has no file extension; a missing /favicon.ico or /assets/x.js stays a 404. */
const isClientRoute = (p: string) => !path.posix.basename(p).includes('.');

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>备课助手：网页界面尚未构建</title>
<style>body{font:18px/1.7 system-ui,"Noto Sans CJK SC",sans-serif;max-width:40em;margin:4em auto;padding:0 1em;color:#1f2933}code{background:#eef2f6;padding:.1em .4em;border-radius:4px}</style>
</head><body>
<h1>网页界面还没有构建</h1>
<p>服务已经在运行，接口在 <a href="/api/health"><code>/api</code></a>，但网页文件还不存在。</p>
<p>请管理员在项目目录运行 <code>npm run build</code>，然后重新启动服务（<code>npm start</code>），再刷新本页。</p>
</body></html>`;

/**
 * Serves the built web app (中文网页界面) from the same process as the API:
 * hashed assets cached for a year, index.html revalidated, client routes
 * answered with index.html, and nothing under /api ever shadowed — an unknown
 * API path still gets the JSON 404. Register it after the API routes.
 *
 * @example
 * webAppRoutes(app);                                  // web/dist
 * webAppRoutes(app, { distDir: '/tmp/build' });       // a build elsewhere
 */
export function webAppRoutes(app: App, { distDir = webDistDir() }: { distDir?: string } = {}): void {
  const indexFile = path.join(distDir, 'index.html');
  // Made on the first request after a build: the service may start before the app is built, and serveStatic warns about a missing root.
  let handlers: { files: MiddlewareHandler<AppEnv>; index: MiddlewareHandler<AppEnv> } | null = null;
  const served = () =>
    (handlers ??= {
      // Vite's build also writes .gz next to each asset (see web/vite.config.ts): sent to browsers that accept gzip.
      files: serveStatic<AppEnv>({ root: distDir, precompressed: true }),
      index: serveStatic<AppEnv>({ path: indexFile, precompressed: true }),
    });

  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const requested = c.req.path;
    if (isApi(requested)) return next();
    if (!fs.existsSync(indexFile)) {
      if (!isClientRoute(requested)) return next();
      return c.html(NOT_BUILT, 503, { 'Cache-Control': REVALIDATE });
    }
    const { files, index } = served();
    const file = await files(c, async () => undefined);
    if (file) {
      file.headers.set('Cache-Control', requested.startsWith(HASHED) ? ONE_YEAR : REVALIDATE);
      return file;
    }
    if (!isClientRoute(requested)) return next();
    const page = await index(c, async () => undefined);
    if (!page) return next();
    page.headers.set('Cache-Control', REVALIDATE);
    return page;
  });
}
