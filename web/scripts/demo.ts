/**
 * `npm run demo`: a teacher one click from the app. Seeds the demo school (a
 * prep group with a lead, two teachers and an observer, new random passwords
 * each time), runs the shipped sample lesson as the lead's and takes it
 * part-way through the collective-prep loop, builds the web app when its
 * sources are newer than the build, starts the service and prints the
 * address and the sign-ins. Ctrl+C stops the service.
 *
 * @example
 * npm run demo              # PORT=3000, DATA_DIR=./data, files also written to out/demo/
 * PORT=8080 npm run demo
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { demoCommand } from '../../src/cli/demo.js';
import { progressPrinter } from '../../src/cli/progress.js';
import { runCommand } from '../../src/cli/run-command.js';
import { DEMO_LEAD, DEMO_PEOPLE, seedSchoolLesson, seedSchoolPeople } from '../../src/cli/seed-school.js';
import { PACKAGE_ROOT, packagePath } from '../../src/paths.js';
import { webDistDir } from '../../src/server/routes/web-app.js';

const ROLE_LABEL = { lead: '主备/组长', teacher: '组员', observer: '观课员' } as const;
const port = Number(process.env.PORT) || 3000;
const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1]! : 'out/demo';

/** The newest modification time under a folder (the app's sources, to know whether the build is stale). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Builds where the service will serve it from: web/dist, or WEB_DIST_DIR. */
async function buildWhenStale(): Promise<void> {
  const outDir = webDistDir();
  const index = path.join(outDir, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built > Math.max(newest(packagePath('web/src')), fs.statSync(packagePath('web/index.html')).mtimeMs)) return;
  process.stdout.write('正在构建网页界面（约半分钟，只在第一次或更新后需要）…\n');
  await build({ configFile: packagePath('web/vite.config.ts'), build: { outDir, emptyOutDir: true }, logLevel: 'warn' });
}

async function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    (r) => r.ok,
    () => false,
  );
}

async function main(): Promise<number> {
  if (await answers(`http://127.0.0.1:${port}/api/health`)) {
    process.stderr.write(`端口 ${port} 上已经有服务在运行。请先停止它（Ctrl+C），或换一个端口：PORT=8080 npm run demo\n`);
    return 3;
  }
  process.stdout.write('1/3 演示学校和演示课程\n');
  const school = await seedSchoolPeople();
  const report = await runCommand({ ...demoCommand(['--out', out]), owner: DEMO_LEAD }, progressPrinter());
  if (report.status !== 'succeeded') {
    process.stderr.write(`演示课程没有生成完（${report.error ?? report.status}）\n`);
    return 1;
  }
  const notes = await seedSchoolLesson(report.lessonId, report.runId, school.groupId);

  process.stdout.write('2/3 网页界面\n');
  await buildWhenStale();

  process.stdout.write('3/3 启动服务\n');
  fs.mkdirSync(out, { recursive: true });
  const logFile = path.resolve(out, 'service.log');
  const log = fs.openSync(logFile, 'a');
  // The service's JSON log goes to a file: the terminal keeps what a teacher needs to read.
  const service = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', log, 'inherit'],
  });
  const stop = () => service.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const exited = new Promise<number>((resolve) => service.once('exit', (code) => resolve(code ?? 0)));
  let up = false;
  while (!up && service.exitCode === null) {
    up = await answers(`http://127.0.0.1:${port}/api/health`);
    if (!up) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!up) {
    process.stderr.write(`服务没有启动，详见 ${logFile}\n`);
    return exited;
  }

  const width = Math.max(...DEMO_PEOPLE.map((p) => p.username.length));
  process.stdout.write(
    [
      '',
      `备课助手已启动：在浏览器打开  http://localhost:${port}`,
      '',
      '演示账号（演示小学 三年级数学教研组；密码每次运行 npm run demo 都会重新生成，不要用于正式环境）：',
      ...DEMO_PEOPLE.map(
        (p) => `  ${p.username.padEnd(width)}  密码 ${school.passwords.get(p.username)}  ${p.displayName}（${ROLE_LABEL[p.role]}）`,
      ),
      ...notes.map((note) => `  ${note}`),
      '',
      `生成的文件在 ${path.resolve(out)}，服务日志在 ${logFile}。按 Ctrl+C 停止服务。`,
      '',
    ].join('\n'),
  );
  return exited;
}

process.exitCode = await main();
