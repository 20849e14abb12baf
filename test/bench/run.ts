/**
 * `npm run bench`: the numbers issues #2 and #11 ask for, each beside a reference
 * measured in the same run. Not a test: nothing here fails on a slow machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCase } from '../../eval/run-case.js';
import { ingestDocument } from '../../src/ingest/index.js';
import type { ModelConfig } from '../../src/llm/config.js';
import { ResponseCache } from '../../src/llm/response-cache.js';
import { PACKAGE_ROOT, packagePath } from '../../src/paths.js';
import type { RunEvent } from '../../src/pipeline/events.js';
import { STEPS } from '../../src/pipeline/registry.js';
import type { Results, Step, StepId } from '../../src/pipeline/step.js';
import { StepPool } from '../../src/pipeline/step-pool/pool.js';
import { loadTheme, renderDeck } from '../../src/render/pptx/index.js';
import { buildDeckBrief } from '../../src/steps/c1-brief/offline.js';
import { writeDeckSpec } from '../../src/steps/c2-spec/offline.js';
import { makePlan, makePlanOutline } from '../support/fixtures/plan.js';
import { answerLikeOffline } from '../support/offline-answers.js';
import { startOpenAIServer } from '../support/openai-server.js';
import { tempDataDir } from '../support/temp-db.js';
import { benchAsr } from './asr.js';
import { benchCodeVersion } from './code-version.js';
import { benchHostile } from './hostile.js';
import { benchMaterials } from './materials.js';
import { benchService } from './service.js';
import { benchStartup } from './startup.js';
import { benchUploads } from './uploads.js';

const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const MODEL_DELAY_MS = 300;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(fn: () => Promise<T> | T, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const rows: [string, string][] = [];
const report = (label: string, value: string) => {
  rows.push([label, value]);
  console.log(`${label.padEnd(58)} ${value}`);
};

// 1. PDF ingest against pdftotext on the same file.
async function benchIngest() {
  const real = path.resolve(PACKAGE_ROOT, '../shared/realdata/pdf/普通高中语文课程标准_2017版2020修订.pdf');
  const file = fs.existsSync(real) ? real : path.join(DEMO, 'materials/textbook-p82-84.pdf');
  const bytes = fs.readFileSync(file);
  const doc = await ingestDocument({ name: path.basename(file), bytes });
  const pages = doc.pages.length;
  const ours = await timed(() => ingestDocument({ name: path.basename(file), bytes }), 5);
  const reference = await timed(() => spawnSync('pdftotext', ['-q', file, '-'], { maxBuffer: 64 << 20 }), 5);
  report(`PDF ingest, ${path.basename(file)} (${pages} pages)`, `${(pages / (ours / 1000)).toFixed(0)} pages/s (${ours.toFixed(0)} ms)`);
  report('  pdftotext on the same file (reference)', `${(pages / (reference / 1000)).toFixed(0)} pages/s (${reference.toFixed(0)} ms)`);
  report('  ratio: our time / pdftotext time', `${(ours / reference).toFixed(2)}×`);
}

// 2. A 30-slide deck.
async function benchDeck() {
  const plan = makePlan();
  const outline = makePlanOutline();
  const spec = writeDeckSpec(buildDeckBrief(plan, outline, 'qingsong'), plan, outline);
  const slides = Array.from({ length: 30 }, (_, i) => spec.slides[i % spec.slides.length]!);
  const theme = await loadTheme('qingsong');
  const ms = await timed(() => renderDeck({ ...spec, slides }, { theme }), 5);
  report('Deck render, 30 slides (pptxgenjs + fix-up + DEFLATE)', `${ms.toFixed(0)} ms`);
}

// 3. The offline pipeline on the demo lesson.
async function benchOffline(): Promise<number> {
  const data = tempDataDir();
  try {
    const cold = await runCase(DEMO, { db: data.db, store: data.store, engine: { kind: 'offline' } });
    const warm = await runCase(DEMO, { db: data.db, store: data.store, engine: { kind: 'offline' } });
    report('Offline pipeline, demo lesson, all nine steps (cold)', `${cold.ms} ms`);
    report('  same command again (every step cached)', `${warm.ms} ms`);
    return cold.ms;
  } finally {
    data.cleanup();
  }
}

/** The longest chain of model calls through the step graph: the floor on wall time when each call takes the same time. */
function modelCriticalPath(steps: readonly Step[]): number {
  const memo = new Map<StepId, number>();
  const depth = (step: Step): number => {
    if (!memo.has(step.id)) {
      const deps = step.needs.map((id) => depth(steps.find((s) => s.id === id)!));
      memo.set(step.id, (step.prompt ? 1 : 0) + Math.max(0, ...deps));
    }
    return memo.get(step.id)!;
  };
  return Math.max(...steps.map(depth));
}

