import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../accounts/login-limit.js';
import type { Db } from '../db/client.js';
import type { IngestLimits } from '../ingest/index.js';
import type { MaterialLibrary } from '../ingest/library/library.js';
import type { ModelConfig } from '../llm/config.js';
import type { StSettings } from '../observe/st-analysis.js';
import type { FileStore } from '../store/file-store.js';
import type { Logger } from './logger.js';
import type { RunQueue } from './run-queue.js';

/** Limits an admin can set for a county's deployment. */
export interface ServiceLimits {
  /** MAX_UPLOAD_MB, default 50. */
  uploadBytes: number;
  /** MAX_MEDIA_UPLOAD_MB, default 2048: a video or audio recording, streamed to disk (never held in memory). */
  mediaUploadBytes: number;
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
  /** MAX_JSON_KB, default 1024: the largest JSON body (a whole plan is about 50 KB). */
  jsonBytes: number;
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

/** How sign-in behaves; from the environment, or set by tests. */
export interface AuthSettings {
  /** SESSION_HOURS, default 168 (a week): a session ends this long after sign-in. */
  sessionTtlMs: number;
  /** COOKIE_SECURE=1 or 0; unset: Secure when the request came over HTTPS (directly or per X-Forwarded-Proto). */
  secureCookies: boolean | null;
  /** TRUST_PROXY=1: take the client's address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** ALLOWED_ORIGINS: other origins (comma-separated) whose pages may call the API with a session, e.g. a web app on its own port. */
  allowedOrigins: string[];
  loginLimits: LoginLimits;
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
  auth: AuthSettings;
  /** S-T sampling interval and mode thresholds (ST_* variables). */
  st: StSettings;
  /** The time now; tests move it forward to expire sessions without waiting. */
  clock: () => Date;
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
    mediaUploadBytes: Math.round(positive('MAX_MEDIA_UPLOAD_MB', 2048) * 1024 * 1024),
    pdfPages: Math.round(positive('MAX_PDF_PAGES', 500)),
    materialsPerLesson: Math.round(positive('MAX_MATERIALS', 30)),
    imagePixels: Math.round(positive('MAX_IMAGE_MEGAPIXELS', 60) * 1_000_000),
    inflatedBytes: Math.round(positive('MAX_DECOMPRESSED_MB', 256) * 1024 * 1024),
    ocrPages: Math.round(positive('MAX_OCR_PAGES', 100)),
    jsonBytes: Math.round(positive('MAX_JSON_KB', 1024) * 1024),
  };
}

export function readAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const hours = Number(env.SESSION_HOURS ?? 168);
  return {
    sessionTtlMs: (Number.isFinite(hours) && hours > 0 ? hours : 168) * 3_600_000,
    secureCookies: env.COOKIE_SECURE === '1' ? true : env.COOKIE_SECURE === '0' ? false : null,
    trustProxy: env.TRUST_PROXY === '1',
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    loginLimits: DEFAULT_LOGIN_LIMITS,
  };
}
