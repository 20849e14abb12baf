/**
 * The web app's part of `npm run bench` (not a test: nothing here fails on a
 * slow machine). Three figures, each against its target:
 *   1. initial JavaScript of `/`, gzipped as the server sends it (≤ 250 KB);
 *   2. a lesson page interactive in Chromium against a local service, on a
 *      lesson with a 40-slide deck (< 1 s);
 *   3. a run's progress event on screen, measured from the time the server
 *      stamped on the event to the frame that shows it (< 100 ms).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { DeckBrief, DeckSpec } from '../../src/domain/deck.js';
import { packagePath } from '../../src/paths.js';
import type { Results } from '../../src/pipeline/step.js';
import { type SignedIn, signedInTeacher } from '../../test/support/accounts.js';
import { api, upload, waitForRun } from '../../test/support/http.js';
import { answerLikeOffline } from '../../test/support/offline-answers.js';
import { startOpenAIServer } from '../../test/support/openai-server.js';
import { freePort, startServiceProcess } from '../../test/support/service-process.js';
import { buildWebApp, launchBrowser, SCREENSHOTS } from './browser.js';

const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const SLIDES = 40;
const MODEL_DELAY_MS = 300;
const LOADS = 5;

const report = (label: string, value: string) => console.log(`${label.padEnd(62)} ${value}`);
/** Every figure here moves with what else the machine does: each section prints the load it ran under. */
const machineLoad = () =>
  report(
    '  machine load (1/5/15-minute averages; cores)',
    `${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}; ${os.availableParallelism()}`,
  );
/** `npm run bench:web -- --only latency` measures only the event → screen time (the page loads take minutes). */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]?.split(',') : null;
const wanted = (section: 'size' | 'pages' | 'latency') => !only || only.includes(section);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

/** 1. The JavaScript `/` loads before anything shows: the entry script and the modules it preloads. */
function initialJavaScript(dist: string) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = (file: string) => fs.statSync(path.join(dist, `${file}.gz`)).size;
  const all = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const largest = all.map((f) => ({ f, size: gz(`assets/${f}`) })).sort((a, b) => b.size - a.size)[0]!;
  report(
    'Initial JavaScript of / (gzipped; target ≤ 250 KB)',
    `${(files.reduce((s, f) => s + gz(f), 0) / 1024).toFixed(1)} KB in ${files.length} files`,
  );
  report(
    '  all JavaScript, every page (gzipped)',
    `${(all.reduce((s, f) => s + gz(`assets/${f}`), 0) / 1024).toFixed(1)} KB in ${all.length} files`,
  );
  report(`  largest lazy chunk: ${largest.f.replace(/-[\w-]+\.js$/, '')}`, `${(largest.size / 1024).toFixed(1)} KB`);
}

/**
 * The demo's deck stretched to 40 slides: its content slides again after its own, as a long model-written deck
 * would be, with C1's slide budget (课件规划) widened to match, since C2's answer may not exceed the plan.
 */
function fortySlides(spec: DeckSpec, brief: DeckBrief): { spec: DeckSpec; brief: DeckBrief } {
  const extra = spec.slides.filter((s) => s.layout === 'content' || s.layout === 'question' || s.layout === 'answer');
  const slides = [...spec.slides];
  const added = new Map<string, number>();
  for (let i = 0; slides.length < SLIDES; i++) {
    const slide = extra[i % extra.length]!;
    slides.push(slide);
    if (slide.stepId) added.set(slide.stepId, (added.get(slide.stepId) ?? 0) + 1);
  }
  const steps = brief.steps.map((step) => ({ ...step, slideBudget: step.slideBudget + (added.get(step.stepId) ?? 0) }));
  return {
    spec: { ...spec, slides },
    brief: { ...brief, steps, totalSlides: 2 + steps.reduce((sum, step) => sum + step.slideBudget, 0) },
  };
}

/** The teacher every figure is measured for: signed in over HTTP, her session cookie given to each fresh browser. */
let teacher: SignedIn;

async function signedInBrowser(base: string) {
  const browser = await launchBrowser({ width: 1366, height: 768 });
  const [name, value] = teacher.cookie.split('=') as [string, string];
  await browser.context.addCookies([{ name, value, url: base }]);
  return browser;
}

async function lessonWithMaterials(title: string): Promise<string> {
  const id = (await api(teacher, 'POST', '/api/lessons', { title, subject: '数学', grade: 3, edition: '人教版' })).body.id as string;
  for (const file of ['materials/textbook-p82-84.pdf', 'materials/jiaocan.md']) await upload(teacher, id, path.join(DEMO, file));
  await upload(teacher, id, path.join(DEMO, 'video/zhouchang.srt'), {
    videoUrl: 'https://basic.smartedu.cn/play?id=demo',
    videoTitle: '长方形和正方形的周长',
  });
  return id;
}

