import { ConfigError } from '../../errors.js';

/**
 * The speech recognizer (语音转写) a deployment uses: any endpoint speaking
 * OpenAI's `/v1/audio/transcriptions` (OpenAI whisper-1, a local
 * faster-whisper or whisper.cpp server, a provider's compatible API).
 * Configured apart from the chat model: the two rarely live at the same place.
 */
export interface AsrConfig {
  /** ASR_BASE_URL, up to and including `/v1`. */
  baseURL: string;
  /** ASR_MODEL, default whisper-1. */
  model: string;
  /** ASR_API_KEY; sent as a Bearer token, never stored or logged. */
  apiKey: string | null;
  /** ASR_LANGUAGE, default zh (ISO 639-1); empty lets the recognizer guess. */
  language: string | null;
  /** ASR_CHUNK_SEC, default 600: the longest stretch sent in one request. */
  chunkSec: number;
  /** ASR_CHUNK_TIMEOUT_SEC, default 300: one chunk's request; a slower one fails naming the part. */
  chunkTimeoutMs: number;
  /** MAX_MEDIA_MINUTES, default 120: a longer recording is refused at upload. */
  maxDurationSec: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/**
 * The ASR settings from the environment, or null when ASR_BASE_URL is not
 * set (video and audio are then refused with a message saying what to do).
 *
 * @example
 * const asr = readAsrConfig({ ASR_BASE_URL: 'http://127.0.0.1:9000/v1', ASR_MODEL: 'whisper-large-v3' });
 * asr?.chunkSec; // 600
 */
export function readAsrConfig(env: NodeJS.ProcessEnv = process.env): AsrConfig | null {
  const baseURL = env.ASR_BASE_URL?.trim();
  if (!baseURL) return null;
  if (!/^https?:\/\/\S+$/i.test(baseURL)) throw new ConfigError(`ASR_BASE_URL must be an http(s) URL, got "${baseURL}"`);
  const language = (env.ASR_LANGUAGE ?? 'zh').trim();
  return {
    baseURL: baseURL.replace(/\/+$/, ''),
    model: env.ASR_MODEL?.trim() || 'whisper-1',
    apiKey: env.ASR_API_KEY?.trim() || null,
    language: language || null,
    chunkSec: positive(env, 'ASR_CHUNK_SEC', 600),
    chunkTimeoutMs: positive(env, 'ASR_CHUNK_TIMEOUT_SEC', 300) * 1000,
    maxDurationSec: positive(env, 'MAX_MEDIA_MINUTES', 120) * 60,
  };
}

/** Names the recognizer: part of the cache key of a transcript (text heard by one model is not text heard by another). */
export function asrId(config: AsrConfig): string {
  return `asr ${config.baseURL} ${config.model} ${config.language ?? 'auto'}`;
}
