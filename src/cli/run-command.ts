import fs from 'node:fs/promises';
import path from 'node:path';
import { findUserByUsername, LOCAL_USER_ID } from '../accounts/users.js';
import { readAppConfig } from '../config.js';
import { type Db, openDatabase } from '../db/client.js';
import { InputError } from '../errors.js';
import { loadRunInputs, upsertLesson } from '../lessons/lessons.js';
import { createRun } from '../lessons/runs.js';
import { readModelConfig } from '../llm/config.js';
import { ResponseCache } from '../llm/response-cache.js';
import { chooseEngine, engineModel } from '../pipeline/engine.js';
import type { RunEvent, RunEventListener } from '../pipeline/events.js';
import { hashOf } from '../pipeline/hash.js';
import { STEPS } from '../pipeline/registry.js';
import { type RunOutcome, runPipeline } from '../pipeline/runner.js';
import { writeLessonFiles } from '../render/lesson-files.js';
import { listThemes } from '../render/pptx/index.js';
import { FileStore } from '../store/file-store.js';
import type { RunCommand } from './args.js';

const MEDIA_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.txt': 'text/plain',
  '.srt': 'application/x-subrip',
  '.vtt': 'text/vtt',
};

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(file, 'not-found', '找不到这个文件，请检查路径');
    if (code === 'EISDIR') throw new InputError(file, 'invalid', '这是一个文件夹，请给出具体的文件');
    throw new InputError(file, 'invalid', `无法读取：${(error as Error).message}`);
  }
}

/** Who owns a lesson made on the command line: the named teacher (so she sees it after signing in), else the local user. */
async function ownerOf(db: Db, username: string | null): Promise<string> {
  if (!username) return LOCAL_USER_ID;
  const user = await findUserByUsername(db, username);
  if (!user) throw new InputError('--owner', 'invalid', `没有登录名为 ${username} 的用户（lessonprep users list 列出全部用户）`);
  return user.id;
}

export interface RunReport {
  runId: string;
  lessonId: string;
  status: RunOutcome['status'];
  engine: string;
  model: string | null;
  error: string | null;
  steps: {
    id: string;
    title: string;
    stage: string;
    phase: string;
    status: string;
    cached: boolean;
    ms: number;
    inputTokens: number;
    outputTokens: number;
    modelCalls: number;
    warnings: string[];
    error: string | null;
  }[];
  files: string[];
}

/**
 * `lessonprep run`: stores the files, records the lesson, runs the nine steps
 * and writes the teacher's files plus `run.json` into the output folder.
 *
 * @example
 * const report = await runCommand(parseRunArgs(process.argv.slice(3)), progressPrinter());
 */
export async function runCommand(command: RunCommand, onEvent: RunEventListener, signal?: AbortSignal): Promise<RunReport> {
  // 1. Check what can be checked before touching the database.
  if (!listThemes().includes(command.theme)) {
    throw new InputError('--theme', 'invalid', `没有主题 “${command.theme}”，可选：${listThemes().join('、')}`);
  }
  const materialBytes = await Promise.all(command.materials.map(readInput));
  const transcriptBytes = await Promise.all(command.transcripts.map((t) => readInput(t.file)));

  // 2. Store the files by content and record the lesson.
  const app = readAppConfig();
  const db = openDatabase(app.databaseFile);
  try {
    const store = new FileStore(db, app.filesDir);
    const put = (file: string, bytes: Uint8Array) =>
      store.put(bytes, MEDIA_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
    const materials = await Promise.all(
      command.materials.map(async (file, i) => ({ name: path.basename(file), sha256: await put(file, materialBytes[i]!), kind: null })),
    );
    const transcripts = await Promise.all(
      command.transcripts.map(async (t, i) => ({
        name: path.basename(t.file),
        sha256: await put(t.file, transcriptBytes[i]!),
        kind: 'transcript' as const,
        video: { url: t.url, title: t.title, durationSec: t.durationSec },
      })),
    );
    const files = [...materials, ...transcripts];
    const ownerId = await ownerOf(db, command.owner);
    const lessonId = upsertLesson(db, command.request, hashOf({ request: command.request, files }), files, ownerId);

    // 3. Run the steps.
    const engine = chooseEngine(command.engine, readModelConfig(), new ResponseCache(db));
    const runId = createRun(db, lessonId, { engine: engine.kind, model: engineModel(engine), theme: command.theme, createdBy: ownerId });
    const events: RunEvent[] = [];
    const outcome = await runPipeline({
      db,
      store,
      engine,
      runId,
      signal,
      steps: STEPS,
      inputs: loadRunInputs(db, lessonId, command.theme),
      onEvent: (event) => {
        events.push(event);
        onEvent(event);
      },
    });

    // 4. Write the teacher's files and the run report.
    const written = await writeLessonFiles(command.out, outcome.results, store);
    const report: RunReport = {
      runId,
      lessonId,
      status: outcome.status,
      engine: engine.kind,
      model: engineModel(engine),
      error: outcome.error?.message ?? null,
      steps: STEPS.map((step) => {
        const last = events.filter((e): e is Extract<RunEvent, { type: 'step' }> => e.type === 'step' && e.stepId === step.id).at(-1);
        return {
          id: step.id,
          title: step.title,
          stage: step.stage,
          phase: step.phase,
          status: last && ['cached', 'finished', 'pinned'].includes(last.status) ? 'succeeded' : (last?.status ?? 'skipped'),
          cached: last?.status === 'cached',
          ms: last?.ms ?? 0,
          inputTokens: last?.inputTokens ?? 0,
          outputTokens: last?.outputTokens ?? 0,
          modelCalls: last?.modelCalls ?? 0,
          warnings: last?.warnings ?? [],
          error: last?.error ?? null,
        };
      }),
      files: [...written, 'run.json'],
    };
    await fs.writeFile(path.join(command.out, 'run.json'), `${JSON.stringify(report, null, 2)}\n`);
    if (outcome.error) throw outcome.error;
    return report;
  } finally {
    db.$client.close();
  }
}
