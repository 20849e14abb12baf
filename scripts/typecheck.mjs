#!/usr/bin/env node
// npm run typecheck: tsc over the service, tests and eval (tsconfig.json) and vue-tsc over the web app
// (web/tsconfig.json), side by side, since each uses one core. Both keep incremental build info in
// node_modules/.cache/typecheck/ (git-ignored): a later run re-checks only what a change can affect,
// and the answer is the same as a check from scratch. Each one's output is printed whole, not
// interleaved; the command fails when either finds an error.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules/.cache/typecheck');
const resolve = createRequire(import.meta.url).resolve;
fs.mkdirSync(cache, { recursive: true });

const checks = [
  { name: 'tsc', bin: resolve('typescript/bin/tsc'), project: 'tsconfig.json' },
  { name: 'vue-tsc', bin: resolve('vue-tsc/bin/vue-tsc.js'), project: 'web/tsconfig.json' },
];

const results = await Promise.all(
  checks.map(
    ({ name, bin, project }) =>
      new Promise((done) => {
        const args = [bin, '--noEmit', '--incremental', '--tsBuildInfoFile', path.join(cache, `${name}.tsbuildinfo`), '-p', project];
        const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('close', (code) => done({ name, project, code, output }));
      }),
  ),
);
for (const { name, project, code, output } of results) {
  if (output.trim()) process.stdout.write(`${name} -p ${project}:\n${output}`);
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
