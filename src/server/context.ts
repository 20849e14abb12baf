import type { Db } from '../db/client.js';
import type { IngestWorker } from '../ingest/worker/pool.js';
import type { ModelConfig } from '../llm/config.js';
import type { FileStore } from '../store/file-store.js';
import type { Logger } from './logger.js';
import type { RunQueue } from './run-queue.js';

/** Limits an admin can set for a county's deployment. */
export interface ServiceLimits {
  /** MAX_UPLOAD_MB, default 50. */
  uploadBytes: number;
  /** MAX_PDF_PAGES, default 500. */
  pdfPages: number;
  /** MAX_MATERIALS, default 30 files per lesson. */
  materialsPerLesson: number;
}

/** What every route needs, built once at start. */
export interface ServiceContext {
  db: Db;
  store: FileStore;
  queue: RunQueue;
  ingest: IngestWorker;
  modelConfig: ModelConfig | null;
  limits: ServiceLimits;
  logger: Logger;
  version: string;
}

export function readLimits(env: NodeJS.ProcessEnv = process.env): ServiceLimits {
  const positive = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    uploadBytes: Math.round(positive('MAX_UPLOAD_MB', 50) * 1024 * 1024),
    pdfPages: Math.round(positive('MAX_PDF_PAGES', 500)),
    materialsPerLesson: Math.round(positive('MAX_MATERIALS', 30)),
  };
}
