import { firstCodePoint, isAsciiDigit, isAsciiLetter, isCjk, isCjkPunct, isHan, joinCjkAware, lastCodePoint } from './chars.js';

/**
 * Cleaning of the text pdf-parse extracts from a page. pdf-parse puts a `\t`
 * where two text items are far apart on the line and keeps the spaces that
 * justified or letter-spaced Chinese (「第 \t1 \t节」, 「桥 梁 工 程」); a reader,
 * a search and a quote check all want 「第1节」 and 「桥梁工程」.
 */

/**
 * Cleans one page: fixes spacing around Chinese characters, drops the bare
 * page number at the top or bottom, and collapses blank lines.
 *
 * @example
 * normalizePdfPageText('第 \t1 \t节 \t科学、技术与工程\n2') // → '第1节 科学、技术与工程'
 */
export function normalizePdfPageText(raw: string): string {
  const lines = raw
    // Kangxi radicals and compatibility ideographs look like 汉字 but do not match them.
    .replace(/[\u2f00-\u2fdf\uf900-\ufaff]/g, (c) => c.normalize('NFKC'))
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/\u00a0/g, ' ')
    .split(/\r\n?|\n/)
    .map(fixLineSpacing);
  return collapseBlankLines(dropEdgeLines(lines, isPageNumberOrFramedHead)).join('\n');
}

/**
 * Removes running headers and footers (书眉/页脚 such as 「普通高中语文课程标准（2017年版）」
 * or 「第一章 工程设计概述 5」): short lines at the top or bottom of pages that
 * repeat, ignoring the page number inside them, on several pages.
 */
export function stripRunningLines(pages: readonly string[]): string[] {
  if (pages.length < 3) return [...pages];
  const pagesByKey = new Map<string, number>();
  const edgeKeys = pages.map((page) => {
    const keys = new Set(
      edgeLines(page.split('\n'))
        .map(runningKey)
        .filter((k) => k !== null),
    );
    for (const key of keys) pagesByKey.set(key, (pagesByKey.get(key) ?? 0) + 1);
    return keys;
  });
  const minPages = Math.max(3, Math.ceil(pages.length * 0.2));
  const isRunning = (key: string): boolean => {
    const count = pagesByKey.get(key) ?? 0;
    // A repeated edge line that carries a number is a footer with the page number in it.
    return count >= minPages || (count >= 2 && key.includes('#'));
  };
  return pages.map((page, i) => {
    const keys = edgeKeys[i];
    if (!keys || keys.size === 0) return page;
    const kept = dropEdgeLines(page.split('\n'), (line) => {
      const key = runningKey(line);
      return key !== null && isRunning(key);
    });
    return collapseBlankLines(kept).join('\n');
  });
}

/**
 * Joins lines that the page layout broke in mid-sentence, so a sentence can be
 * quoted and searched as one string. A line is joined to the next only when it
 * runs (nearly) the full width of the page, does not end a sentence, and the
 * next line does not start a heading or list item. Short lines — headings,
 * poems, list items — are left alone.
 */
export function reflowLines(text: string): string {
  const lines = text.split('\n');
  const lengths = lines.map((l) => [...l].length);
  const full = fullLineLength(lengths);
  if (full === null) return text;
  const out: string[] = [];
  let current = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const next = lines[i] ?? '';
    const prev = lines[i - 1] ?? '';
    const prevIsFull = (lengths[i - 1] ?? 0) >= full * 0.8;
    if (prevIsFull && endsMidSentence(prev) && continuesProse(next) && !hasColumnGap(prev) && !hasColumnGap(next)) {
      current = joinCjkAware(current, next);
    } else {
      out.push(current);
      current = next;
    }
  }
  out.push(current);
  return out.join('\n');
}

/** How the spaces between two tokens should come out. */
function fixLineSpacing(line: string): string {
  const parts = line.trim().split(/([ \t\u3000]+)/);
  let out = parts[0] ?? '';
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const left = parts[i - 1] ?? '';
    const right = parts[i + 1] ?? '';
    out += separatorBetween(parts[i] ?? ' ', left, right) + right;
  }
  return out;
}

