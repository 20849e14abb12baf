import { isAsciiLetter, isHan, joinCjkAware } from './chars.js';
import { formatNumbered, formatTimestamp } from './messages.js';
import type { ParsedCue } from './subtitles.js';
import { parseTimestamp, TIMESTAMP_SOURCE } from './timecode.js';

/**
 * Transcripts (文字稿) that are not subtitle files: lines that start with a
 * timestamp — `[00:01:02] 文本`, `00:01 文本`, `(1:02:03)`, `【00:01】`, or a
 * range `00:01-00:05 文本` — or no timestamps at all.
 */

/** Speaking rate assumed when nothing else is known: about 4 汉字 per second. */
const UNITS_PER_SECOND = 4;
/** A Latin word takes about as long to say as 1.6 汉字 (2.5 words per second). */
const UNITS_PER_WORD = 1.6;
/** Untimed text is cut into cues of about this many characters at sentence ends. */
const UNTIMED_CUE_CHARS = 40;

const STAMPED_LINE = new RegExp(
  String.raw`^\s*[\[(（【]?\s*(${TIMESTAMP_SOURCE})` +
    String.raw`(?:\s*(?:-->|-|–|—|~|～|至)\s*(${TIMESTAMP_SOURCE}))?` +
    String.raw`\s*[\])）】]?\s*(?:[-–—:：|]\s*)?(.*)$`,
);

export interface PlainTranscript {
  cues: ParsedCue[];
  timingEstimated: boolean;
  warnings: string[];
}

/**
 * True when enough lines start with a timestamp for the file to be a timed
 * transcript rather than prose that happens to mention a time.
 */
function hasLeadingTimestamps(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const stamped = lines.filter((l) => STAMPED_LINE.test(l)).length;
  return stamped > 0 && stamped >= lines.length * 0.1;
}

/**
 * Reads a transcript without subtitle blocks. With leading timestamps, each
 * stamped line starts a cue that lasts until the next one; without any, the
 * text is cut at sentence ends and the time is spread over it (over
 * `durationSec` when known, else at about 4 汉字 per second) and marked as estimated.
 *
 * @example
 * parsePlainTranscript('[00:00:05] 同学们好\n[00:00:09] 今天学习分数', null).cues
 * // → [{ start: 5, end: 9, text: '同学们好' }, { start: 9, end: 12, text: '今天学习分数' }]
 */
export function parsePlainTranscript(text: string, durationSec: number | null): PlainTranscript {
  return hasLeadingTimestamps(text) ? parseTimed(text, durationSec) : parseUntimed(text, durationSec);
}

function parseTimed(text: string, durationSec: number | null): PlainTranscript {
  const warnings: string[] = [];
  const stamped: Array<{ start: number; end: number | null; text: string; line: number }> = [];
  const badLines: number[] = [];
  let badSample = '';
  const preamble: number[] = [];
  let current: (typeof stamped)[number] | null = null;

  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const m = STAMPED_LINE.exec(line);
    if (m) {
      const start = parseTimestamp(m[1] ?? '');
      const end = m[2] === undefined ? null : parseTimestamp(m[2]);
      if (start === null || (m[2] !== undefined && end === null)) {
        badLines.push(i + 1);
        badSample ||= line.trim();
        current = null;
        return;
      }
      current = { start, end: end !== null && end > start ? end : null, text: (m[3] ?? '').trim(), line: i + 1 };
      stamped.push(current);
    } else if (current) {
      current.text = joinCjkAware(current.text, line.trim());
    } else if (stamped.length === 0 && badLines.length === 0) {
      preamble.push(i + 1);
    }
  });

  if (preamble.length > 0) warnings.push(`开头${formatNumbered(preamble, '行')}没有时间戳，已忽略`);
  if (badLines.length > 0) warnings.push(`${formatNumbered(badLines, '行')}时间戳格式错误（如 ${badSample}），已跳过`);

  const withText = stamped.filter((c) => c.text !== '');
  const outOfOrder = withText.filter((c, i) => i > 0 && c.start < (withText[i - 1]?.start ?? 0)).map((c) => c.line);
  if (outOfOrder.length > 0) warnings.push(`${formatNumbered(outOfOrder, '行')}的时间早于上一行，已按时间重新排序`);
  const sorted = [...withText].sort((a, b) => a.start - b.start);

  const cues = sorted.map((c, i): ParsedCue => {
    const next = sorted[i + 1];
    let end = c.end;
    if (end === null && next && next.start > c.start) end = next.start;
    if (end === null) {
      const spoken = c.start + speakingSeconds(c.text);
      end = durationSec !== null && durationSec > c.start && !next ? Math.min(durationSec, spoken) : spoken;
    }
    return { start: c.start, end, text: c.text };
  });
  return { cues, timingEstimated: false, warnings };
}

function parseUntimed(text: string, durationSec: number | null): PlainTranscript {
  const pieces = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .flatMap(cutIntoUtterances);
  const units = pieces.map(speakingUnits);
  const totalUnits = units.reduce((a, b) => a + b, 0);
  const secondsPerUnit = durationSec !== null && durationSec > 0 && totalUnits > 0 ? durationSec / totalUnits : 1 / UNITS_PER_SECOND;
  let t = 0;
  const cues = pieces.map((piece, i): ParsedCue => {
    const start = t;
    t += (units[i] ?? 1) * secondsPerUnit;
    return { start: round3(start), end: round3(t), text: piece };
  });
  const how =
    durationSec !== null && durationSec > 0
      ? `按视频时长 ${formatTimestamp(durationSec)} 平均分配`
      : `按每秒约 ${UNITS_PER_SECOND} 个字估算（共约 ${formatTimestamp(t)}）`;
  return {
    cues,
    timingEstimated: true,
    warnings: cues.length > 0 ? [`文件没有时间戳，字幕时间${how}，仅供参考`] : [],
  };
}

/** Cuts a long line at sentence ends into pieces of about UNTIMED_CUE_CHARS. */
function cutIntoUtterances(line: string): string[] {
  if ([...line].length <= UNTIMED_CUE_CHARS) return [line];
  const sentences = line.match(/[^。！？!?；;]+[。！？!?；;]*/g) ?? [line];
  const out: string[] = [];
  let piece = '';
  for (const s of sentences) {
    if (piece !== '' && [...piece].length + [...s].length > UNTIMED_CUE_CHARS) {
      out.push(piece.trim());
      piece = '';
    }
    piece += s;
  }
  if (piece.trim() !== '') out.push(piece.trim());
  return out;
}

/** How long a text takes to say, in 汉字-equivalents. */
function speakingUnits(text: string): number {
  let han = 0;
  let words = 0;
  let inWord = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isHan(cp)) han++;
    const letter = isAsciiLetter(cp) || (cp >= 0x30 && cp <= 0x39);
    if (letter && !inWord) words++;
    inWord = letter;
  }
  return Math.max(1, han + words * UNITS_PER_WORD);
}

function speakingSeconds(text: string): number {
  return Math.max(1, speakingUnits(text) / UNITS_PER_SECOND);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
