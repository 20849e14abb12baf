import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInTeacher } from '../support/accounts.js';
import { fetchAs } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

/** A built app as Vite lays it out: index.html, hashed assets with their .gz. */
function fakeBuild(dir: string) {
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>备课助手</title><div id="app"></div>');
  const js = `console.log(${JSON.stringify('备课'.repeat(500))});`;
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), js);
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(js));
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-web-'));
const built = path.join(root, 'dist');
const unbuilt = path.join(root, 'missing');
let service: TestService;
let bare: TestService;
const saved = process.env.WEB_DIST_DIR;

beforeAll(async () => {
  fakeBuild(built);
  process.env.WEB_DIST_DIR = built;
  service = await startService(path.join(root, 'data-a'));
  process.env.WEB_DIST_DIR = unbuilt;
  bare = await startService(path.join(root, 'data-b'));
});
afterAll(async () => {
  if (saved === undefined) delete process.env.WEB_DIST_DIR;
  else process.env.WEB_DIST_DIR = saved;
  await service.stop();
  await bare.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the web app at /', () => {
  it('serves index.html at / and at every client route, revalidated on each visit', async () => {
    for (const route of ['/', '/lessons/abc/plan', '/lessons/abc/run']) {
      const response = await fetch(`${service.url}${route}`);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="app">');
    }
  });

  it('caches hashed assets for a year and sends the gzipped copy to browsers that take it', async () => {
    const response = await fetch(`${service.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(await response.text()).toContain('备课备课');
  });

  it('never shadows the API: API routes answer, unknown API paths get the JSON 404, missing files a 404', async () => {
    const health = await fetch(`${service.url}/api/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    // An API path the app does not know is still the API's: 401 before signing in, the JSON 404 after, never index.html.
    expect((await fetch(`${service.url}/api/nothing-here`)).status).toBe(401);
    const unknown = await fetchAs(await signedInTeacher(service.url), '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not-found');
    const asset = await fetch(`${service.url}/assets/gone-123.js`);
    expect(asset.status).toBe(404);
    expect(asset.headers.get('cache-control')).toBeNull();
    expect((await fetch(`${service.url}/favicon.ico`)).status).toBe(404);
    expect((await fetch(`${service.url}/assets/../../package.json`)).status).toBe(404);
  });

  it('says clearly at / that the app has not been built, while the API keeps working', async () => {
    const page = await fetch(`${bare.url}/`);
    expect(page.status).toBe(503);
    const text = await page.text();
    expect(text).toContain('网页界面还没有构建');
    expect(text).toContain('npm run build');
    expect((await fetch(`${bare.url}/api/health`)).status).toBe(200);
  });
});
