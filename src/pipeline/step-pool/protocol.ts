import type { IngestedDocument, IngestedTranscript } from '../../ingest/types.js';
import type { StepJob, StepProgress, StepReport } from '../execute-step.js';
import type { WireError } from '../step-errors.js';

/** What a step thread is started with. */
export interface ThreadData {
  /** The SQLite file; the thread opens its own connection (the main thread has migrated it). */
  database: string;
  filesDir: string;
  /** URL of a module exporting `STEPS`: the registry, or stand-ins in tests. */
  steps: string;
}

/** Main thread → step thread. */
export type ToThread =
  | { type: 'run'; id: number; job: StepJob }
  /** Stop the step: its signal aborts with this reason (a thread busy computing reads it only when it yields). */
  | { type: 'abort'; id: number; reason: WireError }
  /** A model request of this thread may go out now (see `acquire`). */
  | { type: 'slot'; slot: number }
  /** The answer to an `ingest` request. */
  | { type: 'ingested'; request: number; document: IngestedDocument }
  /** The answer to a `transcript` request; a failure comes as `ingest-failed`. */
  | { type: 'transcribed'; request: number; transcript: IngestedTranscript }
  | { type: 'ingest-failed'; request: number; error: WireError };

/** Step thread → main thread. */
export type FromThread =
  | { type: 'progress'; id: number; progress: StepProgress }
  | { type: 'done'; id: number; report: StepReport }
  | { type: 'failed'; id: number; error: WireError }
  /**
   * A model request wants to go out. The main thread holds one limiter per
   * endpoint for the whole process (LLM_CONCURRENCY), so threads ask it.
   */
  | { type: 'acquire'; slot: number; baseURL: string; concurrency: number }
  | { type: 'release'; slot: number }
  /**
   * T1 wants a material read by the caller's material library (it parses once, on its own parse
   * pool, and makes a run wait for a scan's OCR): it lives on the main thread.
   */
  | { type: 'ingest'; id: number; request: number; file: { name: string; bytes: Uint8Array } }
  /** V1 wants a video's words from the caller's library: subtitles read, or a recording transcribed (ASR) once. */
  | { type: 'transcript'; id: number; request: number; file: { name: string; bytes: Uint8Array }; durationSec: number | null };
