import type { IngestReport } from '../api/client.js';
import { clock, count } from '../ui/format.js';

export type PageQuality = IngestReport['quality'][number];

/** What each page rating means to a teacher. */
export const QUALITY_LABEL: Record<PageQuality['quality'], string> = {
  good: '文字清楚',
  garbled: '乱码，已跳过',
  empty: '没有文字，已跳过',
};

const FORMAT_LABEL: Record<string, string> = {
  pdf: 'PDF',
  text: '文本',
  markdown: 'Markdown 文本',
  srt: 'SRT 字幕',
  vtt: 'WebVTT 字幕',
  webvtt: 'WebVTT 字幕',
  plain: '文字稿',
};

const ENCODING_LABEL: Record<string, string> = {
  'utf-8': 'UTF-8',
  utf8: 'UTF-8',
  gbk: 'GBK',
  gb18030: 'GB18030',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
};

/**
 * The ingest report as one plain sentence: "PDF，3 页，约 2,345 字；3 页文字清楚。"
 * or "SRT 字幕（GBK 编码），120 条，时长 12:16。"
 */
export function reportSummary(report: IngestReport): string {
  const format = FORMAT_LABEL[report.format] ?? report.format;
  const encoding = report.encoding ? `（${ENCODING_LABEL[report.encoding.toLowerCase()] ?? report.encoding} 编码）` : '';
  if (report.cues !== null) {
    const length = report.durationSec ? `，时长 ${clock(report.durationSec)}` : '';
    return `${format}${encoding}，${count(report.cues)} 条字幕，约 ${count(report.characters)} 字${length}。`;
  }
  const unit = unitOf(report);
  const pages = report.pages !== null ? `，${count(report.pages)} ${unit}` : '';
  const good = report.quality.filter((q) => q.quality === 'good').length;
  const bad = report.quality.length - good;
  const quality =
    report.quality.length === 0
      ? ''
      : bad === 0
        ? `；每${unit}文字都清楚`
        : `；${good} ${unit}文字清楚，${bad} ${unit}读不出文字已跳过（见下方）`;
  return `${format}${encoding}${pages}，约 ${count(report.characters)} 字${quality}。`;
}

/** A PDF has pages; a text file is read in numbered sections, which its citations name. */
const UNIT = { page: '页', section: '节', slide: '张幻灯片' } as const;

/** The file's own unit, as its citations name it: pages of a PDF or photo, sections of a text or Word file, slides. */
const unitOf = (report: IngestReport) => (report.pageUnit ? UNIT[report.pageUnit] : report.format === 'pdf' ? '页' : '节');

/** Pages that were skipped, each with why: "第 4 页：乱码，已跳过（…）". */
export function problemPages(report: IngestReport): string[] {
  return report.quality
    .filter((q) => q.quality !== 'good')
    .map((q) => `第 ${q.page} ${unitOf(report)}：${QUALITY_LABEL[q.quality]}${q.note ? `（${q.note}）` : ''}`);
}

/**
 * Under this OCR confidence a page is flagged for the teacher to check against the paper: the service's default
 * `OCR_MIN_CONFIDENCE`, under which it also writes a note on the page.
 */
export const LOW_CONFIDENCE = 60;

/** "正在识别 第 3 / 12 页": the page being read now (one past those done), never past the last. */
export function recognitionProgress(processing: { pagesDone: number; pagesTotal: number }) {
  const total = Math.max(1, processing.pagesTotal);
  const current = Math.min(processing.pagesDone + 1, total);
  return { done: processing.pagesDone, total, text: `正在识别 第 ${current} / ${total} 页` };
}

/** Pages read by OCR, each with its confidence, and whether it is low enough to check. */
export function recognisedPages(report: IngestReport): { page: number; confidence: number; low: boolean }[] {
  return report.quality
    .filter((q): q is PageQuality & { ocrConfidence: number } => q.ocrConfidence !== null)
    .map((q) => ({ page: q.page, confidence: q.ocrConfidence, low: q.ocrConfidence < LOW_CONFIDENCE }));
}
