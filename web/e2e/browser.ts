import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { build } from 'vite';
import { packagePath } from '../../src/paths.js';

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
/** Finished builds by the hash of their inputs (node_modules/ is git-ignored). */
const BUILDS = packagePath('node_modules/.cache/lessonprep-webapp');
/** An older build (or one a killed run left half made) is kept this long after it was last used: another run may still be copying it. */
const KEEP_MS = 60 * 60_000;

function inputsHash(): string {
  const hash = createHash('sha256');
  const add = (relative: string) => {
    const full = packagePath(relative);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (stat?.isDirectory()) for (const name of fs.readdirSync(full).sort()) add(path.join(relative, name));
    else if (stat) hash.update(`${relative}\0`).update(fs.readFileSync(full)).update('\0');
  };
  for (const input of BUILD_INPUTS) add(input);
  return hash.digest('hex').slice(0, 16);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Runs `work` holding a lock folder, so two test files (or two test runs) never build at once; a dead holder's lock is taken over. */
async function whileLocked<T>(lock: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const holder = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }));
      if (holder && !alive(holder)) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The build of the current sources: made once (a Vite build takes most of a minute on a loaded machine), then reused. */
async function currentBuild(): Promise<string> {
  fs.mkdirSync(BUILDS, { recursive: true });
  const finished = path.join(BUILDS, inputsHash());
  await whileLocked(path.join(BUILDS, '.lock'), async () => {
    if (fs.existsSync(finished)) return;
    const building = fs.mkdtempSync(path.join(BUILDS, '.building-'));
    try {
      await build({ configFile: packagePath('web/vite.config.ts'), build: { outDir: building, emptyOutDir: true }, logLevel: 'warn' });
      fs.renameSync(building, finished);
    } finally {
      fs.rmSync(building, { recursive: true, force: true });
    }
    for (const old of fs.readdirSync(BUILDS)) {
      const folder = path.join(BUILDS, old);
      if (old !== '.lock' && folder !== finished && Date.now() - fs.statSync(folder).mtimeMs > KEEP_MS) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }
  });
  const now = new Date();
  fs.utimesSync(finished, now, now);
  return finished;
}

/**
 * The web app built with its own Vite config, in a fresh folder of the caller's (the service serves it via
 * WEB_DIST_DIR; the caller may delete it). Vite runs only when the app's inputs changed since the last build,
 * so a test run builds once however many browser tests it has.
 */
export async function buildWebApp(): Promise<string> {
  const built = await currentBuild();
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-webapp-'));
  fs.cpSync(built, outDir, { recursive: true });
  return outDir;
}

/** Where the browser tests save what they saw (git-ignored; CI keeps it as an artifact). */
export const SCREENSHOTS = packagePath('test-results/screenshots');
