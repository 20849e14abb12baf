import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../errors.js';
import { formatBytes } from '../messages.js';
import type { TranscriptOptions } from '../transcript.js';
import type { IngestedDocument, IngestedTranscript, IngestLimits, InputFile } from '../types.js';
import type { IngestReply, IngestRequest } from './child.js';

export interface ParsePoolOptions {
  /** Parse processes; PARSE_WORKERS, default from the cores (at least 2, so one stuck file never holds up the next). */
  size?: number;
  /** PARSE_TIMEOUT_SEC: a file that keeps a process busy longer is refused and its process replaced. */
  timeoutMs?: number;
  /** PARSE_WORKER_MEMORY_MB: the JavaScript heap of one process; a file that needs more is refused. */
  memoryMb?: number;
  /** PARSE_IDLE_SEC: an idle process exits after this long (default 30 s), giving its memory back. */
  idleMs?: number;
  /** Told when a process ends and why: idle, its file failed (replaced by the next), or the pool closed. */
  onExit?: (exit: { pid: number | undefined; why: 'idle' | 'failed' | 'closed' }) => void;
}

interface Job {
  request: IngestRequest;
  resolve: (document: IngestedDocument | IngestedTranscript) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: ChildProcess;
  /** False until the process has loaded its parsers; a file waits for that without its clock running. */
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  idle: NodeJS.Timeout | null;
}

/** Processes from the cores: one per core, at least 2, at most 4 (parsing is short; OCR has its own thread). */
export function defaultPoolSize(): number {
  return Math.max(2, Math.min(os.availableParallelism(), 4));
}

/**
 * Parses documents in a pool of child processes, one file per process at a
 * time. pdf.js parses in long synchronous stretches; on the service's main
 * thread it would stall every request, and with a single parser one hostile
 * file would hold up every upload behind it. Here each file is bound to its
 * own process: a file that runs past the time limit or exhausts the process's
 * heap (`--max-old-space-size`) fails alone with an `InputError` naming it (an
 * HTTP 422), its process is replaced, and the other files in flight never
 * notice. Processes rather than worker threads: a worker's `resourceLimits`
 * are best-effort, and some allocation patterns abort the whole service
 * instead of the worker (nodejs/node#47224); a process's heap limit ends that
 * process only. Idle processes exit, so an idle service holds none.
 *
 * @example
 * const pool = new ParsePool({ size: 2 });
 * const document = await pool.parse({ name: '教材.pdf', bytes }, { maxPages: 500 });
 * await pool.close();
 */
export class ParsePool {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly memoryMb: number;
  private readonly idleMs: number;
  private readonly onExit: NonNullable<ParsePoolOptions['onExit']>;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(options: ParsePoolOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.memoryMb = options.memoryMb ?? 1024;
    this.idleMs = options.idleMs ?? 30_000;
    this.onExit = options.onExit ?? (() => {});
  }

  parse(file: InputFile, limits: Partial<IngestLimits> = {}): Promise<IngestedDocument> {
    return this.submit({ kind: 'document', file: { name: file.name, bytes: file.bytes }, limits }) as Promise<IngestedDocument>;
  }

  /** Reads subtitles (SRT, WebVTT, plain text) under the same limits as a document. */
  parseTranscript(file: InputFile, options: TranscriptOptions = {}): Promise<IngestedTranscript> {
    return this.submit({ kind: 'transcript', file: { name: file.name, bytes: file.bytes }, options }) as Promise<IngestedTranscript>;
  }

  private submit(request: IngestRequest): Promise<IngestedDocument | IngestedTranscript> {
    if (this.closed) return Promise.reject(new Error('parse pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  /** Workers alive now (busy or idle), for tests and the health of the service. */
  get workers(): number {
    return this.slots.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('parse pool is closed'));
    await Promise.all([...this.slots].map((slot) => this.retire(slot, 'closed')));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = [...this.slots].find((s) => s.job === null) ?? (this.slots.size < this.size ? this.spawn() : null);
      if (!slot) return;
      this.assign(slot, this.queue.shift()!);
    }
  }

  private assign(slot: Slot, job: Job): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    slot.job = job;
    // While it holds a file, the process keeps this one alive; idle, it does not.
    slot.worker.channel?.ref();
    if (slot.ready) this.send(slot, job);
  }

