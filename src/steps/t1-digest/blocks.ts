import { normalizeLayoutLine } from '../../text/layout.js';
import { visibleLength } from '../../text/segment.js';
import { classifyHeading, type Heading, isHeadingShaped } from './headings.js';
import type { Line } from './lines.js';

export type ItemStyle = 'number' | 'paren' | 'circled' | 'chinese';

/**
 * A heading, a numbered item or a run of text, rebuilt from the lines a page
 * was wrapped into: extracted PDF text breaks every ~30 characters, and an
 * exercise or a definition must be read whole.
 */
export interface Block {
  page: number;
  text: string;
  lines: Line[];
  heading: Heading | null;
  /** 「1.」「（1）」「①」: how the block is numbered, if it is. */
  item: ItemStyle | null;
}

const ITEM_MARKERS: [ItemStyle, RegExp][] = [
  // "1.2" is a section number and "3.14" a decimal, not an item.
  ['number', /^\d{1,2}\s*[.．、](?![\d.．])\s*/u],
  ['paren', /^[（(]\d{1,2}[）)]\s*/u],
  ['circled', /^[①-⑳]\s*/u],
  // 「一、朗读《观沧海》，说说……」: 语文 books number their 思考探究 items so; a short 「一、教材分析」 is a heading first.
  ['chinese', /^[一二三四五六七八九十]{1,3}、\s*/u],
];

/** A line ending here has finished its sentence: the next line starts something new. */
const FINISHED = /[。！？!?；;：:….]["”’」』）)]*$/u;

function itemStyle(text: string): ItemStyle | null {
  return ITEM_MARKERS.find(([, marker]) => marker.test(text))?.[0] ?? null;
}

/**
 * The text without its item number: 「1. 对你所了解的……」 → 「对你所了解的……」.
 *
 * @example
 * stripItemMarker('（2）选择合适的材料。') // '选择合适的材料。'
 */
export function stripItemMarker(text: string): string {
  const style = ITEM_MARKERS.find(([, marker]) => marker.test(text));
  return style ? text.replace(style[1], '') : text;
}

/** A heading is shorter than the text under it; a line as long as the next is the first line of a narrow paragraph. */
const HEADING_TO_BODY = 0.8;
/** Below this the next line is an author or a caption (「叶圣陶」), not body text to measure against. */
const BODY_LINE_MIN = 12;

/**
 * Where a line can be a heading: a Markdown `#` line always; a marked heading
 * (第1节, 练习) anywhere; a heading known only by its shape (a short line, 「1 草原」)
 * only after a finished sentence, not at the foot of the page, and clearly
 * shorter than a following line of text.
 */
function headingOf(line: Line, afterBreak: boolean, next: Line | undefined): Heading | null {
  // A program's 「else:」 or 「cost = w * 3」 is short and follows a finished line, and is no heading.
  if (line.code !== null) return null;
  const marked = classifyHeading(line.text);
  if (line.markdownHeading) {
    return marked ?? { role: 'plain', text: line.text, title: line.text, inline: null, label: false, weak: false };
  }
  if (marked && !marked.weak) return marked;
  if (!afterBreak || line.last || itemStyle(line.text)) return null;
  const body = next && !next.markdownHeading && !classifyHeading(next.text) && !itemStyle(next.text) ? visibleLength(next.text) : 0;
  if (body >= BODY_LINE_MIN && visibleLength(line.text) > HEADING_TO_BODY * body) return null;
  if (marked) return marked;
  return isHeadingShaped(line.text) ? { role: 'plain', text: line.text, title: line.text, inline: null, label: false, weak: true } : null;
}

/**
 * Rebuilds headings, items and paragraphs from the lines of each page. Blocks
 * never cross a page: everything found keeps the page it is printed on.
 *
 * @example
 * toBlocks(readLines(pages)).filter((b) => b.heading?.role === 'lesson')
 */
export function toBlocks(pages: Line[][]): Block[] {
  const blocks: Block[] = [];
  for (const lines of pages) {
    let open: Block | null = null;
    for (const [index, line] of lines.entries()) {
      const heading = headingOf(line, open === null, lines[index + 1]);
      if (heading) {
        blocks.push({ page: line.page, text: heading.text, lines: [line], heading, item: null });
        open = null;
        continue;
      }
      const item = itemStyle(line.text);
      if (open && !item) {
        open.lines.push(line);
        open.text = normalizeLayoutLine(`${open.text} ${line.text}`);
      } else {
        open = { page: line.page, text: line.text, lines: [line], heading: null, item };
        blocks.push(open);
      }
      if (FINISHED.test(line.text)) open = null;
    }
  }
  return blocks;
}