function separatorBetween(separator: string, left: string, right: string): string {
  const l = lastCodePoint(left);
  const r = firstCodePoint(right);
  // A tab (pdf-parse's mark for a gap between text items) or an ideographic space
  // was put there on purpose, e.g. between two picture captions or table cells.
  const deliberate = /[\t\u3000]/.test(separator);
  // Letter-spaced headings: 「第 1 节」「桥 梁 工 程」「杜 甫」.
  if (isSingle(left) && isSingle(right) && (isHan(l) || isHan(r))) return '';
  if (deliberate) return ' ';
  // Justified lines put spaces beside full-width punctuation and around numbers: 「个：“ 整」「1962 年」.
  if (isCjkPunct(l) && (isCjk(r) || isAsciiDigit(r))) return '';
  if (isCjkPunct(r) && (isCjk(l) || isAsciiDigit(l))) return '';
  if ((isHan(l) && isAsciiDigit(r)) || (isAsciiDigit(l) && isHan(r))) return '';
  // Between two words of several 汉字 a space is a real gap: 「第1节 分数的初步认识」.
  return ' ';
}

/** One 汉字, or a short number, standing alone: a piece of a letter-spaced heading like 「第 1 节」. */
function isSingle(token: string): boolean {
  if (/^\d{1,3}$/.test(token)) return true;
  const cps = [...token];
  return cps.length === 1 && isHan(firstCodePoint(token));
}

/** A page number, or a running head framed by bars like 「│ 前言 │」. */
function isPageNumberOrFramedHead(line: string): boolean {
  return (
    /^│[^│]{1,40}│$/.test(line) ||
    /^[-–—\s]*\d{1,4}[-–—\s]*$/.test(line) ||
    /^第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$/.test(line) ||
    /^\d{1,4}\s*[/／]\s*\d{1,4}$/.test(line) ||
    /^page\s*\d{1,4}(?:\s*of\s*\d{1,4})?$/i.test(line)
  );
}

/** How many lines at each end of a page can hold a header, footer or page number. */
const EDGE_LINES = 2;

/** The non-empty lines at the top and bottom of a page. */
function edgeLines(lines: readonly string[]): string[] {
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (nonEmpty.length <= EDGE_LINES * 2) return nonEmpty;
  return [...nonEmpty.slice(0, EDGE_LINES), ...nonEmpty.slice(-EDGE_LINES)];
}

/**
 * Drops lines matching `drop` among the first and last EDGE_LINES non-empty
 * lines; the middle of a page is never touched (a lone 「2」 there is part of a formula).
 */
function dropEdgeLines(lines: readonly string[], drop: (line: string) => boolean): string[] {
  const nonEmptyIdx: number[] = [];
  lines.forEach((l, i) => {
    if (l.trim() !== '') nonEmptyIdx.push(i);
  });
  const edge = new Set([...nonEmptyIdx.slice(0, EDGE_LINES), ...nonEmptyIdx.slice(-EDGE_LINES)]);
  return lines.filter((l, i) => !(edge.has(i) && drop(l)));
}

/** The comparison key of a possible running line: no spaces, digits masked; null if too long or too short. */
function runningKey(line: string): string | null {
  const key = line.replace(/\s+/g, '').replace(/\d+/g, '#');
  const letters = key.replace(/#/g, '').length;
  if (letters < 2 || key.length > 60) return null;
  return key;
}

function collapseBlankLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** The length of a full-width line on this page: the 90th percentile of prose line lengths. */
function fullLineLength(lengths: readonly number[]): number | null {
  const prose = lengths.filter((n) => n >= 8).sort((a, b) => a - b);
  if (prose.length < 3) return null;
  return prose[Math.floor((prose.length - 1) * 0.9)] ?? null;
}

/**
 * After spacing is fixed, a space between two Chinese characters is left only
 * at a wide gap or between words of several 汉字: a table row or captions side
 * by side far more often than prose, and not to be run into the next row.
 */
function hasColumnGap(line: string): boolean {
  for (let i = line.indexOf(' '); i > 0; i = line.indexOf(' ', i + 1)) {
    if (isCjk(line.charCodeAt(i - 1)) && isCjk(line.charCodeAt(i + 1))) return true;
  }
  return false;
}

function endsMidSentence(line: string): boolean {
  const cp = lastCodePoint(line);
  if (isHan(cp) || isAsciiLetter(cp) || isAsciiDigit(cp)) return true;
  return '，、（“‘《〈【'.includes(String.fromCodePoint(Math.max(cp, 0)));
}

/** Headings, numbered items and bullets start a new line even after a full one. */
const BLOCK_START =
  /^(?:第[一二三四五六七八九十百千\d]+[章节课单元部分篇]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\s*\D|[①-⑳]|[•·▪●○■□◆◇]|例\s*\d|【)/;

function continuesProse(line: string): boolean {
  if (line.trim() === '' || BLOCK_START.test(line)) return false;
  const cp = firstCodePoint(line);
  return isCjk(cp) || isAsciiLetter(cp) || isAsciiDigit(cp);
}
