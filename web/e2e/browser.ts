import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { build } from 'vite';
import { packagePath } from '../../src/paths.js';
import { madeOncePer } from '../../test/support/input-cache.js';

/** Debian's Chromium (apt `chromium`): the tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags for a quiet headless Chromium: no sandbox (CI runs as root), no GPU, nothing phoning home. */
export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * A headless Chromium with a fresh profile, closed and removed by `close()`.
 *
 * @example
 * const browser = await launchBrowser({ width: 1366, height: 768 });
 * const page = await browser.context.newPage();
 */
export async function launchBrowser(viewport: { width: number; height: number }) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What the app's build reads (its sources, the modules and themes it imports from the service, the dependencies' versions). */
const BUILD_INPUTS = ['web/index.html', 'web/vite.config.ts', 'web/src', 'src', 'templates', 'package-lock.json'];

/**
 * The web app built with its own Vite config, in a fresh folder of the caller's (the service serves it via
 * WEB_DIST_DIR; the caller may delete it). Vite runs only when the app's inputs changed since the last build,
 * so a test run builds once however many browser tests it has.
 */
export async function buildWebApp(): Promise<string> {
  // A Vite build takes most of a minute on a loaded machine: made once per state of its inputs.
  const built = await madeOncePer('webapp', BUILD_INPUTS, async (folder) => {
    await build({ configFile: packagePath('web/vite.config.ts'), build: { outDir: folder, emptyOutDir: true }, logLevel: 'warn' });
  });
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-webapp-'));
  fs.cpSync(built, outDir, { recursive: true });
  return outDir;
}

/** Where the browser tests save what they saw (git-ignored; CI keeps it as an artifact). */
export const SCREENSHOTS = packagePath('test-results/screenshots');