/**
 * Milliseconds from navigation start until `ready` holds and a frame has been painted after it, and how much of it
 * the renderer's main thread was busy (Chrome's TaskDuration): what the page itself cost, whatever else the machine did.
 */
async function interactive(page: Page, url: string, ready: string): Promise<{ ms: number; busy: number; scripts: number; api: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskMs = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  const before = await taskMs();
  await page.goto(url);
  await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 30_000 });
  const ms = await page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))),
  );
  const after = await taskMs();
  await cdp.detach();
  // When the last script and the last API answer arrived: the rest of `ms` is the browser's own work.
  // (No named functions inside: tsx would wrap them in a helper the page does not have.)
  const { scripts, api } = await page.evaluate(() => {
    const ends = { scripts: 0, api: 0 };
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      if (entry.name.endsWith('.js')) ends.scripts = Math.max(ends.scripts, entry.responseEnd);
      if (entry.name.includes('/api/')) ends.api = Math.max(ends.api, entry.responseEnd);
    }
    return ends;
  });
  // A navigation to a new site starts a new renderer, whose count starts again at zero.
  return { ms, busy: after >= before ? after - before : after, scripts, api };
}

/** 2. Cold (new profile, empty cache) and warm loads of the deck and plan pages. */
async function pageLoads(base: string, lessonId: string) {
  const pages = [
    {
      name: 'deck page (40 slide thumbnails + large view)',
      route: 'deck',
      ready: `document.querySelectorAll('[data-testid="thumbnails"] .slide').length === ${SLIDES} && !!document.querySelector('.large .slide')`,
    },
    { name: 'plan page (教学设计, all sections)', route: 'plan', ready: `document.querySelectorAll('table.process tbody tr').length > 0` },
  ];
  for (const { name, route, ready } of pages) {
    const cold: number[] = [];
    const warm: number[] = [];
    const busy: number[] = [];
    const scripts: number[] = [];
    const answered: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const browser = await signedInBrowser(base);
      try {
        const page = await browser.context.newPage();
        const first = await interactive(page, `${base}/lessons/${lessonId}/${route}`, ready);
        cold.push(first.ms);
        busy.push(first.busy);
        scripts.push(first.scripts);
        answered.push(first.api);
        warm.push((await interactive(page, `${base}/lessons/${lessonId}/${route}`, ready)).ms);
      } finally {
        await browser.close();
      }
    }
    report(
      `Lesson ${name}, interactive (target < 1 s)`,
      `cold ${median(cold).toFixed(0)} ms, warm ${median(warm).toFixed(0)} ms (median of ${LOADS})`,
    );
    report(
      '  cold: last script in, last API answer in; main thread busy',
      `${median(scripts).toFixed(0)} ms, ${median(answered).toFixed(0)} ms; ${median(busy).toFixed(0)} ms`,
    );
    machineLoad();
  }
}

