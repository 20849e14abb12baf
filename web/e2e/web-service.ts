import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { freePort, startServiceProcess } from '../../test/support/service-process.js';
import { buildWebApp, SCREENSHOTS } from './browser.js';

/**
 * The service as `npm start` runs it, serving the built web app, on an
 * ephemeral port with its own data folder: what every browser flow starts
 * from. OCR is off: the flows check what a teacher is told about a scan, and
 * recognition itself is tested in test/ingest/ocr-service.test.ts.
 *
 * @example
 * const web = await startWebService(path.join(root, 'data'));
 * await page.goto(`${web.base}/sign-in`);
 * web.stop();
 */
export async function startWebService(dataDir: string): Promise<{ base: string; stop(): void }> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const dist = await buildWebApp();
  const port = await freePort();
  const service = await startServiceProcess(dataDir, port, { WEB_DIST_DIR: dist, OCR_ENGINE: 'off' });
  return {
    base: `http://127.0.0.1:${port}`,
    stop() {
      service.kill('SIGTERM');
      fs.rmSync(dist, { recursive: true, force: true });
    },
  };
}

/**
 * Collects the errors of the page's own code into `errors` (a flow ends by
 * expecting none), and gives the page a timeout a loaded machine can meet.
 * Chromium's own console note on each 4xx answer is not one of them: the flows
 * provoke refusals on purpose.
 *
 * @example
 * const errors: string[] = [];
 * watchPage(page, errors, 'lead');
 */
export function watchPage(page: Page, errors: string[], who?: string): void {
  const note = (text: string) => errors.push(who ? `${who}: ${text}` : text);
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => note(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) note(message.text());
  });
}

/**
 * Signs in through the sign-in page, as she would, and waits for 我的备课.
 *
 * @example
 * await signInOnPage(page, web.base, 'zhang.lead', 'password-123');
 */
export async function signInOnPage(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('登录名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '我的备课' }).waitFor();
}
