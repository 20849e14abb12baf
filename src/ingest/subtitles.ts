import { joinCjkAware } from './chars.js';
import { formatNumbered } from './messages.js';
import { parseTimestamp } from './timecode.js';

/**
 * SRT and WebVTT cue blocks (字幕条目). Both are "optional id line, timing
 * line with `-->`, text lines, blank line"; real files bend every part of
 * that, so the parser goes line by line, keyed on timing lines, and treats
 * blank lines as hints rather than structure.
 */

/** A cue as read from the file, before sorting and merging. */
export interface ParsedCue {
  start: number;
  end: number;
  text: string;
}

export interface ParsedCues {
  cues: ParsedCue[];
  warnings: string[];
}

/** A problem with one cue, reported by the cue's number in the file. */
interface CueProblem {
  number: number;
  kind: 'bad-time' | 'reversed' | 'no-timing';
  sample: string;
}

/** The cue being read: from its timing line to the next blank line. */
interface OpenCue {
  start: number;
  end: number;
  lines: string[];
  valid: boolean;
}

/**
 * The two times of a timing line (settings after the end time are ignored),
 * or null when the line is not one. The start must look like a time (a digit
 * and a colon) so that an arrow in the text (「x --> 0」) is not taken for one.
 */
function splitTimingLine(line: string): { rawStart: string; rawEnd: string } | null {
  const arrow = line.indexOf('-->');
  if (arrow < 0) return null;
  const rawStart = line.slice(0, arrow).trim();
  if (/\s/.test(rawStart) || !/\d/.test(rawStart) || !rawStart.includes(':')) return null;
  const rawEnd =
    line
      .slice(arrow + 3)
      .trim()
      .split(/\s+/)[0] ?? '';
  return { rawStart, rawEnd };
}

/** WebVTT blocks that hold no cue: the file header, comments, styles and regions. */
const BLOCK_TO_SKIP = /^(?:WEBVTT|NOTE|STYLE|REGION)(?:\s|$)/;

/**
 * True when the text has SRT/VTT timing lines (`00:00:01,000 --> 00:00:02,000`).
 */
export function hasCueTimingLines(text: string): boolean {
  return text.split('\n').some((line) => splitTimingLine(line) !== null);
}

/**
 * Reads SRT or WebVTT text into cues. Tolerates missing index lines, `,` or
 * `.` before the milliseconds, missing hours, missing or extra blank lines,
 * cue settings, NOTE/STYLE/REGION blocks, and markup in the text (`<i>`,
 * `<v Name>`, `{\an8}`). Cues with a broken timing line are skipped and named
 * in the warnings.
 *
 * @example
 * parseCueBlocks('1\n00:00:01,000 --> 00:00:02,500\n<i>同学们好</i>\n').cues
 * // → [{ start: 1, end: 2.5, text: '同学们好' }]
 */
export function parseCueBlocks(text: string): ParsedCues {
  const reader = new CueBlockReader();
  for (const line of text.split('\n')) reader.read(line);
  return reader.finish();
}

/** The line-by-line state of parseCueBlocks. */
class CueBlockReader {
  private readonly done: Array<{ start: number; end: number; lines: string[] }> = [];
  private readonly problems: CueProblem[] = [];
  private open: OpenCue | null = null;
  /** The last cue read correctly, while lines without a timing line may still belong to it. */
  private lastValid: { lines: string[] } | null = null;
  /** Lines since the last blank line that belong to no cue (yet): an index, a VTT identifier, stray text. */
  private block: string[] = [];
  private skipping = false;
  private ordinal = 0;

  read(line: string): void {
    if (line.trim() === '') {
      this.closeCue();
      this.closeBlock();
      this.skipping = false;
      return;
    }
    if (this.skipping) return;
    const timing = splitTimingLine(line);
    if (timing) {
      this.startCue(timing, line);
    } else if (this.open) {
      this.open.lines.push(line);
    } else if (this.block.length === 0 && BLOCK_TO_SKIP.test(line.trim())) {
      this.skipping = true;
    } else {
      this.block.push(line);
    }
  }

  finish(): ParsedCues {
    this.closeCue();
    this.closeBlock();
    return {
      cues: this.done.map((c) => ({ start: c.start, end: c.end, text: cleanCueText(c.lines) })),
      warnings: describeProblems(this.problems),
    };
  }

