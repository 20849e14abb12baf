import pLimit from 'p-limit';
import type { Db } from '../../src/db/client.js';
import type { Engine } from '../../src/pipeline/engine.js';
import type { Results } from '../../src/pipeline/step.js';
import type { FileStore } from '../../src/store/file-store.js';
import type { EvalCase } from '../case-schema.js';
import type { MutationTools } from '../mutations/define.js';
import type { CaseJson } from '../report/schema.js';
import { runCase } from '../run-case.js';
import { buildContext, type ScoreContext } from './context.js';
import { indexPeers } from './peers.js';
import { type Judging, scoreCase } from './score-case.js';

export interface EvaluateOptions {
  caseDirs: readonly string[];
  db: Db;
  store: FileStore;
  engine: Engine;
  judging: Judging | null;
  /** Cases run at once: 1 for the offline engine (CPU-bound), more for a model (network-bound). */
  concurrency: number;
  theme?: string;
  /**
   * Applied to each run's results before scoring: a stand-in for a changed
   * renderer or step in the gate's tests (a mutation's `apply` fits).
   */
  transform?: (results: Results, tools: MutationTools) => Promise<Results>;
  onCase?: (evaluated: CaseEvaluation) => void;
}

/** One case, run and scored: the report's row plus what the mutation matrix needs to degrade it. */
export interface CaseEvaluation {
  row: CaseJson;
  evalCase: EvalCase;
  context: ScoreContext;
}

/**
 * Runs every case through the nine steps (the same runner and definitions as
 * the CLI, via `runCase`), then scores each against the others: the
 * boilerplate check compares a plan with the other plans of the run, so
 * scoring waits until all have run. Cases keep the order given, whatever
 * order they finish in.
 *
 * @example
 * const cases = await evaluate({ caseDirs, db, store, engine: { kind: 'offline' }, judging: null, concurrency: 1 });
 */
export async function evaluate(options: EvaluateOptions): Promise<CaseEvaluation[]> {
  const { db, store, engine } = options;
  const limit = pLimit(options.concurrency);
  const runs = await Promise.all(
    options.caseDirs.map((dir) =>
      limit(async () => {
        const run = await runCase(dir, { db, store, engine, theme: options.theme });
        const results = options.transform ? await options.transform(run.outcome.results, { files: store }) : run.outcome.results;
        return { dir, run, results };
      }),
    ),
  );
  const peers = indexPeers(runs.map(({ run, results }) => ({ id: run.evalCase.id, plan: results.T3, digest: results.T1 })));
  return Promise.all(
    runs.map(({ dir, run, results }) =>
      limit(async () => {
        const context = await buildContext(run.evalCase, results, store, peers);
        const scored = await scoreCase(context, options.judging);
        const usage = { inputTokens: 0, outputTokens: 0, calls: 0, cachedSteps: 0 };
        for (const event of run.events) {
          if (event.type !== 'step') continue;
          if (event.status === 'cached') usage.cachedSteps += 1;
          usage.inputTokens += event.inputTokens;
          usage.outputTokens += event.outputTokens;
          usage.calls += event.modelCalls;
        }
        const { evalCase } = run;
        const evaluated: CaseEvaluation = {
          evalCase,
          context,
          row: {
            id: evalCase.id,
            title: evalCase.request.title,
            description: evalCase.description,
            subject: evalCase.request.subject,
            grade: evalCase.request.grade,
            dir,
            status: run.outcome.status,
            error: run.outcome.error?.message ?? null,
            ms: { pipeline: run.ms, scoring: scored.scoringMs, judge: scored.judgeMs },
            usage,
            judgeUsage: scored.judgeUsage,
            judgeErrors: scored.judgeErrors,
            scores: scored.scores,
          },
        };
        options.onCase?.(evaluated);
        return evaluated;
      }),
    ),
  );
}
