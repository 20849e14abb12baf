import type { LayoutBudget } from '../../domain/deck.js';

/**
 * Text fitting (文字排版估算) done in our own code, because `fit: 'shrink'`
 * only sets a flag that PowerPoint applies after an edit and LibreOffice
 * ignores. A CJK character is one em; Latin letters and digits about 0.55 em.
 * The estimate errs wide: the renderer's boxes carry the slack.
 */

/** Width in ems of Latin letters, digits, spaces and other narrow characters. */
const NARROW_EM = 0.55;
/**
 * Space PowerPoint and LibreOffice add between Chinese and a Latin word or
 * number beside it (Asian typography's autospace), per side.
 */
const AUTOSPACE_EM = 0.25;

/** Punctuation a line may not start with (避头点, kinsoku). */
const NO_LINE_START = new Set([...'，。、；：？！）」』》】〕〉”’·…—%‰,.;:?!)]}']);
/** Punctuation a line may not end with (避尾点). */
const NO_LINE_END = new Set([...'（「『《【〔〈“‘([{']);

/**
 * CJK ideographs, kana, hangul, full-width forms, and the symbols a CJK font
 * may draw one em wide in Chinese text (· × ÷ ± ° “ ” … — ①).
 */
const WIDE =
  /[\u00b0\u00b1\u00b7\u00d7\u00f7\u1100-\u115f\u2014\u2018-\u201f\u2026\u2460-\u24ff\u25a0-\u27bf\u2e80-\u303f\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3ffff}]/u;

interface Token {
  text: string;
  width: number;
  /** Spaces are break opportunities, consumed at a line end. */
  kind: 'wide' | 'narrow' | 'space';
}

/** A narrow word beside Chinese, with or without a space between, gets autospace on that side. */
function addAutospace(tokens: Token[]): Token[] {
  const wideAt = (from: number, step: 1 | -1): boolean => {
    for (let i = from; i >= 0 && i < tokens.length; i += step) {
      const token = tokens[i] as Token;
      if (token.kind !== 'space') return token.kind === 'wide';
    }
    return false;
  };
  return tokens.map((token, i) => {
    if (token.kind !== 'narrow') return token;
    const sides = (wideAt(i - 1, -1) ? 1 : 0) + (wideAt(i + 1, 1) ? 1 : 0);
    return { ...token, width: token.width + sides * AUTOSPACE_EM };
  });
}

/** Wide characters stand alone; runs of narrow characters form unbreakable words, as PowerPoint wraps them. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  const flush = () => {
    if (word) tokens.push({ text: word, width: [...word].length * NARROW_EM, kind: 'narrow' });
    word = '';
  };
  for (const ch of text) {
    if (/\s/u.test(ch)) {
      flush();
      tokens.push({ text: ' ', width: NARROW_EM, kind: 'space' });
    } else if (WIDE.test(ch)) {
      flush();
      tokens.push({ text: ch, width: 1, kind: 'wide' });
    } else if (NO_LINE_START.has(ch) || NO_LINE_END.has(ch)) {
      flush();
      tokens.push({ text: ch, width: NARROW_EM, kind: 'narrow' });
    } else {
      word += ch;
    }
  }
  flush();
  return addAutospace(tokens);
}

const EPSILON = 1e-9;

/**
 * Lines `text` wraps to in a box `lineChars` ems wide. A line that would
 * start with closing punctuation takes the previous character along (推出),
 * and a Latin word longer than a line breaks by character, as PowerPoint does.
 *
 * @example
 * measureLines('长方形的周长＝（长＋宽）×2', 8) // 2
 */
export function measureLines(text: string, lineChars: number): number {
  const lines: Token[][] = [[]];
  let width = 0;
  const current = () => lines[lines.length - 1] as Token[];
  const newLine = (carry: Token[]) => {
    lines.push(carry);
    width = carry.reduce((sum, t) => sum + t.width, 0);
  };
  const place = (token: Token) => {
    current().push(token);
    width += token.width;
  };

  for (const token of tokenize(text)) {
    if (token.kind === 'space') {
      if (width === 0) continue;
      if (width + token.width > lineChars + EPSILON) newLine([]);
      else place(token);
      continue;
    }
    if (token.width > lineChars + EPSILON) {
      for (const ch of token.text) {
        if (width + NARROW_EM > lineChars + EPSILON) newLine([]);
        place({ text: ch, width: NARROW_EM, kind: 'narrow' });
      }
      continue;
    }
    if (width + token.width <= lineChars + EPSILON) {
      place(token);
      continue;
    }
    const line = current();
    const carry: Token[] = [];
    if (NO_LINE_START.has(token.text) && line.length > 1) carry.unshift(line.pop() as Token);
    while (line.length > 1 && NO_LINE_END.has((line[line.length - 1] as Token).text)) carry.unshift(line.pop() as Token);
    newLine(carry);
    place(token);
  }
  return lines.length;
}

