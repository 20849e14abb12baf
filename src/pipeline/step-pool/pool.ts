import os from 'node:os';
import { Worker } from 'node:worker_threads';
import pLimit, { type LimitFunction } from 'p-limit';
import type { StepJob, StepReport } from '../execute-step.js';
import type { ExecuteHooks, StepExecutor } from '../executor.js';
import { fromWire, StepBudgetError, StepCrashError, toWire } from '../step-errors.js';
import type { FromThread, ThreadData, ToThread } from './protocol.js';

export interface StepPoolOptions {
  /** The SQLite file and stored files the steps read and write (DATA_DIR). */
  database: string;
  filesDir: string;
  /** A module exporting `STEPS`, for stand-in steps in tests; default the registry. */
  steps?: URL;
  /** Threads at most; STEP_WORKERS, default one per core (at least 2). */
  size?: number;
  /** JavaScript heap of one thread; STEP_WORKER_MEMORY_MB, default 2048. */
  memoryMb?: number;
  /** STEP_IDLE_SEC: an idle thread exits after this long (default 30 s), giving its memory back. */
  idleMs?: number;
  /** Told when a thread ends and why: idle, a step that would not stop, a crash, or the pool closing. */
  onExit?: (exit: { threadId: number; why: ThreadExit }) => void;
  /**
   * How long a stopped step may take to stop by itself before its thread is terminated (default
   * 500 ms): a step waiting on a model stops at once; one computing never looks, so cancel waits this long.
   */
  graceMs?: number;
}

type ThreadExit = 'idle' | 'stopped' | 'crashed' | 'closed';

interface Task {
  id: number;
  job: StepJob;
  hooks: ExecuteHooks;
  resolve(report: StepReport): void;
  reject(error: Error): void;
  thread: Thread | null;
  /** Waiting on a model leaves the thread free to compute another step. */
  waiting: boolean;
  /** Why the step is being stopped (cancel or budget), once it is. */
  stopping: Error | null;
  timers: NodeJS.Timeout[];
  /** Threads that died under this step; at two it fails instead of starting again. */
  crashes: number;
  settled: boolean;
}

interface Thread {
  worker: Worker;
  tasks: Map<number, Task>;
  /** Model slots granted to this thread, released when it says so or dies. */
  grants: Map<number, () => void>;
  idle: NodeJS.Timeout | null;
  dead: boolean;
}

/** One thread per core, at least 2: a long step on one never holds up every other. */
export function defaultStepThreads(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.STEP_WORKERS);
  return Number.isInteger(configured) && configured > 0 ? configured : Math.max(2, os.availableParallelism());
}

/**
 * Runs steps on a pool of worker threads, off the event loop that answers
 * HTTP requests and signals. Worker threads rather than child processes: a
 * thread starts in a fraction of the time and memory of a process, shares the
 * stored files and the SQLite database (WAL) through its own connection, and
 * `terminate()` stops it even in the middle of a synchronous computation, which
 * is what cancel and the time budget need.
 *
 * A thread runs several steps at once when they wait on a model, and starts a
 * new step only while none of its steps is computing, so computing steps get
 * a core each. A step that is stopped (cancel, budget) and does not stop by
 * itself within `graceMs` has its thread terminated; the other steps on that
 * thread start again on another thread (their stored results are kept). A
 * thread that dies by itself (out of memory) restarts its steps once.
 *
 * @example
 * const pool = new StepPool({ database: app.databaseFile, filesDir: app.filesDir });
 * await runPipeline({ …, executor: pool });
 * await pool.close();
 */
