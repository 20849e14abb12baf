import fs from 'node:fs/promises';
import path from 'node:path';
import { findUserByUsername, LOCAL_USER_ID } from '../accounts/users.js';
import { readAppConfig } from '../config.js';
import { type Db, openDatabase } from '../db/client.js';
import { InputError } from '../errors.js';
import { libraryFromEnv } from '../ingest/library/from-env.js';
import { safeFileName } from '../lessons/file-names.js';
import { upsertLesson } from '../lessons/lessons.js';
import { newOwner, readLeaseMs } from '../lessons/run-owner.js';
import { createRun, endRun, getRun, recoverRuns, renewLeases, runInputsOf } from '../lessons/runs.js';
import { readModelConfig } from '../llm/config.js';
import { ResponseCache } from '../llm/response-cache.js';
import { chooseEngine, engineModel } from '../pipeline/engine.js';
import type { RunEvent, RunEventListener } from '../pipeline/events.js';
import { hashOf } from '../pipeline/hash.js';
import { STEPS } from '../pipeline/registry.js';
import { type RunOutcome, readStepBudgetMs, runPipeline } from '../pipeline/runner.js';
import { StepPool } from '../pipeline/step-pool/pool.js';
import { writeLessonFiles } from '../render/lesson-files.js';
import { listThemes } from '../render/pptx/theme.js';
import { FileStore } from '../store/file-store.js';
import type { RunCommand } from './args.js';
import { publishOutputs, recordFailedAttempt } from './out-folder.js';

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
  finishedAt: string;
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

function reportOf(
  runId: string,
  lessonId: string,
  outcome: RunOutcome,
  engine: { kind: string; model: string | null },
  events: RunEvent[],
) {
  return {
    runId,
    lessonId,
    status: outcome.status,
    engine: engine.kind,
    model: engine.model,
    error: outcome.error?.message ?? (outcome.status === 'cancelled' ? '已取消' : null),
    finishedAt: new Date().toISOString(),
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
  };
}

/**
 * `lessonprep run`: stores the files, records the lesson, runs the nine steps
 * on a pool of step threads and, only if the run succeeded, puts the teacher's
 * files and `run.json` into the output folder (written aside first, then moved
 * in). A failed or cancelled run leaves the folder's previous files as they
 * were and says what happened in its `run.json`.
 *
 * The run is owned by this process (with a lease renewed while it lives): a
 * service on the same DATA_DIR never takes it over, and if the process is
 * stopped the run is recorded as cancelled on the way out.
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
  const pool = new StepPool({ database: app.databaseFile, filesDir: app.filesDir });
  const owner = newOwner('cli');
  const leaseMs = readLeaseMs();
  const lease = setInterval(() => renewLeases(db, owner, leaseMs), leaseMs / 3).unref();
  let runId: string | null = null;
  let closeLibrary: (() => Promise<void>) | null = null;
  // However the process ends (a second Ctrl+C exits at once), a run it owned is not left looking alive.
  const markStopped = () => {
    if (runId && ['queued', 'running'].includes(getRun(db, runId)?.status ?? '')) endRun(db, runId, 'cancelled', '已取消（命令行被中断）');
  };
  process.once('exit', markStopped);
  try {
    // Runs of earlier commands whose process died are failed, so nobody waits on them.
    recoverRuns(db, owner, { resume: false });
    const modelConfig = readModelConfig();
    const store = new FileStore(db, app.filesDir);
    // The same library as the service: a file parsed or recognised before (CLI or service, same DATA_DIR) is reused.
    const { library, close } = libraryFromEnv({ db, files: store, modelConfig, parsing: 'inline' });
    closeLibrary = close;
    const put = (file: string, bytes: Uint8Array) =>
      store.put(bytes, MEDIA_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
    const named = (file: string) => {
      const { name, original } = safeFileName(path.basename(file));
      return { name, originalName: original };
    };
    const materials = await Promise.all(
      command.materials.map(async (file, i) => ({ ...named(file), sha256: await put(file, materialBytes[i]!), kind: null })),
    );
    // A lesson video is taken as the service takes an upload: subtitles are read now (a bad file is refused
    // before anything runs), a recording is checked and transcribed by the configured recognizer.
    const transcripts = [];
    for (const [i, t] of command.transcripts.entries()) {
      const { name, originalName } = named(t.file);
      const { transcript, state } = await library.transcripts.add({ name, bytes: transcriptBytes[i]! }, { durationSec: t.durationSec });
      transcripts.push({
        name,
        originalName,
        sha256: state ? transcript.sha256 : await put(t.file, transcriptBytes[i]!),
        kind: 'transcript' as const,
        video: { url: t.url, title: t.title, durationSec: t.durationSec ?? (state ? transcript.durationSec : null) },
      });
    }
    const files = [...materials, ...transcripts];
    const ownerId = await ownerOf(db, command.owner);
    const lessonId = upsertLesson(db, command.request, hashOf({ request: command.request, files }), files, ownerId);

    // 3. Run the steps.
    const engine = chooseEngine(command.engine, modelConfig, new ResponseCache(db));
    const id = createRun(db, lessonId, {
      engine: engine.kind,
      model: engineModel(engine),
      theme: command.theme,
      createdBy: ownerId,
      owner: { id: owner, leaseMs },
    });
    runId = id;
    const events: RunEvent[] = [];
    const outcome = await runPipeline({
      db,
      store,
      engine,
      runId: id,
      signal,
      steps: STEPS,
      executor: pool,
      stepBudgetMs: readStepBudgetMs(),
      // T1 asks this thread's library, which the step threads reach through the pool.
      ingest: (file) => library.ingest(file),
      transcript: (file, read) => library.transcripts.read(file, read),
      inputs: runInputsOf(db, getRun(db, id)!),
      onEvent: (event) => {
        events.push(event);
        onEvent(event);
      },
    });

    // 4. The teacher's files and the run report, in the output folder only when the run succeeded.
    const report = reportOf(id, lessonId, outcome, { kind: engine.kind, model: engineModel(engine) }, events);
    if (outcome.status !== 'succeeded') {
      await recordFailedAttempt(command.out, { ...report, files: ['run.json'] });
      if (outcome.error) throw outcome.error;
      return { ...report, files: [] };
    }
    const published = await publishOutputs(
      command.out,
      async (dir) => [...(await writeLessonFiles(dir, outcome.results, store)), 'run.json'],
      (names) => ({
        ...report,
        files: names,
      }),
    );
    return { ...report, files: published };
  } finally {
    clearInterval(lease);
    markStopped();
    process.off('exit', markStopped);
    await closeLibrary?.();
    await pool.close();
    db.$client.close();
  }
}
