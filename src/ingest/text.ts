import { InputError } from '../errors.js';
import { countVisibleChars } from './chars.js';
import { decodeText } from './encoding.js';
import type { IngestedDocument, IngestedPage, IngestLimits, InputFile } from './types.js';

/**
 * Plain-text and Markdown materials. They have no pages, so they are cut into
 * numbered sections (节) — at headings, and otherwise about every
 * SECTION_TARGET characters at a paragraph boundary — for citations to point at.
 */

/** Characters after which a section is closed at the next paragraph boundary. */
const SECTION_TARGET = 1500;
/** A single paragraph longer than this is cut at sentence ends. */
const SECTION_MAX = 3000;

/**
 * Decodes a .txt/.md file and cuts it into sections.
 *
 * @throws InputError `encoding` (see decodeText) or `empty` when there is no text.
 */
export function ingestTextDocument(
  file: InputFile,
  sha256: string,
  format: 'text' | 'markdown',
  limits: Pick<IngestLimits, 'maxPages'>,
): IngestedDocument {
  const { text, encoding, nulBytes } = decodeText(file.bytes, file.name);
  const clean = text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  if (countVisibleChars(clean) === 0) {
    throw new InputError(file.name, 'empty', '文件里没有文字内容');
  }
  // No section is much longer than SECTION_TARGET + SECTION_MAX, so a longer text cannot fit the limit:
  // refused before it is cut (cutting 49 MB on one line costs a gigabyte of memory).
  if (clean.length > limits.maxPages * (SECTION_TARGET + SECTION_MAX)) {
    throw new InputError(
      file.name,
      'too-large',
      `文件有 ${Math.round(clean.length / 10_000)} 万字，超过上限（最多 ${limits.maxPages} 节，每节约 ${SECTION_TARGET} 字）；请只上传本课需要的部分`,
    );
  }
  const sections = splitIntoSections(clean, format);
  // Checked before the pages are built and sent back: a 49 MB one-line file is 11,000 sections.
  if (sections.length > limits.maxPages) {
    throw new InputError(
      file.name,
      'too-large',
      `文件有约 ${sections.length} 节（按每节约 ${SECTION_TARGET} 字计），超过上限 ${limits.maxPages} 节；请只上传本课需要的部分`,
    );
  }
  const pages: IngestedPage[] = sections.map((sectionText, i) => ({
    page: i + 1,
    text: sectionText,
    quality: 'good',
    chars: countVisibleChars(sectionText),
    note: null,
  }));
  const warnings = nulBytes ? [`文件里有 ${nulBytes} 个空字节（NUL，常见于没写完或损坏的文件），已去掉；请核对内容是否完整`] : [];
  return { name: file.name, sha256, format, encoding, pageUnit: 'section', pages, ocrPages: [], warnings };
}

/**
 * Cuts text into sections: a heading starts a new one (once the current one has
 * a body), and otherwise a section is closed at the paragraph boundary before
 * it would pass SECTION_TARGET characters.
 */
export function splitIntoSections(text: string, format: 'text' | 'markdown'): string[] {
  const sections: string[] = [];
  let current: string[] = [];
  let currentLength = 0;
  let hasBody = false;
  const flush = (): void => {
    if (current.length > 0) sections.push(current.join('\n\n'));
    current = [];
    currentLength = 0;
    hasBody = false;
  };

  for (const block of toBlocks(text, format)) {
    if (block.heading && hasBody) flush();
    for (const piece of block.heading ? [block.text] : cutLongParagraph(block.text)) {
      // A heading stays with the text under it, however long that is.
      if (!block.heading && hasBody && currentLength + piece.length > SECTION_TARGET) flush();
      current.push(piece);
      currentLength += piece.length;
      if (!block.heading) hasBody = true;
    }
  }
  flush();
  return sections;
}

interface Block {
  text: string;
  heading: boolean;
}

/** Headings of Chinese lesson documents written without Markdown. */
const CHINESE_HEADING = /^(?:第[一二三四五六七八九十百千\d]+[章节课单元部分篇讲]|[一二三四五六七八九十]+、)/;
const MARKDOWN_HEADING = /^#{1,6}\s+\S/;
const MAX_HEADING_LENGTH = 40;

/** Paragraphs (split at blank lines), with heading lines as blocks of their own. */
function toBlocks(text: string, format: 'text' | 'markdown'): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let inFence = false;
  const endParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ text: paragraph.join('\n'), heading: false });
    paragraph = [];
  };
  for (const line of text.split('\n')) {
    if (format === 'markdown' && /^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && isHeading(line, format)) {
      endParagraph();
      blocks.push({ text: line, heading: true });
    } else if (line.trim() === '' && !inFence) {
      endParagraph();
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  return blocks;
}

function isHeading(line: string, format: 'text' | 'markdown'): boolean {
  if (MARKDOWN_HEADING.test(line)) return true;
  return format === 'text' && line.length <= MAX_HEADING_LENGTH && CHINESE_HEADING.test(line.trim());
}

/**
 * Cuts a paragraph longer than SECTION_MAX into pieces near SECTION_TARGET: at
 * line breaks, else at sentence ends, else (no punctuation at all) by length.
 */
function cutLongParagraph(paragraph: string): string[] {
  if (paragraph.length <= SECTION_MAX) return [paragraph];
  const byLine = paragraph.includes('\n');
  const units = byLine ? paragraph.split('\n') : (paragraph.match(/[^。！？!?；;]+[。！？!?；;]*/g) ?? []);
  if (units.length <= 1) return cutByLength(paragraph);
  const joiner = byLine ? '\n' : '';
  const pieces: string[] = [];
  let piece = '';
  for (const unit of units) {
    if (piece.length > 0 && piece.length + unit.length > SECTION_TARGET) {
      pieces.push(piece);
      piece = '';
    }
    piece = piece.length > 0 ? piece + joiner + unit : unit;
  }
  if (piece.length > 0) pieces.push(piece);
  // Only a single line or sentence can still be too long here.
  return pieces.flatMap(cutLongParagraph);
}

function cutByLength(text: string): string[] {
  const chars = [...text];
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += SECTION_TARGET) pieces.push(chars.slice(i, i + SECTION_TARGET).join(''));
  return pieces;
}
