/**
 * The start-up and memory part of `npm run bench` (issue 11, item 5): how long
 * the installed `lessonprep` takes to answer --help, --version and steps, and
 * its peak memory, as ratios against `node -e 0` measured in the same run; the
 * idle service's RSS, after parsing a PDF, and a while after; the demo's peak.
 * Every figure is measured on the compiled program, as a teacher runs it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PACKAGE_ROOT, packagePath } from '../../src/paths.js';
import { signedInTeacher } from '../support/accounts.js';
import { compiledBin } from '../support/compiled.js';
import { api, upload } from '../support/http.js';
import { moduleTraceEnv, tracedModuleCount } from '../support/module-trace/index.js';
import { freePort, startServiceProcess } from '../support/service-process.js';

type Report = (label: string, value: string) => void;

/** Figures from issue 11, measured before this work (tsx loader, eager imports), for comparison. */
const BEFORE = {
  stepsSec: '4.6–7.7 s',
  stepsMb: 300,
  idleMb: 305,
  afterPdfMb: 805,
  demoPeakMb: 625,
};

/**
 * The compiled service before it loaded its libraries at first use (2026-12-03, same procedure and
 * PDF): 1,110 modules at start; its parse process stayed 30 s, and the service itself kept 23 MB.
 */
const BEFORE_LAZY = {
  modules: '1,110',
  idleMb: '144–157 MB',
  afterPdfMb: '167 MB + 150 MB in the parse process; 167 MB once it exited at 30 s',
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall time (median of `runs`) and peak RSS (max) of a command, via GNU time. */
function measure(args: string[], runs = 7, env: NodeJS.ProcessEnv = process.env): { ms: number; mb: number; status: number | null } {
  const times: number[] = [];
  const peaks: number[] = [];
  let status: number | null = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', env });
    times.push(performance.now() - started);
    // GNU time writes the peak (KiB) as the last line of stderr.
    peaks.push(Number(result.stderr.trim().split('\n').at(-1)) / 1024);
    status = result.status;
  }
  return { ms: median(times), mb: Math.max(...peaks), status };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

export async function benchStartup(report: Report): Promise<void> {
  const bin = compiledBin();
  const baseline = measure(['-e', '0']);
  report('node -e 0 (reference)', `${fmt(baseline.ms)}, ${baseline.mb.toFixed(0)} MB peak`);
  for (const args of [['--help'], ['--version'], ['steps']]) {
    const m = measure([bin, ...args]);
    report(
      `lessonprep ${args.join(' ')}${m.status === 0 ? '' : ` (exit ${m.status})`}`,
      `${fmt(m.ms)} (${(m.ms / baseline.ms).toFixed(1)}× node), ${m.mb.toFixed(0)} MB peak (${(m.mb / baseline.mb).toFixed(1)}×)`,
    );
  }
  report('  before (issue 11): lessonprep steps', `${BEFORE.stepsSec}, ${BEFORE.stepsMb} MB`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-bench-start-'));
  try {
    const demo = measure([bin, 'demo', '--out', path.join(dataDir, 'out')], 1, {
      ...process.env,
      DATA_DIR: path.join(dataDir, 'demo-data'),
    });
    report(
      'lessonprep demo (offline, cold), wall and peak RSS',
      `${fmt(demo.ms)}, ${demo.mb.toFixed(0)} MB peak (before: ${BEFORE.demoPeakMb} MB)`,
    );
    await benchServiceMemory(dataDir, report);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The processes whose parent is `pid` (the service's parse processes), from /proc. */
function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // it ended between the listing and the read
    }
    // Field 4 (after the parenthesised command, which may hold spaces) is the parent's pid.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) children.push(Number(entry));
  }
  return children;
}

/** RSS of the service and, apart, of its children (the parse processes). */
function serviceRss(pid: number): string {
  const children = childPids(pid).filter((child) => fs.existsSync(`/proc/${child}/status`));
  const own = `${rssMb(pid).toFixed(0)} MB`;
  if (children.length === 0) return `${own}, no parse process`;
  const theirs = children.reduce((sum, child) => sum + rssMb(child), 0);
  return `${own} + ${theirs.toFixed(0)} MB in ${children.length} parse process${children.length > 1 ? 'es' : ''}`;
}

async function benchServiceMemory(dataDir: string, report: Report): Promise<void> {
  // Counted on a start of its own: the tracing hooks run on a thread of their own, which would add to the RSS below.
  const trace = path.join(dataDir, 'modules.txt');
  const traced = await startServiceProcess(path.join(dataDir, 'traced'), await freePort(), moduleTraceEnv(trace));
  traced.kill('SIGTERM');
  report(
    'modules the service loads to start',
    `${tracedModuleCount(trace)} (before: ${BEFORE_LAZY.modules}; LangChain, pdf.js, docx, pptxgenjs … at first use)`,
  );

  const port = await freePort();
  // The bench's own idle time, so it waits 10 s rather than the default 30 for the parse process to go.
  const idleSec = 10;
  const child = await startServiceProcess(path.join(dataDir, 'service'), port, { PARSE_IDLE_SEC: String(idleSec) });
  try {
    await sleep(2000);
    report(
      'service idle RSS (after start)',
      `${rssMb(child.pid!).toFixed(0)} MB (before: ${BEFORE_LAZY.idleMb}; issue 11: ${BEFORE.idleMb} MB; target ≤ 150 MB)`,
    );
    const teacher = await signedInTeacher(`http://127.0.0.1:${port}`);
    const lesson = (await api(teacher, 'POST', '/api/lessons', { title: '内存', subject: '数学', grade: 3 })).body.id as string;
    const real = path.resolve(PACKAGE_ROOT, '../shared/realdata/pdf/普通高中语文课程标准_2017版2020修订.pdf');
    const pdf = fs.existsSync(real) ? real : packagePath('eval/cases/demo-shuxue-g3-zhouchang/materials/textbook-p82-84.pdf');
    const uploaded = await upload(teacher, lesson, pdf);
    const sizeKb = Math.round(fs.statSync(pdf).size / 1024);
    report(`service RSS right after parsing a PDF (${sizeKb} KB, HTTP ${uploaded.status})`, serviceRss(child.pid!));
    // Not a sleep that assumes speed: the parse process is gone when it is gone; the bench only bounds the wait.
    const parsed = performance.now();
    while (childPids(child.pid!).length > 0 && performance.now() - parsed < (idleSec + 60) * 1000) await sleep(250);
    report(
      `  after the parse process's idle exit (PARSE_IDLE_SEC=${idleSec})`,
      `${serviceRss(child.pid!)} at ${((performance.now() - parsed) / 1000).toFixed(0)} s (before: ${BEFORE_LAZY.afterPdfMb}; issue 11: ${BEFORE.afterPdfMb} MB)`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}
