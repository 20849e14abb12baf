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
 * One page of a PDF, or one numbered section (节) of a text file.
 * Pages that are not `good` keep their (normalized) text so a person can see
 * what came out; downstream code must skip them for content.
 */
export interface IngestedPage {
  /** 1-based PDF page index (not the number printed on the page), or section number. */
  page: number;
  text: string;
  quality: PageQuality;
  /** Non-whitespace characters in `text`. */
  chars: number;
  /** Why the page got its quality, in Chinese; null for good pages. */
  note: string | null;
}

export interface IngestedDocument {
  name: string;
  sha256: string;
  format: 'pdf' | 'text' | 'markdown';
  /** Text encoding detected for text files; null for PDFs. */
  encoding: string | null;
  /**
   * PDFs have pages; a .txt/.md is split into numbered sections (by headings,
   * else about 1500 characters at paragraph boundaries) so citations can still point somewhere.
   */
  pageUnit: 'page' | 'section';
  pages: IngestedPage[];
  /** For the teacher, in Chinese, naming the pages concerned. */
  warnings: string[];
}

export interface IngestLimits {
  maxBytes: number;
  maxPages: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxPages: 500,
};

/** One subtitle cue (字幕条目); times in seconds. */
/** A timed subtitle line (seconds); `index` is 1-based in the cleaned list, not the number in the file. */
export type { Cue };

export interface IngestedTranscript {
  name: string;
  sha256: string;
  format: 'srt' | 'vtt' | 'plain';
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
