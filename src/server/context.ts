import type { Db } from '../db/client.js';
import type { IngestLimits } from '../ingest/index.js';
import type { MaterialLibrary } from '../ingest/library/library.js';
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
  /** MAX_IMAGE_MEGAPIXELS, default 60: a photo (or a page image) that decodes to more is refused. */
  imagePixels: number;
  /** MAX_DECOMPRESSED_MB, default 256: what a PDF's streams or an Office file's parts may inflate to. */
  inflatedBytes: number;
  /** MAX_OCR_PAGES, default 100: pages of one file that are recognised. */
  ocrPages: number;
}

/** The per-file limits the service holds uploads and runs to. */
export function ingestLimits(limits: ServiceLimits): IngestLimits {
  return {
    maxBytes: limits.uploadBytes,
    maxPages: limits.pdfPages,
    maxPixels: limits.imagePixels,
    maxInflatedBytes: limits.inflatedBytes,
    maxOcrPages: limits.ocrPages,
  };
}

/** What every route needs, built once at start. */
export interface ServiceContext {
  db: Db;
  store: FileStore;
  queue: RunQueue;
  /** Parses (on a worker pool) and recognises materials, once per file. */
  ingest: MaterialLibrary;
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
    imagePixels: Math.round(positive('MAX_IMAGE_MEGAPIXELS', 60) * 1_000_000),
    inflatedBytes: Math.round(positive('MAX_DECOMPRESSED_MB', 256) * 1024 * 1024),
    ocrPages: Math.round(positive('MAX_OCR_PAGES', 100)),
  };
}