  private startCue(timing: { rawStart: string; rawEnd: string }, line: string): void {
    let label: string | undefined;
    if (this.open) {
      // No blank line before this cue: its index line was read as the previous cue's text.
      const prevLines = this.open.lines;
      if (/^\d+$/.test(prevLines[prevLines.length - 1]?.trim() ?? '')) label = prevLines.pop();
      this.closeCue();
    } else {
      label = this.block.pop();
      this.closeBlock();
    }
    this.ordinal++;
    const number = label !== undefined && /^\d+$/.test(label.trim()) ? Number(label.trim()) : this.ordinal;
    this.open = openCue(number, timing.rawStart, timing.rawEnd, line.trim(), this.problems);
  }

  private closeCue(): void {
    if (!this.open) return;
    if (this.open.valid) {
      const cue = { start: this.open.start, end: this.open.end, lines: this.open.lines };
      this.done.push(cue);
      this.lastValid = cue;
    } else {
      // Text after a broken cue belongs to it, not to the cue before.
      this.lastValid = null;
    }
    this.open = null;
  }

  /** Ends a block that had no timing line. */
  private closeBlock(): void {
    if (this.block.length === 0) return;
    const first = this.block[0]?.trim() ?? '';
    if (/^\d+$/.test(first)) {
      this.problems.push({ number: Number(first), kind: 'no-timing', sample: this.block[1] ?? '' });
    } else if (this.lastValid) {
      // An extra blank line inside a cue's text.
      this.lastValid.lines.push(...this.block);
    }
    this.block = [];
  }
}

function openCue(number: number, rawStart: string, rawEnd: string, line: string, problems: CueProblem[]): OpenCue {
  const start = parseTimestamp(rawStart);
  const end = parseTimestamp(rawEnd);
  if (start === null || end === null) {
    problems.push({ number, kind: 'bad-time', sample: start === null ? rawStart : rawEnd || line });
    return { start: 0, end: 0, lines: [], valid: false };
  }
  if (end < start) {
    problems.push({ number, kind: 'reversed', sample: line });
    return { start, end, lines: [], valid: false };
  }
  return { start, end, lines: [], valid: true };
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
};

/**
 * One line of plain text from a cue's lines: markup removed, entities decoded,
 * lines joined without a space between Chinese characters.
 */
export function cleanCueText(lines: readonly string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = raw
      .replace(/\{\\[^}]*\}/g, '')
      .replace(/<\/?[a-zA-Z][^>]*>|<\d[^>]*>/g, '')
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => decodeEntity(m, name))
      .replace(/\s+/g, ' ')
      .trim();
    if (line !== '') text = joinCjkAware(text, line);
  }
  return text;
}

function decodeEntity(whole: string, name: string): string {
  const lower = name.toLowerCase();
  if (lower.startsWith('#x')) return safeFromCodePoint(parseInt(lower.slice(2), 16), whole);
  if (lower.startsWith('#')) return safeFromCodePoint(parseInt(lower.slice(1), 10), whole);
  return ENTITIES[lower] ?? whole;
}

function safeFromCodePoint(cp: number, fallback: string): string {
  return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback;
}

/** Problems listed one by one up to this many of a kind, then summarized. */
const MAX_LISTED = 3;

const PROBLEM_TEXT: Readonly<Record<CueProblem['kind'], string>> = {
  'bad-time': '时间格式错误',
  reversed: '结束时间早于开始时间',
  'no-timing': '缺少时间行',
};

function describeProblems(problems: readonly CueProblem[]): string[] {
  const warnings: string[] = [];
  for (const kind of ['bad-time', 'reversed', 'no-timing'] as const) {
    const ofKind = problems.filter((p) => p.kind === kind);
    if (ofKind.length === 0) continue;
    if (ofKind.length <= MAX_LISTED) {
      for (const p of ofKind) {
        warnings.push(`第 ${p.number} 条字幕${PROBLEM_TEXT[kind]}（${truncate(p.sample)}），已跳过`);
      }
    } else {
      const first = ofKind[0];
      warnings.push(
        `${formatNumbered(
          ofKind.map((p) => p.number),
          '条',
        )}字幕${PROBLEM_TEXT[kind]}（如 ${truncate(first?.sample ?? '')}），已跳过`,
      );
    }
  }
  return warnings;
}

function truncate(s: string): string {
  const chars = [...s.trim()];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
}
