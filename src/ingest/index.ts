/**
 * Ingestion (资料导入): a teacher's files turned into clean text with an
 * honest account of what could not be read. Materials (PDF, .txt, .md) go
 * through `ingestDocument`; video subtitles and transcripts through `ingestTranscript`.
 */
export { ingestDocument } from './document.js';
export { decodeText, type TextEncodingName } from './encoding.js';
export { assessPageText, type PageAssessment, profileText, type TextProfile } from './quality.js';
export { ingestTranscript, MAX_TRANSCRIPT_BYTES, type TranscriptOptions } from './transcript.js';
export {
  type Cue,
  DEFAULT_LIMITS,
  type IngestedDocument,
  type IngestedPage,
  type IngestedTranscript,
  type IngestLimits,
  type InputFile,
  type PageQuality,
} from './types.js';