export class StepPool implements StepExecutor {
  private readonly size: number;
  private readonly memoryMb: number;
  private readonly idleMs: number;
  private readonly graceMs: number;
  private readonly threads = new Set<Thread>();
  private readonly queue: Task[] = [];
  private readonly limits = new Map<string, LimitFunction>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: StepPoolOptions) {
    this.size = Math.max(1, options.size ?? defaultStepThreads());
    this.memoryMb = options.memoryMb ?? (Number(process.env.STEP_WORKER_MEMORY_MB) || 2048);
    this.idleMs = options.idleMs ?? (Number(process.env.STEP_IDLE_SEC) || 30) * 1000;
    this.graceMs = options.graceMs ?? 500;
  }

  /** Threads alive now. */
  get threadCount(): number {
    return this.threads.size;
  }

  execute(job: StepJob, hooks: ExecuteHooks): Promise<StepReport> {
    if (this.closed) return Promise.reject(new Error('step pool is closed'));
    return new Promise((resolve, reject) => {
      const task: Task = {
        id: this.nextId++,
        job,
        hooks,
        resolve,
        reject,
        thread: null,
        waiting: false,
        stopping: null,
        timers: [],
        crashes: 0,
        settled: false,
      };
      const cancel = () => this.stop(task, hooks.signal.reason instanceof Error ? hooks.signal.reason : new Error('已取消'));
      if (hooks.signal.aborted) return cancel();
      hooks.signal.addEventListener('abort', cancel, { once: true });
      this.queue.push(task);
      this.pump();
    });
  }

  /** Stops every thread; steps still queued or running fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) this.settle(task, new Error('step pool is closed'));
    await Promise.all([...this.threads].map((thread) => this.retire(thread, new Error('step pool is closed'), 'closed')));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const thread = this.freeThread();
      if (!thread) return;
      this.assign(thread, this.queue.shift()!);
    }
  }

  /** An idle thread, else one whose steps all wait on a model, else a new one while the pool has room. */
  private freeThread(): Thread | null {
    const live = [...this.threads].filter((t) => !t.dead);
    const notComputing = live.filter((t) => [...t.tasks.values()].every((task) => task.waiting));
    const best = notComputing.sort((a, b) => a.tasks.size - b.tasks.size)[0];
    if (best) return best;
    return live.length < this.size ? this.spawn() : null;
  }

  private assign(thread: Thread, task: Task): void {
    if (thread.idle) clearTimeout(thread.idle);
    thread.idle = null;
    task.thread = thread;
    task.waiting = false;
    thread.tasks.set(task.id, task);
    task.timers.push(
      setTimeout(() => this.stop(task, new StepBudgetError(task.job.title, task.hooks.budgetMs, false)), task.hooks.budgetMs),
    );
    this.send(thread, { type: 'run', id: task.id, job: task.job });
  }

  /** Asks the step to stop; terminates its thread if it is still running after the grace period. */
  private stop(task: Task, reason: Error): void {
    if (task.settled || task.stopping) return;
    task.stopping = reason;
    const thread = task.thread;
    if (!thread) {
      const queued = this.queue.indexOf(task);
      if (queued >= 0) this.queue.splice(queued, 1);
      this.settle(task, reason);
      return;
    }
    this.send(thread, { type: 'abort', id: task.id, reason: toWire(reason) });
    task.timers.push(setTimeout(() => void this.retire(thread, null, 'stopped'), this.graceMs));
  }

  private spawn(): Thread {
    const compiled = import.meta.url.endsWith('.js');
    const steps = this.options.steps ?? new URL(`../registry.${compiled ? 'js' : 'ts'}`, import.meta.url);
    const worker = new Worker(new URL(compiled ? './thread.js' : './entry.mjs', import.meta.url), {
      workerData: { database: this.options.database, filesDir: this.options.filesDir, steps: steps.href } satisfies ThreadData,
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb },
    });
    const thread: Thread = { worker, tasks: new Map(), grants: new Map(), idle: null, dead: false };
    worker.on('message', (message: FromThread) => this.receive(thread, message));
    worker.on('error', (error: Error & { code?: string }) => this.crashed(thread, error));
    worker.on('exit', (code) => this.crashed(thread, new Error(`exit code ${code}`)));
    this.threads.add(thread);
    return thread;
  }

  private receive(thread: Thread, message: FromThread): void {
    if (message.type === 'acquire') {
      this.acquire(thread, message.slot, message.baseURL, message.concurrency);
      return;
    }
    if (message.type === 'release') {
      thread.grants.get(message.slot)?.();
      thread.grants.delete(message.slot);
      return;
    }
    const task = thread.tasks.get(message.id);
    if (!task) return;
    if (message.type === 'ingest') {
      this.ingest(thread, task, message.request, message.file);
      return;
    }
    if (message.type === 'transcript') {
      this.transcript(thread, task, message.request, message.file, message.durationSec);
      return;
    }
    if (message.type === 'progress') {
      const { progress } = message;
      if (progress.kind === 'model') task.waiting = progress.progress.kind !== 'answered';
      task.hooks.onProgress(progress);
      // A step that went back to waiting frees its thread for a queued step.
      if (task.waiting) this.pump();
      return;
    }
    thread.tasks.delete(task.id);
    if (message.type === 'done') this.settle(task, null, message.report);
    else this.settle(task, task.stopping ?? fromWire(message.error));
    if (thread.tasks.size === 0 && !thread.dead) {
      thread.idle = setTimeout(() => void this.retire(thread, null, 'idle'), this.idleMs);
      thread.idle.unref();
    }
    this.pump();
  }

  /** Reads a file for a step with the caller's material library and sends the document (or why not) back. */
  private ingest(thread: Thread, task: Task, request: number, file: { name: string; bytes: Uint8Array }): void {
    const read = task.hooks.ingest;
    if (!read) {
      this.send(thread, { type: 'ingest-failed', request, error: toWire(new Error('no material library for this step')) });
      return;
    }
    read(file).then(
      (document) => this.send(thread, { type: 'ingested', request, document }),
      (error: unknown) => this.send(thread, { type: 'ingest-failed', request, error: toWire(error) }),
    );
  }

  /** Has the caller's library read a video's words (a recording is transcribed there, once) and sends them back. */
  private transcript(
    thread: Thread,
    task: Task,
    request: number,
    file: { name: string; bytes: Uint8Array },
    durationSec: number | null,
  ): void {
    const read = task.hooks.transcript;
    if (!read) {
      this.send(thread, { type: 'ingest-failed', request, error: toWire(new Error('no material library for this step')) });
      return;
    }
    read(file, { durationSec }).then(
      (transcript) => this.send(thread, { type: 'transcribed', request, transcript }),
      (error: unknown) => this.send(thread, { type: 'ingest-failed', request, error: toWire(error) }),
    );
  }

  /** One limiter per endpoint for the whole process; a granted slot is held until the thread releases it. */
  private acquire(thread: Thread, slot: number, baseURL: string, concurrency: number): void {
    let limit = this.limits.get(baseURL);
    if (!limit) {
      limit = pLimit(concurrency);
      this.limits.set(baseURL, limit);
    }
    void limit(
      () =>
        new Promise<void>((release) => {
          if (thread.dead) return release();
          thread.grants.set(slot, release);
          this.send(thread, { type: 'slot', slot });
        }),
    );
  }

  /**
   * Ends a thread. `null` as the cause: it was stopped on purpose (idle, a
   * step that would not stop, closing), so steps on it that were being
   * stopped fail with their reason and the others start again elsewhere.
   */
  private async retire(thread: Thread, cause: Error | null, why: ThreadExit): Promise<void> {
    if (thread.dead) return;
    thread.dead = true;
    this.threads.delete(thread);
    if (thread.idle) clearTimeout(thread.idle);
    for (const release of thread.grants.values()) release();
    thread.grants.clear();
    for (const task of thread.tasks.values()) {
      task.thread = null;
      for (const timer of task.timers.splice(0)) clearTimeout(timer);
      if (task.stopping || cause) this.settle(task, task.stopping ?? cause);
      else this.queue.unshift(task);
    }
    thread.tasks.clear();
    const { threadId } = thread.worker;
    const terminated = thread.worker.terminate();
    if (!this.closed) this.pump();
    await terminated;
    this.options.onExit?.({ threadId, why });
  }

  /** A thread that died by itself: its steps start again once, then fail. */
  private crashed(thread: Thread, error: Error & { code?: string }): void {
    if (thread.dead) return;
    const why =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `内存超过 ${this.memoryMb} MB（STEP_WORKER_MEMORY_MB）`
        : `线程意外退出：${error.message}`;
    for (const task of thread.tasks.values()) {
      task.crashes += 1;
      if (task.crashes >= 2 && !task.stopping)
        task.stopping = new StepCrashError(`${task.job.title}两次未能完成：${why}；材料可能过大，请拆分后再试`);
    }
    void this.retire(thread, null, 'crashed');
  }

  private settle(task: Task, error: Error | null, report?: StepReport): void {
    if (task.settled) return;
    task.settled = true;
    for (const timer of task.timers.splice(0)) clearTimeout(timer);
    if (error) task.reject(error);
    else task.resolve(report!);
  }

  private send(thread: Thread, message: ToThread): void {
    if (!thread.dead) thread.worker.postMessage(message);
  }
}