/**
 * Where the run's time went, from its events: each step's span (started →
 * finished), the longest chain of spans through the step graph (the wall time
 * no scheduler can beat with these step durations), and every step that
 * started later than its needs allowed (what serialised the run).
 */
function schedule(events: RunEvent[], steps: readonly Step[]) {
  const span = new Map<StepId, { start: number; end: number }>();
  for (const event of events) {
    if (event.type !== 'step') continue;
    const at = Date.parse(event.at);
    if (event.status === 'started') span.set(event.stepId, { start: at, end: at });
    if (event.status === 'finished') span.set(event.stepId, { start: span.get(event.stepId)?.start ?? at - event.ms, end: at });
  }
  const runStart = Date.parse(events.find((e) => e.type === 'run')!.at);
  const ran = steps.filter((s) => span.has(s.id));
  const chain = new Map<StepId, { ms: number; path: StepId[] }>();
  const longest = (step: Step): { ms: number; path: StepId[] } => {
    if (!chain.has(step.id)) {
      const { start, end } = span.get(step.id)!;
      const before = step.needs
        .filter((id) => span.has(id))
        .map((id) => longest(steps.find((s) => s.id === id)!))
        .sort((a, b) => b.ms - a.ms)[0] ?? { ms: 0, path: [] };
      chain.set(step.id, { ms: before.ms + (end - start), path: [...before.path, step.id] });
    }
    return chain.get(step.id)!;
  };
  const critical = ran.map(longest).sort((a, b) => b.ms - a.ms)[0]!;
  const waits = ran
    .map((step) => {
      const ready = Math.max(runStart, ...step.needs.filter((id) => span.has(id)).map((id) => span.get(id)!.end));
      return { id: step.id, ms: span.get(step.id)!.start - ready };
    })
    .filter((w) => w.ms > 20)
    .sort((a, b) => b.ms - a.ms);
  // The video stage does not wait for the text stage: V2 (a model call) starts before the text stage's analysis is done.
  const overlap = span.has('V2') && span.has('T2') && span.get('V2')!.start < span.get('T2')!.end;
  return { critical, waits, overlap, span, runStart };
}