  private send(slot: Slot, job: Job): void {
    slot.timer = setTimeout(() => {
      this.fail(
        slot,
        new InputError(
          job.request.file.name,
          'limit-exceeded',
          `解析超过 ${Math.round(this.timeoutMs / 1000)} 秒仍未完成，文件可能已损坏或过于复杂；请重新导出后再上传`,
        ),
      );
    }, this.timeoutMs);
    // Sent with the structured-clone serialization, which carries the bytes as bytes.
    slot.worker.send(job.request satisfies IngestRequest);
  }

  private spawn(): Slot {
    // Compiled (npm start, the installed bin), the child is plain JavaScript; from the sources it needs tsx (entry.mjs).
    const compiled = import.meta.url.endsWith('.js');
    const worker = fork(fileURLToPath(new URL(compiled ? './child.js' : './entry.mjs', import.meta.url)), [], {
      execArgv: [`--max-old-space-size=${this.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const slot: Slot = { worker, ready: false, job: null, timer: null, idle: null };
    worker.on('message', (reply: IngestReply) => {
      if (!('ready' in reply)) return this.settle(slot, reply);
      slot.ready = true;
      if (slot.job) this.send(slot, slot.job);
    });
    worker.on('error', (error) => {
      this.fail(
        slot,
        new InputError(slot.job?.request.file.name ?? '文件', 'corrupt', `解析进程出错（${error.message}）；请稍后重试`, { cause: error }),
      );
    });
    worker.on('exit', (code, signal) => {
      if (!this.slots.has(slot)) return;
      const name = slot.job?.request.file.name ?? '文件';
      // V8 aborts (SIGABRT, exit 134) when the heap limit is reached.
      const outOfMemory = signal === 'SIGABRT' || code === 134;
      this.fail(
        slot,
        outOfMemory
          ? new InputError(
              name,
              'limit-exceeded',
              `解析时占用内存超过 ${formatBytes(this.memoryMb * 1024 * 1024)}，文件过大或过于复杂；请拆分后再上传`,
            )
          : new InputError(name, 'corrupt', '解析进程意外退出，文件可能已损坏；请重新导出后再上传'),
      );
    });
    // An idle parse process must not keep the service (or a test) alive.
    worker.unref();
    worker.channel?.unref();
    this.slots.add(slot);
    return slot;
  }

  private settle(slot: Slot, reply: Exclude<IngestReply, { ready: true }>): void {
    const job = slot.job;
    if (!job) return;
    this.release(slot);
    if (reply.ok) job.resolve(reply.document);
    else job.reject(reply.input ? new InputError(reply.input.file, reply.input.problem, reply.input.detail) : new Error(reply.message));
    slot.idle = setTimeout(() => void this.retire(slot, 'idle'), this.idleMs);
    slot.idle.unref();
    this.pump();
  }

  /** The file in this worker fails with `error`; the worker is dropped and a fresh one takes the next file. */
  private fail(slot: Slot, error: Error): void {
    const job = slot.job;
    this.release(slot);
    void this.retire(slot, 'failed');
    job?.reject(error);
    this.pump();
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.channel?.unref();
  }

  private async retire(slot: Slot, why: 'idle' | 'failed' | 'closed'): Promise<void> {
    if (!this.slots.delete(slot)) return;
    if (slot.idle) clearTimeout(slot.idle);
    if (slot.timer) clearTimeout(slot.timer);
    const { worker } = slot;
    if (worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.kill('SIGKILL');
      await exited;
    }
    this.onExit({ pid: worker.pid, why });
  }
}
