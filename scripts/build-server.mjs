#!/usr/bin/env node
// npm run build:server: compiles src/ into dist/ (tsc -p tsconfig.build.json) from scratch, so no
// module deleted from src/ lingers in dist/. With --if-stale (npm start, npm run demo, npm run
// lessonprep, the tests that run the compiled command) it builds only when a source is newer than
// the last build: they always run the compiled code of the sources in front of them, and pay nothing
// when nothing changed. A lock folder keeps two of these (two test runs at once) from building over
// each other; the second waits and then finds the build fresh.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tryLock } from './dir-lock.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const lock = path.join(root, '.build-lock');
const inputs = ['src', 'eval/case-schema.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newest(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

const fresh = () => (fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= Math.max(...inputs.map((i) => newest(path.join(root, i))));
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const ifStale = process.argv.includes('--if-stale');
if (ifStale && fresh()) process.exit(0);
// Someone else is building: wait for them (a lock whose process died is taken over).
while (!tryLock(lock)) sleep(200);
try {
  if (!(ifStale && fresh())) {
    fs.rmSync(dist, { recursive: true, force: true });
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
    // `lessonprep steps` prints this table instead of loading the nine step definitions (src/cli/steps-listing.ts).
    const cli = path.join(dist, 'src/cli');
    const { stepsTable } = await import(pathToFileURL(path.join(cli, 'steps-table.js')).href);
    fs.writeFileSync(path.join(cli, 'steps-table.md'), stepsTable());
    fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
  }
} finally {
  fs.rmSync(lock, { recursive: true, force: true });
}
