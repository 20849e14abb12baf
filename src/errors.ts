/**
 * Errors a user can act on. Everything the product tells a teacher about her
 * input goes through `InputError`: it names the file and the problem in plain
 * words, so the CLI and the service can print it without a stack trace.
 */
export type InputProblem =
  | 'not-found'
  | 'empty'
  | 'too-large'
  | 'unsupported-type'
  | 'not-pdf'
  | 'encrypted'
  | 'corrupt'
  | 'scanned'
  | 'garbled'
  | 'encoding'
  | 'no-cues'
  | 'invalid'
  /** Over a per-file limit that protects the service: inflated size, pixels, parse memory or time. */
  | 'limit-exceeded'
  /** Recognition (OCR) ran and found no text. */
  | 'no-text'
  /** Recognition could not run on this file (page rendering or the OCR engine failed). */
  | 'ocr-failed'
  /** Speech recognition of a video or audio file failed (the ASR endpoint timed out or refused a part). */
  | 'asr-failed';

export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    /** The file as the user named it (basename or the path they gave). */
    readonly file: string,
    readonly problem: InputProblem,
    /** One sentence in Chinese or English that tells the user what is wrong and what to do. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${detail}`, options);
  }
}

/** A failure of configuration or environment (missing model settings, unwritable data dir…). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The model endpoint failed after retries, or kept answering with invalid output. */
export class ModelError extends Error {
  override readonly name = 'ModelError';

  constructor(
    message: string,
    readonly kind: 'unavailable' | 'invalid-output' | 'timeout' | 'rate-limited',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
