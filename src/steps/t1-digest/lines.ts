import type { IngestedPage } from '../../ingest/types.js';
import { normalizeLayoutLine } from '../../text/layout.js';
import { visibleLength } from '../../text/segment.js';
import { classifyHeading } from './headings.js';

/** One non-empty line of a readable page. */
export interface Line {
  page: number;
  /** Normalized for reading: spacing between Chinese characters removed. */
  text: string;
  /** As extracted, tabs widened: column gaps still separate 「船  帆  桥」 in a 生字 list. */
  raw: string;
  /** A Markdown `#` line: a heading whatever its shape. */
  markdownHeading: boolean;
  /**
   * A line of program code inside a Markdown fence (```), indentation kept (Python's blocks are its
   * indentation); the fence lines themselves are '' here. null outside a fence.
   */
  code: string | null;
  /** Last line of its page, where footers sit. */
  last: boolean;
}

/** A line before its position on the cleaned page is known. */
type RawLine = Omit<Line, 'last'>;

const FENCE = /^\s*```/u;

/**
 * A page's lines, each fenced line of Markdown code marked with its indentation kept
 * (「    cost = w * 3」 is code, not a heading nor a sentence).
 */
function pageLines(page: number, text: string): RawLine[] {
  let inside = false;
  return text.split(/\r?\n/).flatMap((source) => {
    const fence = FENCE.test(source);
    const code = fence ? '' : inside ? source.replace(/\t/g, '    ').trimEnd() : null;
    if (fence) inside = !inside;
    const line = toLine(page, source);
    return line ? [{ ...line, code }] : [];
  });
}

/** Running headers and footers sit within this many lines of a page's top or bottom. */
const EDGE_LINES = 3;
/** Longer lines are body text even when they repeat. */
const RUNNING_LINE_MAX = 40;

const PAGE_NUMBER = /^(?:[-—–·\s]*\d{1,4}[-—–·\s]*|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/u;
/** 「一、课程性质与基本理念........ 1」「（一）课程性质／ 1」: table-of-contents entries. */
const TOC_ENTRY = /(?:\.{4,}|…{2,}|·{4,}|／)\s*\d{1,4}\s*$/u;
const TOC_TITLE = /^(目录|contents)$/i;

function toLine(page: number, raw: string): Omit<RawLine, 'code'> | null {
  const markdown = /^#{1,6}\s+/.exec(raw);
  const unmarked = raw
    .replace(/^#{1,6}\s+/, '')
    .replace(/^>\s?/, '')
    .replace(/^[-*+]\s+(?=\S)/, '')
    .replace(/\*\*/g, '');
  const text = normalizeLayoutLine(unmarked);
  if (!text) return null;
  return { page, text, raw: unmarked.replace(/\t/g, '  ').trim(), markdownHeading: markdown !== null };
}

/** 「刘禹锡」: a short name alone on a line, as printed under a text's title. */
const AUTHOR_NAME = /^\p{Script=Han}{2,4}$/u;

/** A running header's identity: its words without the page number printed beside them. */
function runningKey(text: string): string {
  return text.replace(/^\d{1,4}\s+|\s+\d{1,4}$/g, '').replace(/\s+/g, '');
}

function withoutPageNumber(text: string): string {
  return text.replace(/^\d{1,4}\s+|\s+\d{1,4}$/g, '');
}

function isEdge(index: number, count: number): boolean {
  return index < EDGE_LINES || index >= count - EDGE_LINES;
}

/**
 * Lines repeated at the top or bottom of two or more pages are the book's
 * running header or footer (book title, chapter name), not content: reading
 * them as headings would start a new lesson on every page. A repeated line that
 * is itself a unit, lesson or section heading is kept once, where it first
 * appears — that is where the chapter it names begins. Generic labels (练习,
 * 活动) are exempt: they legitimately recur at page edges.
 */
function dropRunningLines(pages: RawLine[][]): RawLine[][] {
  const pagesByKey = new Map<string, Set<number>>();
  const candidate = (line: RawLine) =>
    visibleLength(line.text) <= RUNNING_LINE_MAX && !classifyHeading(withoutPageNumber(line.text))?.label;
  pages.forEach((lines, p) =>
    lines.forEach((line, i) => {
      if (!isEdge(i, lines.length) || !candidate(line)) return;
      const key = runningKey(line.text);
      if (key.length < 2) return;
      pagesByKey.set(key, (pagesByKey.get(key) ?? new Set()).add(p));
    }),
  );
  const kept = new Set<string>();
  return pages.map((lines) =>
    lines.flatMap((line, i) => {
      const key = runningKey(line.text);
      if (!isEdge(i, lines.length) || (pagesByKey.get(key)?.size ?? 0) < 2 || !candidate(line)) return [line];
      const text = withoutPageNumber(line.text);
      const role = classifyHeading(text)?.role;
      // 「陋室铭」 over 「刘禹锡」: a text's title with its author under it is the text's, not a running header.
      if (!kept.has(key) && AUTHOR_NAME.test(lines[i + 1]?.text ?? '')) {
        kept.add(key);
        return [line];
      }
      if (kept.has(key) || (role !== 'unit' && role !== 'lesson' && role !== 'section')) return [];
      kept.add(key);
      return [{ ...line, text }];
    }),
  );
}

/**
 * The readable lines of a document, page by page: only `good` pages, without
 * page numbers, table-of-contents pages and running headers/footers.
 *
 * @example
 * readLines([{ page: 1, text: '第一单元\n1 草原\n…\n2', quality: 'good', chars: 40, note: null }])
 * // [[{ page: 1, text: '第一单元', … }, { page: 1, text: '1 草原', … }, …]]  (the page number "2" is gone)
 */
export function readLines(pages: IngestedPage[]): Line[][] {
  const good = pages
    .filter((page) => page.quality === 'good')
    .map((page) => pageLines(page.page, page.text))
    .filter((lines) => !lines.slice(0, EDGE_LINES).some((line) => TOC_TITLE.test(line.text.replace(/\s+/g, ''))))
    .map((lines) => lines.filter((line, i) => !TOC_ENTRY.test(line.raw) && !(isEdge(i, lines.length) && PAGE_NUMBER.test(line.text))));
  return dropRunningLines(good).map((lines) => lines.map((line, i) => ({ ...line, last: i === lines.length - 1 })));
}
