import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/client.js';
import type { IngestedDocument, IngestedTranscript } from '../../ingest/types.js';
import { ResponseCache } from '../../llm/response-cache.js';
import { FileStore } from '../../store/file-store.js';
import { executeStep, type StepJob } from '../execute-step.js';
import type { Step } from '../step.js';
import { fromWire, toWire } from '../step-errors.js';
import type { FromThread, ThreadData, ToThread } from './protocol.js';

/**
 * A step thread: runs the steps the pool sends it, each to a stored artifact,
 * several at once when they mostly wait on a model. Its own database
 * connection and response cache; model requests ask the main thread for a slot.
 */
const { database, filesDir, steps: stepsModule } = workerData as ThreadData;
const { STEPS } = (await import(stepsModule)) as { STEPS: readonly Step[] };
const db = openDatabase(database, { migrate: false });
const files = new FileStore(db, filesDir);
const cache = new ResponseCache(db);
const running = new Map<number, AbortController>();
const slots = new Map<number, () => void>();
let nextSlot = 1;
const readings = new Map<number, { resolve(answer: IngestedDocument | IngestedTranscript): void; reject(error: Error): void }>();
let nextReading = 1;

const post = (message: FromThread) => parentPort!.postMessage(message);

parentPort!.on('message', (message: ToThread) => {
  if (message.type === 'run') void run(message.id, message.job);
  else if (message.type === 'abort') running.get(message.id)?.abort(fromWire(message.reason));
  else if (message.type === 'slot') slots.get(message.slot)?.();
  else if (message.type === 'ingested') readings.get(message.request)?.resolve(message.document);
  else if (message.type === 'transcribed') readings.get(message.request)?.resolve(message.transcript);
  else readings.get(message.request)?.reject(fromWire(message.error));
});

async function run(id: number, job: StepJob): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const report = await executeStep(STEPS.find((step) => step.id === job.stepId)!, job, {
      db,
      files,
      cache,
      ingest: async (file, limits) =>
        job.ingestByCaller
          ? askCaller<IngestedDocument>({ type: 'ingest', id, request: nextReading++, file })
          : // Loaded on first use: a thread that never reads a PDF never loads pdf.js.
            (await import('../../ingest/document.js')).ingestDocument(file, limits),
      transcript: async (file, read) =>
        job.transcriptByCaller
          ? askCaller<IngestedTranscript>({ type: 'transcript', id, request: nextReading++, file, durationSec: read.durationSec })
          : (await import('../../ingest/transcript.js')).ingestTranscript(file, read),
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', id, progress }),
      limit: (request) => withSlot(job, controller.signal, request),
    });
    post({ type: 'done', id, report });
  } catch (error) {
    post({ type: 'failed', id, error: toWire(controller.signal.aborted ? controller.signal.reason : error) });
  } finally {
    running.delete(id);
  }
}

/** Has the main thread's material library read a file (or a video's words) for a step. */
async function askCaller<T extends IngestedDocument | IngestedTranscript>(
  message: Extract<FromThread, { type: 'ingest' | 'transcript' }>,
): Promise<T> {
  try {
    return await new Promise<T>((resolve, reject) => {
      readings.set(message.request, { resolve: (answer) => resolve(answer as T), reject });
      post(message);
    });
  } finally {
    readings.delete(message.request);
  }
}

/** Runs a model request once the main thread's limiter for its endpoint has room. */
async function withSlot<R>(job: StepJob, signal: AbortSignal, request: () => Promise<R>): Promise<R> {
  if (job.engine.kind !== 'openai-compatible') return request();
  const { baseURL, concurrency } = job.engine.config;
  const slot = nextSlot++;
  try {
    await new Promise<void>((resolve, reject) => {
      slots.set(slot, resolve);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      post({ type: 'acquire', slot, baseURL, concurrency });
    });
    return await request();
  } finally {
    slots.delete(slot);
    post({ type: 'release', slot });
  }
}
