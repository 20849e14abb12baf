import type { Cue } from '../domain/transcript.js';

/**
 * What ingestion hands to the rest of the product: clean text by page (or
 * section), with an honest account of what could not be read.
 */

/**
 * How usable a page's text layer is.
 * - `good`: real text.
 * - `garbled`: there is a text layer but it is broken (fonts without a Unicode
 *   map); its raw text is kept for inspection, but must not be quoted or summarized.
 * - `empty`: (almost) no text at all — a scanned image or a full-page picture.
 */
export type PageQuality = 'good' | 'garbled' | 'empty';

/**
 * One page of a PDF or a photo, one numbered section (节) of a text or Word
 * file, or one slide of a deck. Pages that are not `good` keep their
 * (normalized) text so a person can see what came out; downstream code must
 * skip them for content.
 */
export interface IngestedPage {
  /** 1-based PDF page index (not the number printed on the page), section number or slide number. */
  page: number;
  text: string;
  quality: PageQuality;
  /** Non-whitespace characters in `text`. */
  chars: number;
  /** Why the page got its quality, or why it needs checking (low OCR confidence), in Chinese; null otherwise. */
  note: string | null;
  /**
   * Mean recognition confidence (0–100), present when the text came from OCR
   * and the engine rates itself. A low one is named in the warnings and the note.
   */
  ocrConfidence?: number;
}

/** What a page number counts: PDF pages and photos, sections of text and Word files, slides of a deck. */
export type PageUnit = 'page' | 'section' | 'slide';

export interface IngestedDocument {
  name: string;
  sha256: string;
  format: DocumentFormat;
  /** Text encoding detected for text files; null for binary formats. */
  encoding: string | null;
  /**
   * PDFs and photos have pages, decks have slides; a .txt/.md/.docx is split
   * into numbered sections (by headings, else about 1500 characters at
   * paragraph boundaries) so citations can still point somewhere.
   */
  pageUnit: PageUnit;
  pages: IngestedPage[];
  /**
   * Pages whose text must come from OCR (a scan, a photo, a page rated empty
   * or garbled). Parsing leaves them as they are; the material library
   * recognises them in the background and replaces them.
   */
  ocrPages: number[];
  /** For the teacher, in Chinese, naming the pages concerned. */
  warnings: string[];
}

/** The formats a material is read in; a legacy .doc/.wps/.ppt is converted to docx/pptx first. */
export type DocumentFormat = 'pdf' | 'text' | 'markdown' | 'docx' | 'pptx' | 'image';

/**
 * Per-file limits, all configurable in the service (README, "Limits"). Every
 * one is checked before the costly work it bounds: pages before parsing,
 * inflated bytes before pdf.js, pixels before an image is decoded.
 */
export interface IngestLimits {
  /** MAX_UPLOAD_MB: the file itself. */
  maxBytes: number;
  /** MAX_PDF_PAGES: pages, sections or slides of one file. */
  maxPages: number;
  /** MAX_IMAGE_MEGAPIXELS: a photo, or an image inside a PDF page, decodes to at most this many pixels. */
  maxPixels: number;
  /** MAX_DECOMPRESSED_MB: what the compressed streams of a PDF (or the parts of a .docx/.pptx) inflate to. */
  maxInflatedBytes: number;
  /** MAX_OCR_PAGES: pages of one file that are recognised; a longer scan is refused rather than queued for an hour. */
  maxOcrPages: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxPages: 500,
  maxPixels: 60_000_000,
  maxInflatedBytes: 256 * 1024 * 1024,
  maxOcrPages: 100,
};

/** One subtitle cue (字幕条目); times in seconds. */
/** A timed subtitle line (seconds); `index` is 1-based in the cleaned list, not the number in the file. */
export type { Cue };

export interface IngestedTranscript {
  name: string;
  sha256: string;
  /** `asr`: transcribed from a video or audio file by the configured speech recognizer. */
  format: 'srt' | 'vtt' | 'plain' | 'asr';
  encoding: string;
  cues: Cue[];
  durationSec: number;
  /** True when the file had no timestamps and cue times were spread over the text. */
  timingEstimated: boolean;
  warnings: string[];
}

/** A file as the user gave it. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}
