import type { AsrConfig } from './config.js';

/** One stretch of speech as the recognizer heard it; seconds from the start of the chunk sent. */
export interface HeardSegment {
  start: number;
  end: number;
  text: string;
}

/** Why a request failed, in words for the teacher's message (never the key or the response body in full). */
export class TranscriptionRequestError extends Error {
  override readonly name = 'TranscriptionRequestError';

  constructor(
    message: string,
    readonly kind: 'timeout' | 'http' | 'network' | 'invalid',
  ) {
    super(message);
  }
}

/**
 * Sends one WAV chunk to `{ASR_BASE_URL}/audio/transcriptions` and returns
 * its segments. Asks for `verbose_json` with segment timestamps; a recognizer
 * that answers with text only gives one segment spanning the chunk
 * (`timed: false`), so the caller can say the times are estimated.
 *
 * @throws TranscriptionRequestError on timeout, an HTTP error, a network failure, or an answer that is not JSON.
 * @example
 * const { segments } = await transcribeChunk(wav, 600, config, signal);
 */
export async function transcribeChunk(
  wav: Uint8Array<ArrayBuffer>,
  durationSec: number,
  config: AsrConfig,
  signal: AbortSignal,
): Promise<{ segments: HeardSegment[]; timed: boolean }> {
  const form = new FormData();
  form.append('file', new Blob([wav], { type: 'audio/wav' }), 'chunk.wav');
  form.append('model', config.model);
  form.append('response_format', 'verbose_json');
  form.append('timestamp_granularities[]', 'segment');
  if (config.language) form.append('language', config.language);

  const timeout = AbortSignal.timeout(config.chunkTimeoutMs);
  let response: Response;
  try {
    response = await fetch(`${config.baseURL}/audio/transcriptions`, {
      method: 'POST',
      body: form,
      headers: config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {},
      signal: AbortSignal.any([signal, timeout]),
    });
  } catch (error) {
    signal.throwIfAborted();
    if (timeout.aborted) throw new TranscriptionRequestError(`超过 ${Math.round(config.chunkTimeoutMs / 1000)} 秒没有返回`, 'timeout');
    throw new TranscriptionRequestError(`连接不上转写服务（${(error as Error).cause ?? (error as Error).message}）`, 'network');
  }
  const body = await response.text().catch(() => '');
  if (!response.ok) {
    throw new TranscriptionRequestError(`转写服务返回 HTTP ${response.status}（${messageOf(body)}）`, 'http');
  }
  let answer: { text?: unknown; segments?: unknown };
  try {
    answer = JSON.parse(body);
  } catch {
    throw new TranscriptionRequestError('转写服务的回答不是 JSON', 'invalid');
  }
  if (Array.isArray(answer.segments)) {
    const segments = answer.segments
      .map((s: { start?: unknown; end?: unknown; text?: unknown }) => ({
        start: Number(s.start),
        end: Number(s.end),
        text: typeof s.text === 'string' ? s.text.trim() : '',
      }))
      .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.text !== '');
    return { segments, timed: true };
  }
  const text = typeof answer.text === 'string' ? answer.text.trim() : '';
  return { segments: text ? [{ start: 0, end: durationSec, text }] : [], timed: false };
}

/** The `error.message` of an OpenAI-style error body, else its first 120 characters. */
function messageOf(body: string): string {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message.slice(0, 200);
  } catch {
    // Not JSON: shown as it came.
  }
  return body.slice(0, 120) || '没有说明';
}
