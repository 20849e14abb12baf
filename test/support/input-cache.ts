import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tryLock } from '../../scripts/dir-lock.mjs';
import { packagePath } from '../../src/paths.js';

/** A folder another run may still be reading (or one a killed run left half made) is kept this long after its last use. */
const KEEP_MS = 60 * 60_000;

/** A hash of the files under `inputs` (paths from the package root): their names and contents. */
function inputsHash(inputs: string[]): string {
  const hash = createHash('sha256');
  const add = (relative: string) => {
    const full = packagePath(relative);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (stat?.isDirectory()) for (const name of fs.readdirSync(full).sort()) add(path.join(relative, name));
    else if (stat) hash.update(`${relative}\0`).update(fs.readFileSync(full)).update('\0');
  };
  for (const input of inputs) add(input);
  return hash.digest('hex').slice(0, 16);
}

/** Runs `work` holding a lock folder, so two test files (or two test runs) never make the same thing at once. */
async function whileLocked(lock: string, work: () => Promise<void>): Promise<void> {
  while (!tryLock(lock)) await new Promise((resolve) => setTimeout(resolve, 200));
  try {
    await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * A folder that `make` fills once per state of the files it is made from, kept in
 * node_modules/.cache/lessonprep-<name>/ (git-ignored) by the hash of those files: expensive test setup
 * (a Vite build, a whole offline run) is made once and shared by every test file and test run until a
 * source changes. `inputs` must name everything the result depends on. Callers only read the folder.
 *
 * @example
 * const built = await madeOncePer('webapp', ['web/src', 'src'], (folder) => buildInto(folder));
 */
export async function madeOncePer(name: string, inputs: string[], make: (folder: string) => Promise<void>): Promise<string> {
  const cache = packagePath(`node_modules/.cache/lessonprep-${name}`);
  fs.mkdirSync(cache, { recursive: true });
  const finished = path.join(cache, inputsHash(inputs));
  await whileLocked(path.join(cache, '.lock'), async () => {
    if (fs.existsSync(finished)) return;
    const making = fs.mkdtempSync(path.join(cache, '.making-'));
    try {
      await make(making);
      fs.renameSync(making, finished);
    } finally {
      fs.rmSync(making, { recursive: true, force: true });
    }
    for (const old of fs.readdirSync(cache)) {
      const folder = path.join(cache, old);
      if (old !== '.lock' && folder !== finished && Date.now() - fs.statSync(folder).mtimeMs > KEEP_MS) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }
  });
  const now = new Date();
  fs.utimesSync(finished, now, now);
  return finished;
}
