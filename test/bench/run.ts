/**
 * `npm run bench`: the numbers issue #2 asks for, each beside a reference
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
import { STEPS } from '../../src/pipeline/registry.js';
import type { Results, Step, StepId } from '../../src/pipeline/step.js';
import { loadTheme, renderDeck } from '../../src/render/pptx/index.js';
import { buildDeckBrief } from '../../src/steps/c1-brief/offline.js';
import { writeDeckSpec } from '../../src/steps/c2-spec/offline.js';
import { makePlan, makePlanOutline } from '../support/fixtures/plan.js';
import { answerLikeOffline } from '../support/offline-answers.js';
import { startOpenAIServer } from '../support/openai-server.js';
import { tempDataDir } from '../support/temp-db.js';
import { benchAsr } from './asr.js';
import { benchMaterials } from './materials.js';
import { benchService } from './service.js';

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

// 4. The model engine against a local server that answers after a fixed delay.
async function benchModel(offline: Results, offlineMs: number) {
  const server = await startOpenAIServer({ respond: answerLikeOffline(offline), delayMs: MODEL_DELAY_MS });
  const data = tempDataDir();
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
    const first = await runCase(DEMO, { db: data.db, store: data.store, engine });
    const calls = server.requests.length;
    const steps = first.events.flatMap((e) => (e.type === 'step' && e.status === 'finished' ? [e] : []));
    const tokens = steps.reduce((sum, e) => sum + e.inputTokens + e.outputTokens, 0);
    const chain = modelCriticalPath(STEPS);
    const bound = chain * MODEL_DELAY_MS;
    report(`Model engine, demo lesson, server delay ${MODEL_DELAY_MS} ms per call`, `${first.ms} ms wall`);
    report(`  critical-path bound (${chain} chained model calls × ${MODEL_DELAY_MS} ms)`, `${bound} ms`);
    report('  ratio: wall / bound', `${(first.ms / bound).toFixed(2)}×`);
    // Parsing, rules and rendering also sit on the path (T1 before T2, C3 after C2).
    report(
      `  bound + the offline run's own work (${offlineMs} ms)`,
      `${bound + offlineMs} ms → ratio ${(first.ms / (bound + offlineMs)).toFixed(2)}×`,
    );
    report(`  all ${calls} calls one after another would take`, `${calls * MODEL_DELAY_MS} ms`);
    report('  model calls and tokens per lesson', `${calls} calls, ${tokens.toLocaleString('en-US')} tokens`);
    const again = await runCase(DEMO, { db: data.db, store: data.store, engine });
    report('  model calls on an unchanged re-run', `${server.requests.length - calls} (wall ${again.ms} ms)`);
  } finally {
    await server.close();
    data.cleanup();
  }
}

await benchIngest();
await benchMaterials(report);
await benchAsr(report);
await benchDeck();
const offlineMs = await benchOffline();
const scratch = tempDataDir();
const offline = (await runCase(DEMO, { db: scratch.db, store: scratch.store, engine: { kind: 'offline' } })).outcome.results;
scratch.cleanup();
await benchModel(offline, offlineMs);
await benchService(offline, modelCriticalPath(STEPS), MODEL_DELAY_MS, report);