/** 3. Event → screen: the run page starts a run on the model engine and times each step's change against the event's own time. */
async function eventLatency(base: string, lessonId: string) {
  const browser = await signedInBrowser(base);
  try {
    const page = await browser.context.newPage();
    // When the event stream opened (earlier events are replayed history, not live) and when each event arrived.
    // Plain JavaScript: tsx names the functions and classes of a TypeScript callback with a helper the page lacks.
    await page.addInitScript({
      content: `
        window.arrived = {};
        window.progressAt = {};
        const Native = window.EventSource;
        window.EventSource = class extends Native {
          constructor(url, init) {
            super(url, init);
            this.addEventListener('open', () => { window.sseOpen ??= Date.now(); });
            for (const type of ['step', 'progress', 'run']) {
              this.addEventListener(type, (message) => {
                const at = JSON.parse(message.data).at;
                window.arrived[at] ??= Date.now();
                if (type === 'progress') window.progressAt[at] = true;
              });
            }
          }
        };`,
    });
    await page.goto(`${base}/lessons/${lessonId}/run`);
    await page.locator('[data-step]').first().waitFor();
    await page.evaluate(() => {
      const seen: { shown: number; at: string }[] = [];
      const counted = new Set<string>();
      (window as unknown as { seen: typeof seen }).seen = seen;
      // A step's status, and what a running step is doing (a model request, a retry): each change carries the event's time.
      new MutationObserver((records) => {
        const cells = new Set(records.map((r) => (r.target as HTMLElement).closest('[data-step]')).filter((c) => c !== null));
        requestAnimationFrame(() => {
          const shown = Date.now();
          for (const cell of cells) {
            const at = cell.querySelector('time')?.getAttribute('datetime');
            // The first frame that shows an event counts; a later change in the same cell is not that event again.
            if (at && !counted.has(at)) {
              counted.add(at);
              seen.push({ shown, at });
            }
          }
        });
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'data-activity'] });
    });
    await page.getByRole('button', { name: /开始生成|重新生成/ }).click();
    await page
      .getByText(/生成完成。|没有生成完/)
      .waitFor({ timeout: 300_000 })
      .catch(async (error: Error) => {
        await page.screenshot({ path: path.join(SCREENSHOTS, 'bench-latency-timeout.png'), fullPage: true });
        throw new Error(`${error.message}\n${await page.locator('main').textContent()}`);
      });
    const failed = await page.getByText('没有生成完').count();
    if (failed) throw new Error(`the latency run failed: ${await page.getByText('没有生成完').textContent()}`);
    const { seen, open, arrived, progressAt } = await page.evaluate(() => {
      const probe = window as unknown as {
        seen: { shown: number; at: string }[];
        sseOpen: number;
        arrived: Record<string, number>;
        progressAt: Record<string, boolean>;
      };
      return { seen: probe.seen, open: probe.sseOpen, arrived: probe.arrived, progressAt: probe.progressAt };
    });
    const live = seen.filter((s) => Date.parse(s.at) >= open && arrived[s.at] !== undefined);
    const total = live.map((s) => s.shown - Date.parse(s.at));
    const wire = live.map((s) => arrived[s.at]! - Date.parse(s.at));
    const screen = live.map((s) => s.shown - arrived[s.at]!);
    const line = (values: number[]) => `median ${median(values)} ms, p95 ${percentile(values, 95)} ms, max ${Math.max(...values)} ms`;
    report(
      `Run event → on screen, model engine (${MODEL_DELAY_MS} ms per call; target < 100 ms)`,
      `${line(total)} (${live.length} events)`,
    );
    report('  server stamps the event → the browser receives it', line(wire));
    report('  the browser receives it → the frame that shows it', line(screen));
    const steps = live.filter((s) => !progressAt[s.at]).map((s) => s.shown - Date.parse(s.at));
    const progress = live.filter((s) => progressAt[s.at]).map((s) => s.shown - Date.parse(s.at));
    report('  step events only (started, finished)', `${line(steps)} (${steps.length})`);
    if (progress.length) report('  progress events only (model request, retry)', `${line(progress)} (${progress.length})`);
    machineLoad();
  } finally {
    await browser.close();
  }
}

const dist = await buildWebApp();
if (wanted('size')) initialJavaScript(dist);

// The "model" answers each step with what the offline engine made from the same materials (read back through the
// API after an offline run), except that its deck has 40 slides.
const offline: Results = {};
const model = await startOpenAIServer({ respond: (request) => answerLikeOffline(offline)(request), delayMs: MODEL_DELAY_MS });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-webbench-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const service = await startServiceProcess(dataDir, port, {
  WEB_DIST_DIR: dist,
  LLM_BASE_URL: model.url,
  LLM_MODEL: 'bench-model',
  LLM_API_KEY: 'bench',
  LLM_STRUCTURED_METHOD: 'jsonSchema',
});
teacher = await signedInTeacher(base);

async function runToEnd(lessonId: string, engine: 'offline' | 'openai') {
  const run = (await api(teacher, 'POST', `/api/lessons/${lessonId}/runs`, { engine })).body.id as string;
  const finished = await waitForRun(teacher, run, 180_000);
  if (finished.status !== 'succeeded') throw new Error(`the bench lesson's ${engine} run ${finished.status}: ${finished.error}`);
}

try {
  const lesson = await lessonWithMaterials('长方形和正方形的周长');
  await runToEnd(lesson, 'offline');
  for (const { id, stepId } of (await api(teacher, 'GET', `/api/lessons/${lesson}/artifacts`)).body as {
    id: string;
    stepId: keyof Results;
  }[]) {
    (offline as Record<string, unknown>)[stepId] = (await api(teacher, 'GET', `/api/artifacts/${id}`)).body.json;
  }
  ({ spec: offline.C2, brief: offline.C1 } = fortySlides(offline.C2!, offline.C1!));
  if (wanted('pages')) {
    await runToEnd(lesson, 'openai');
    await pageLoads(base, lesson);
  }
  if (wanted('latency')) await eventLatency(base, await lessonWithMaterials('长方形和正方形的周长（第二课时）'));
} finally {
  service.kill('SIGTERM');
  await model.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(dist, { recursive: true, force: true });
}
