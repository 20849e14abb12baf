import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/client.js';
import { ConfigError, InputError, ModelError } from '../../src/errors.js';
import { readModelConfig } from '../../src/llm/config.js';
import { ResponseCache } from '../../src/llm/response-cache.js';
import { chooseEngine, engineModel } from '../../src/pipeline/engine.js';
import type { Results } from '../../src/pipeline/step.js';
import { FileStore } from '../../src/store/file-store.js';
import { columnsFor } from '../core/columns.js';
import { type CaseEvaluation, evaluate } from '../core/evaluate.js';
import { mutationMatrix } from '../core/matrix.js';
import type { Judging } from '../core/score-case.js';
import { selectCases } from '../core/select-cases.js';
import { baselineOf, readBaseline, updatedBaseline, writeBaseline } from '../gate/baseline.js';
import { readJudgeConfig } from '../judges/config.js';
import { JUDGES } from '../judges/registry.js';
import type { MutationTools } from '../mutations/define.js';
import { buildReport } from '../report/build.js';
import { compareReports, readReport } from '../report/compare.js';
import { seconds } from '../report/format.js';
import { renderMarkdown } from '../report/markdown.js';
import { writeReport } from '../report/write.js';
import { type EvalArgs, parseEvalArgs, USAGE } from './args.js';
import { judgesTable, mutationsTable, scorersTable } from './tables.js';

export interface MainIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Tests only: stands in for a changed renderer or step (see `EvaluateOptions.transform`). */
  transform?: (results: Results, tools: MutationTools) => Promise<Results>;
}

const defaultIo: MainIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};

/**
 * `npm run eval`: runs the cases, scores them, writes the report, gates.
 * Returns the exit code: 0 passed, 1 gate breached, 2 bad input, 3 bad
 * configuration, 4 model unavailable.
 *
 * @example
 * process.exitCode = await main(['--cases', 'demo-shuxue-g3-zhouchang']);
 */
export async function main(argv: readonly string[], io: MainIo = defaultIo): Promise<number> {
  try {
    const args = parseEvalArgs(argv);
    switch (args.command) {
      case 'help':
        io.out(USAGE);
        return 0;
      case 'list':
        io.out(['## 规则指标', scorersTable(), '## 改坏方式', mutationsTable(), '## 模型评审', judgesTable()].join('\n\n'));
        return 0;
      case 'compare': {
        const [a, b] = args.compare!;
        io.out(compareReports(readReport(a), readReport(b), [a, b]));
        return 0;
      }
      case 'run':
        return await run(args, io);
    }
  } catch (error) {
    if (error instanceof InputError) return fail(io, error.detail, 2);
    if (error instanceof ConfigError) return fail(io, error.message, 3);
    if (error instanceof ModelError) return fail(io, error.message, 4);
    throw error;
  }
}

function fail(io: MainIo, message: string, code: number): number {
  io.err(`评测未运行：${message}`);
  return code;
}

/** One line per finished case on stderr, so a long model run shows it is moving. */
function progress(io: MainIo, total: number): (evaluated: CaseEvaluation) => void {
  let done = 0;
  return ({ row }) => {
    done += 1;
    const low = Object.values(row.scores).filter((s) => typeof s.score === 'number' && s.score < 1).length;
    const mark = row.status === 'succeeded' ? '✓' : '✗';
    io.err(`  ${mark} [${done}/${total}] ${row.id}  ${seconds(row.ms.pipeline)}${low ? `  ${low} 项未满分` : ''}`);
  };
}

async function run(args: EvalArgs, io: MainIo): Promise<number> {
  const started = performance.now();
  const caseDirs = selectCases(args.cases);
  // The offline engine is fast and deterministic: a fresh directory keeps its timings honest. A model's answers are worth keeping.
  const scratch = args.data === null && args.engine === 'offline';
  const dataDir =
    args.data ?? (scratch ? fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-eval-')) : path.join(io.env.DATA_DIR ?? 'data', 'eval'));
  const db = openDatabase(path.join(dataDir, 'lessonprep.sqlite'));
  try {
    const store = new FileStore(db, path.join(dataDir, 'files'));
    const cache = new ResponseCache(db);
    const engine = chooseEngine(args.engine, args.engine === 'openai' ? readModelConfig(io.env) : null, cache);
    const judging = args.judge ? judgingFrom(io.env, cache, args.judges) : null;
    io.err(
      `评测 ${caseDirs.length} 个用例（${engine.kind === 'offline' ? '离线引擎' : `模型 ${engineModel(engine)}`}${judging ? `，模型评审 ${judging.model.config.model}` : ''}）…`,
    );

    const cases = await evaluate({
      caseDirs,
      db,
      store,
      engine,
      judging,
      theme: args.theme,
      transform: io.transform,
      concurrency: args.concurrency ?? (engine.kind === 'offline' ? 1 : 4),
      onCase: progress(io, caseDirs.length),
    });
    if (args.mutations) io.err('元评测：逐个改坏并重新打分…');
    const matrix = args.mutations ? await mutationMatrix(cases, { files: store }, judging) : null;

    const input = {
      cases,
      matrix,
      columns: columnsFor(judging?.judges ?? []),
      engine: { kind: engine.kind, model: engineModel(engine) },
      judgeModel: judging?.model.config.model ?? null,
      totalMs: Math.round(performance.now() - started),
    };
    const gateOptions = { baselinePath: args.baseline, strict: args.strict };
    const draft = buildReport({ ...input, gate: { ...gateOptions, baseline: null } });
    // A deliberate update makes this run the reference: the gate then judges it against itself (thresholds, failures, missed mutations).
    const baseline = args.updateBaseline ? updatedBaseline(readBaseline(args.baseline), baselineOf(draft)) : readBaseline(args.baseline);
    const report = buildReport({ ...input, createdAt: new Date(draft.createdAt), gate: { ...gateOptions, baseline } });
    const files = writeReport(args.out, report, baseline);
    if (args.updateBaseline) writeBaseline(args.baseline, baseline!);

    const summary = renderMarkdown(report, baseline).split('\n## ')[1] ?? '';
    io.out(`## ${summary.trim()}\n`);
    io.out(`报告：${files.md}\n      ${files.json}${args.updateBaseline ? `\n基线已更新：${args.baseline}` : ''}`);
    return report.gate.passed ? 0 : 1;
  } finally {
    db.$client.close();
    if (scratch) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function judgingFrom(env: NodeJS.ProcessEnv, cache: ResponseCache, ids: readonly string[]): Judging {
  const unknown = ids.filter((id) => !JUDGES.some((judge) => judge.id === id));
  if (unknown.length > 0)
    throw new InputError('--judges', 'invalid', `没有这个评审：${unknown.join('、')}（可选：${JUDGES.map((j) => j.id).join('、')}）`);
  const config = readJudgeConfig(env);
  if (!config)
    throw new ConfigError('--judge 需要评审模型：请设置 JUDGE_MODEL 与 JUDGE_BASE_URL 或 JUDGE_PROVIDER（缺省时读取 LLM_* 变量）');
  return { model: { config, cache }, judges: ids.length === 0 ? JUDGES : JUDGES.filter((judge) => ids.includes(judge.id)) };
}
