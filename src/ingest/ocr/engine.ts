/** What recognising one page image gives. */
export interface Recognition {
  /** The text as the engine gave it, before cleaning. */
  text: string;
  /** Mean confidence 0–100, or null when the engine does not rate itself (a model). */
  confidence: number | null;
}

/**
 * An OCR engine: tesseract.js (offline, the default) or a configured model
 * that accepts images (`OCR_ENGINE=model`). One page at a time; the caller
 * bounds the time a page may take and closes a stuck engine.
 */
export interface OcrEngine {
  /** Names the engine and its data, e.g. 'tesseract.js 7.0.0 chi_sim+eng': part of the cache key of recognised text. */
  readonly id: string;
  /** Recognises one page image (PNG bytes). */
  recognise(png: Uint8Array, signal: AbortSignal): Promise<Recognition>;
  close(): Promise<void>;
}
