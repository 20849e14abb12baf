import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../src/db/client.js';
import { LOCAL_USER_ID } from '../src/db/schema.js';
import { loadRunInputs, type MaterialRecord, upsertLesson } from '../src/lessons/lessons.js';
import { createRun } from '../src/lessons/runs.js';
import type { Engine } from '../src/pipeline/engine.js';
import { engineModel } from '../src/pipeline/engine.js';
import type { RunEvent } from '../src/pipeline/events.js';
import { hashOf } from '../src/pipeline/hash.js';
import { STEPS } from '../src/pipeline/registry.js';
import { type RunOutcome, runPipeline } from '../src/pipeline/runner.js';
import type { FileStore } from '../src/store/file-store.js';
import { EvalCase } from './case-schema.js';

export function loadCase(dir: string): EvalCase {
  return EvalCase.parse(JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')));
}

export interface CaseRun {
  evalCase: EvalCase;
  outcome: RunOutcome;
  events: RunEvent[];
  ms: number;
}

/**
 * Runs one evaluation case through the nine steps, as the CLI would: files
 * stored by hash, a lesson row, a run row, the same runner and definitions.
 *
 * @example
 * const { outcome } = await runCase('eval/cases/demo-shuxue-g3-zhouchang', { db, store, engine: { kind: 'offline' } });
 */
export async function runCase(dir: string, context: { db: Db; store: FileStore; engine: Engine; theme?: string }): Promise<CaseRun> {
  const evalCase = loadCase(dir);
  const { db, store, engine } = context;
  const theme = context.theme ?? 'qingsong';
  const put = async (file: string) => store.put(fs.readFileSync(path.join(dir, file)), 'application/octet-stream');
  const files: MaterialRecord[] = [
    ...(await Promise.all(evalCase.materials.map(async (m) => ({ name: path.basename(m.file), sha256: await put(m.file), kind: m.kind })))),
    ...(await Promise.all(
      evalCase.transcripts.map(async (t) => ({
        name: path.basename(t.file),
        sha256: await put(t.file),
        kind: 'transcript' as const,
        video: { url: t.url, title: t.title, durationSec: t.durationSec },
      })),
    )),
  ];
  const lessonId = upsertLesson(db, evalCase.request, hashOf({ case: evalCase.id, files }), files, LOCAL_USER_ID);
  const runId = createRun(db, lessonId, { engine: engine.kind, model: engineModel(engine), theme });
  const events: RunEvent[] = [];
  const started = performance.now();
  const outcome = await runPipeline({
    db,
    store,
    engine,
    runId,
    steps: STEPS,
    inputs: loadRunInputs(db, lessonId, theme),
    onEvent: (e) => events.push(e),
  });
  return { evalCase, outcome, events, ms: Math.round(performance.now() - started) };
}
