import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { signIn } from '../../test/support/accounts.js';
import { api } from '../../test/support/http.js';
import { freePort } from '../../test/support/service-process.js';
import { buildWebApp } from './browser.js';

/**
 * The README's first command after `npm ci`: `npm run demo` seeds the demo
 * school, starts the service and prints the address and the sign-ins — and
 * those sign-ins work. Run as a user would, in a child process, on a fresh
 * data directory and port.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-demo-'));
let demo: ChildProcess | null = null;
let dist: string | undefined;

afterAll(async () => {
  if (demo && demo.exitCode === null) {
    const exited = new Promise((resolve) => demo!.once('exit', resolve));
    // The whole process group, as Ctrl+C in a terminal would: npm, the demo script and the service it started.
    process.kill(-demo.pid!, 'SIGTERM');
    await exited;
  }
  fs.rmSync(root, { recursive: true, force: true });
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

describe('npm run demo', { timeout: 300_000 }, () => {
  it('leaves a teacher one sign-in from the app: the address, the demo accounts, and the lesson in her group', async () => {
    const port = await freePort();
    // The app as all browser tests share it, built from the same sources: the demo finds it fresh and serves it.
    dist = await buildWebApp();
    demo = spawn('npm', ['run', 'demo', '--', '--out', path.join(root, 'out')], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, DATA_DIR: path.join(root, 'data'), PORT: String(port), WEB_DIST_DIR: dist },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let printed = '';
    demo.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    demo.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      demo!.stdout!.on('data', () => printed.includes('按 Ctrl+C 停止服务') && resolve());
      demo!.once('exit', (code) => reject(new Error(`npm run demo ended (${code}) before the service was up:\n${printed}`)));
    });

    expect(printed).toContain(`在浏览器打开  http://localhost:${port}`);
    const password = (username: string) => new RegExp(`${username.replace('.', '\\.')}\\s+密码 (\\S+)`).exec(printed)?.[1];
    for (const name of ['demo.lead', 'demo.teacher1', 'demo.teacher2', 'demo.observer']) expect(password(name), name).toBeTruthy();

    const base = `http://127.0.0.1:${port}`;
    const page = await fetch(`${base}/`);
    expect(await page.text()).toContain('<div id="app">');
    const teacher = await signIn(base, 'demo.teacher1', password('demo.teacher1'));
    const lessons = (await api(teacher, 'GET', '/api/lessons')).body as { title: string; role: string }[];
    expect(lessons).toEqual([expect.objectContaining({ title: '长方形和正方形的周长', role: 'teacher' })]);
    const comments = (await api(teacher, 'GET', `/api/lessons/${(lessons[0] as unknown as { id: string }).id}/comments`)).body;
    expect(comments).toHaveLength(2);
  });
});
