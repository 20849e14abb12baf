import { InputError } from '../errors.js';
import { isMediaFile, NO_ASR } from './asr/media.js';
import { decodeText } from './encoding.js';
import { extensionOf, sha256Hex, sniffBinaryKind } from './file-type.js';
import { formatBytes, formatTimestamp } from './messages.js';
import { hasPdfMagic } from './pdf.js';
import { parsePlainTranscript } from './plain-transcript.js';
import { hasCueTimingLines, type ParsedCue, parseCueBlocks } from './subtitles.js';
import type { Cue, IngestedTranscript, InputFile } from './types.js';
import { asInputError } from './unexpected.js';

const TRANSCRIPT_EXTENSIONS = new Set(['.srt', '.vtt', '.txt']);
/** Subtitles of a long lesson video are a few hundred KB; anything near this is not a subtitle file. */
export const MAX_TRANSCRIPT_BYTES = 10 * 1024 * 1024;
/** Cues may end this much after the stated video length before it is worth a warning. */
const DURATION_SLACK_SEC = 1;
/**
 * A subtitle cue is a line or two on screen; one longer than this is a whole
 * text pasted under one timing line (a 9 MB 「字幕」 was one cue), which no step
 * can place in the video, so it is skipped and named.
 */
export const MAX_CUE_CHARS = 2000;

export interface TranscriptOptions {
  /** The video's length, when the teacher knows it: used to spread untimed text and to check cue times. */
  durationSec?: number | null;
  maxBytes?: number;
}

/**
 * Reads a lesson video's subtitles (字幕) or transcript (文字稿) into cues.
 * The format is decided by content — SRT, WebVTT, or plain text with or
 * without leading timestamps — whatever the extension says. Broken cues are
 * skipped and named in `warnings`; consecutive identical cues are merged.
 *
 * @throws InputError `empty`, `too-large`, `unsupported-type`, `encoding`, or
 *   `no-cues` when nothing usable is left.
 * @example
 * const t = ingestTranscript({ name: '微课.srt', bytes }, { durationSec: 600 });
 * t.cues[0]; // { index: 1, start: 0, end: 2.17, text: '欢迎回到我的频道' }
 */
export function ingestTranscript(file: InputFile, options: TranscriptOptions = {}): IngestedTranscript {
  try {
    return readTranscript(file, options);
  } catch (error) {
    throw asInputError(file.name, error);
  }
}

function readTranscript(file: InputFile, options: TranscriptOptions): IngestedTranscript {
  const { name, bytes } = file;
  const durationSec = options.durationSec ?? null;
  checkFile(file, options.maxBytes ?? MAX_TRANSCRIPT_BYTES);
  const { text, encoding, nulBytes } = decodeText(bytes, name);
  if (text.trim() === '') throw new InputError(name, 'empty', '字幕文件里没有文字');

  const format = detectFormat(text);
  const parsed = format === 'plain' ? parsePlainTranscript(text, durationSec) : { ...parseCueBlocks(text), timingEstimated: false };
  const warnings = [...parsed.warnings];
  if (nulBytes) warnings.push(`文件里有 ${nulBytes} 个空字节（NUL），已去掉`);
  const cues = tidyCues(parsed.cues, warnings);
  if (cues.length === 0) {
    const why = warnings.length > 0 ? `（${warnings[0]}）` : '';
    throw new InputError(name, 'no-cues', `没有找到可用的字幕条目${why}；请上传 SRT、WebVTT，或每行以时间戳开头的文字稿`);
  }

  // A loop, not Math.max(...cues): spreading 130k cues as arguments overflows the stack.
  const lastEnd = cues.reduce((max, c) => Math.max(max, c.end), 0);
  if (durationSec !== null && lastEnd > durationSec + DURATION_SLACK_SEC) {
    warnings.push(`字幕最后的时间 ${formatTimestamp(lastEnd)} 超过了视频时长 ${formatTimestamp(durationSec)}，请确认字幕和视频是否对应`);
  }
  return {
    name,
    sha256: sha256Hex(bytes),
    format,
    encoding,
    cues,
    durationSec: Math.max(lastEnd, durationSec ?? 0),
    timingEstimated: parsed.timingEstimated,
    warnings,
  };
}

function checkFile({ name, bytes }: InputFile, maxBytes: number): void {
  // A recording is transcribed by the material library when an ASR endpoint is configured; read here, it has none.
  if (isMediaFile(name)) throw new InputError(name, 'unsupported-type', NO_ASR);
  if (bytes.length === 0) throw new InputError(name, 'empty', '字幕文件是空的（0 字节）');
  if (bytes.length > maxBytes) {
    throw new InputError(
      name,
      'too-large',
      `字幕文件大小 ${formatBytes(bytes.length)}，超过上限 ${formatBytes(maxBytes)}；请确认上传的是字幕而不是视频`,
    );
  }
  const ext = extensionOf(name);
  const binaryKind = hasPdfMagic(bytes) ? 'PDF 文档' : sniffBinaryKind(bytes);
  if (binaryKind || !TRANSCRIPT_EXTENSIONS.has(ext)) {
    const what = binaryKind ? `这个文件是${binaryKind}` : `不支持${ext ? ` ${ext} ` : '没有扩展名的'}文件`;
    throw new InputError(name, 'unsupported-type', `${what}；视频字幕支持 .srt、.vtt 和带时间戳的 .txt 文字稿（视频本身请不要上传）`);
  }
}

function detectFormat(text: string): IngestedTranscript['format'] {
  if (/^\s*WEBVTT(?:\s|$)/.test(text)) return 'vtt';
  if (hasCueTimingLines(text)) return 'srt';
  return 'plain';
}

/**
 * Drops cues without text, sorts by start time, and merges consecutive cues
 * with identical text (auto-captions repeat a line while it stays on screen).
 */
function tidyCues(parsed: readonly ParsedCue[], warnings: string[]): Cue[] {
  const withText = parsed.filter((c) => c.text !== '' && c.text.length <= MAX_CUE_CHARS);
  const blank = parsed.filter((c) => c.text === '').length;
  if (blank > 0) warnings.push(`${blank} 条字幕没有文字，已忽略`);
  const long = parsed.length - withText.length - blank;
  if (long > 0) warnings.push(`${long} 条字幕每条超过 ${MAX_CUE_CHARS} 字（不像屏幕上的字幕，可能是整篇文字放在了一条里），已跳过`);

  const inOrder = withText.every((c, i) => i === 0 || c.start >= (withText[i - 1]?.start ?? 0));
  const sorted = inOrder ? withText : [...withText].sort((a, b) => a.start - b.start);
  if (!inOrder) warnings.push('字幕的时间顺序是乱的，已按开始时间重新排序');

  const merged: Array<Omit<Cue, 'index'>> = [];
  let duplicates = 0;
  for (const cue of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && prev.text === cue.text) {
      prev.end = Math.max(prev.end, cue.end);
      duplicates++;
    } else {
      merged.push({ start: cue.start, end: cue.end, text: cue.text });
    }
  }
  if (duplicates > 0) warnings.push(`合并了 ${duplicates} 条与上一条完全相同的字幕`);
  return merged.map((c, i) => ({ index: i + 1, ...c }));
}
