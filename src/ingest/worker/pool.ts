import { Worker } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import type { IngestedDocument, IngestLimits, InputFile } from '../types.js';
import type { IngestReply, IngestRequest } from './thread.js';

/**
 * Reads documents on a worker thread. pdf.js parses in long synchronous
 * stretches (half a second for a 66-page standard), which on the service's
 * main thread would stall every other request; on a worker it does not.
 * One thread, started on first use and restarted if it dies.
 *
 * @example
 * const worker = new IngestWorker();
 * const document = await worker.ingest({ name: '教材.pdf', bytes });
 * await worker.close();
 */
export class IngestWorker {
  /** A PDF that keeps pdf.js busy longer than this is treated as broken, and the thread is replaced. */
  constructor(private readonly timeoutMs = 120_000) {}

  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (d: IngestedDocument) => void; reject: (e: Error) => void }>();

  ingest(file: InputFile, limits: Partial<IngestLimits> = {}): Promise<IngestedDocument> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new InputError(
            file.name,
            'corrupt',
            `解析超过 ${Math.round(this.timeoutMs / 1000)} 秒仍未完成，文件可能已损坏或过于复杂；请重新导出后再上传`,
          ),
        );
        // The thread may be stuck inside pdf.js: replace it, so the next file does not wait behind this one.
        void this.close();
      }, this.timeoutMs);
      this.pending.set(id, {
        resolve: (document) => {
          clearTimeout(timer);
          resolve(document);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      // A copy: transferring would empty the caller's buffer.
      const bytes = new Uint8Array(file.bytes);
      worker.postMessage({ id, file: { name: file.name, bytes }, limits } satisfies IngestRequest, [bytes.buffer]);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./entry.mjs', import.meta.url));
    worker.on('message', (reply: IngestReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!waiting) return;
      if (reply.ok) waiting.resolve(reply.document);
      else
        waiting.reject(reply.input ? new InputError(reply.input.file, reply.input.problem, reply.input.detail) : new Error(reply.message));
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('ingest worker stopped'));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