/** Characters a reader sees (spaces do not count), for `MAX_CHARS_PER_SLIDE`. */
export function countChars(text: string): number {
  return text.replace(/\s+/gu, '').length;
}

/** Clauses with their closing punctuation: 「先量一量，」「再算一算。」 */
export function clauses(text: string): string[] {
  return text.match(/[^，。；：！？、,;:!?\s]+(?:[，。；：！？、,;:!?]+|\s+|$)|[，。；：！？、,;:!?\s]+/gu) ?? [];
}

const TRAILING_PUNCT = /[，。；：！？、,;:!?\s]+$/u;
const ELLIPSIS = '…';

interface Room {
  lines: number;
  chars: number;
  lineChars: number;
}

function fits(text: string, room: Room): boolean {
  return measureLines(text, room.lineChars) <= room.lines && countChars(text) <= room.chars;
}

/** The longest run of whole clauses that fits, marked with an ellipsis; null if not even one clause does. */
function shortenByClause(line: string, room: Room): string | null {
  let kept = '';
  for (const clause of clauses(line)) {
    const candidate = (kept + clause).replace(TRAILING_PUNCT, '') + ELLIPSIS;
    if (!fits(candidate, room)) break;
    kept += clause;
  }
  const trimmed = kept.replace(TRAILING_PUNCT, '');
  return trimmed ? trimmed + ELLIPSIS : null;
}

/** Cuts a text with no usable clause break, backing off to the start of a Latin word or number. */
function hardCut(line: string, room: Room): string | null {
  const chars = [...line];
  let end = 0;
  while (end < chars.length && fits(chars.slice(0, end + 1).join('') + ELLIPSIS, room)) end++;
  let cut = end;
  const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch) && !WIDE.test(ch);
  while (cut > 0 && isWordChar(chars[cut - 1]) && isWordChar(chars[cut])) cut--;
  if (cut === 0) cut = end;
  const kept = chars.slice(0, cut).join('').replace(TRAILING_PUNCT, '');
  return kept ? kept + ELLIPSIS : null;
}

/**
 * Keeps the body lines that fit the budget, in order. The first line that
 * does not fit is shortened to its whole clauses (marked with …) and the rest
 * is left out; only a first line with no usable clause is cut inside a clause.
 * Moving what was left out into the speaker notes is the caller's job
 * (see `overflowOf`).
 *
 * @example
 * const { lines, truncated } = fitToBudget(body, LAYOUT_BUDGETS.content);
 * if (truncated) notes += overflowOf(body, lines).join('\n');
 */
export function fitToBudget(lines: string[], budget: LayoutBudget): { lines: string[]; truncated: boolean } {
  const kept: string[] = [];
  let usedLines = 0;
  let usedChars = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const room: Room = { lines: budget.maxLines - usedLines, chars: budget.bodyChars - usedChars, lineChars: budget.lineChars };
    if (fits(line, room)) {
      kept.push(line);
      usedLines += measureLines(line, budget.lineChars);
      usedChars += countChars(line);
      continue;
    }
    const short = room.lines > 0 ? (shortenByClause(line, room) ?? (kept.length === 0 ? hardCut(line, room) : null)) : null;
    if (short) kept.push(short);
    return { lines: kept, truncated: true };
  }
  return { lines: kept, truncated: false };
}

/** Fits a title to one line of `titleChars`, by the same rules. */
export function fitTitle(title: string, budget: LayoutBudget): { title: string; truncated: boolean } {
  const room: LayoutBudget = { ...budget, lineChars: budget.titleChars, maxLines: 1, bodyChars: budget.titleChars };
  const { lines, truncated } = fitToBudget([title], room);
  return { title: lines[0] ?? title, truncated };
}

/** The original lines that `fitToBudget` shortened or left out, whole, for the notes. */
export function overflowOf(original: string[], fitted: string[]): string[] {
  const lines = original.map((line) => line.trim()).filter((line) => line.length > 0);
  return lines.filter((line, i) => fitted[i] !== line);
}