// 4. The model engine against a local server that answers after a fixed delay, on the step pool the CLI and the service use.
async function benchModel(offline: Results, offlineMs: number) {
  const server = await startOpenAIServer({ respond: answerLikeOffline(offline), delayMs: MODEL_DELAY_MS });
  const data = tempDataDir();
  const pool = new StepPool({ database: path.join(data.dir, 'lessonprep.sqlite'), filesDir: path.join(data.dir, 'files') });
  try {
    const config: ModelConfig = {
      provider: null,
      baseURL: server.url,
      model: 'bench-model',
      apiKey: 'bench',
      method: 'jsonSchema',
      temperature: 0.3,
      timeoutMs: 30_000,
      maxRetries: 0,
      retryBaseMs: 100,
      concurrency: 4,
    };
    const engine = { kind: 'openai-compatible' as const, config, cache: new ResponseCache(data.db) };
    // The service keeps its threads: start them with another lesson, so thread start-up is not counted as this one's
    // and the demo's parsing (T1, V1) still runs on its path.
    await runCase(packagePath('eval/cases/shuxue-g8-gougu'), {
      db: data.db,
      store: data.store,
      engine: { kind: 'offline' },
      executor: pool,
    });
    const first = await runCase(DEMO, { db: data.db, store: data.store, engine, executor: pool });
    const calls = server.requests.length;
    const steps = first.events.flatMap((e) => (e.type === 'step' && e.status === 'finished' ? [e] : []));
    const tokens = steps.reduce((sum, e) => sum + e.inputTokens + e.outputTokens, 0);
    const chain = modelCriticalPath(STEPS);
    const bound = chain * MODEL_DELAY_MS;
    const { critical, waits, overlap, span, runStart } = schedule(first.events, STEPS);
    report(`Model engine, demo lesson, server delay ${MODEL_DELAY_MS} ms per call (step pool)`, `${first.ms} ms wall`);
    report(
      `  model-only bound (${chain} chained model calls × ${MODEL_DELAY_MS} ms)`,
      `${bound} ms → ratio ${(first.ms / bound).toFixed(2)}×`,
    );
    report(
      `  critical path of this run's step durations (${critical.path.join('→')})`,
      `${critical.ms} ms → ratio ${(first.ms / critical.ms).toFixed(2)}× (target ≤ 1.10×)`,
    );
    const v2 = span.get('V2');
    const t2 = span.get('T2');
    report(
      '  V2 (video chapters, model) runs beside the text stage',
      overlap && v2 && t2
        ? `yes: V2 ${v2.start - runStart}–${v2.end - runStart} ms, T2 ${t2.start - runStart}–${t2.end - runStart} ms after the run started`
        : 'NO: the video stage waited for the text stage',
    );
    report(
      '  what serialised (steps that started after their needs were done)',
      waits.length ? waits.map((w) => `${w.id} +${w.ms} ms`).join(', ') : 'nothing over 20 ms',
    );
    report('  before (issue 11): six model calls, 300 ms each', '1,820 ms wall against a 1,500 ms bound (1.21×)');
    report(`  all ${calls} calls one after another would take`, `${calls * MODEL_DELAY_MS} ms`);
    report('  model calls and tokens per lesson', `${calls} calls, ${tokens.toLocaleString('en-US')} tokens`);
    const again = await runCase(DEMO, { db: data.db, store: data.store, engine, executor: pool });
    report('  model calls on an unchanged re-run', `${server.requests.length - calls} (wall ${again.ms} ms)`);
    // Parsing, rules and rendering also sit on the path (T1 before T2, C3 after C2).
    report(`  for reference: the offline run's own work`, `${offlineMs} ms`);
  } finally {
    await pool.close();
    await server.close();
    data.cleanup();
  }
}

// `npm run bench -- --only startup,hostile,model` runs some sections; by default all of them, in this order.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]!.split(',') : null;
const wanted = (section: string) => only === null || only.includes(section);
if (wanted('startup')) await benchStartup(report);
if (wanted('code-version')) benchCodeVersion(report);
if (wanted('hostile')) await benchHostile(report);
if (wanted('ingest')) await benchIngest();
if (wanted('materials')) await benchMaterials(report);
if (wanted('asr')) await benchAsr(report);
if (wanted('uploads')) await benchUploads(report);
if (wanted('deck')) await benchDeck();
if (wanted('model') || wanted('service')) {
  const offlineMs = await benchOffline();
  const scratch = tempDataDir();
  const offline = (await runCase(DEMO, { db: scratch.db, store: scratch.store, engine: { kind: 'offline' } })).outcome.results;
  scratch.cleanup();
  if (wanted('model')) await benchModel(offline, offlineMs);
  if (wanted('service')) await benchService(offline, modelCriticalPath(STEPS), MODEL_DELAY_MS, report);
}
