import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { InputError } from '../../errors.js';
import { countVisibleChars } from '../chars.js';
import { splitIntoSections } from '../text.js';
import type { IngestedDocument, IngestedPage, InputFile } from '../types.js';
import { checkZipInflatedSize } from './zip-guard.js';

/**
 * Word documents (.docx): mammoth maps the document's own styles (标题 1–6,
 * lists, tables) to HTML, and that HTML becomes Markdown-shaped text — `#`
 * headings by level, `- ` and `1. ` list items, one line per table row — which
 * T1 reads like any Markdown material. Sections are cut at the headings, so a
 * citation names the section (第 N 节) the words are in.
 *
 * @throws InputError `corrupt` when mammoth cannot read the file, `empty` when it has no text.
 * @example
 * const doc = await ingestDocx({ name: '教参.docx', bytes }, sha256, limits);
 * doc.pages[0].text; // '# 第二课时 分数的初步认识\n\n教学重点：……'
 */
export async function ingestDocx(
  file: InputFile,
  sha256: string,
  limits: { maxInflatedBytes: number; maxPages: number },
): Promise<IngestedDocument> {
  let html: string;
  // Loaded on first use, like every parser a given file may not need.
  const { default: mammoth } = await import('mammoth');
  try {
    await checkZipInflatedSize(file.name, await JSZip.loadAsync(file.bytes), limits.maxInflatedBytes);
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) },
      // Images are not read: only text is used, and a large picture would cost memory for nothing.
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file.name, 'corrupt', 'Word 文件已损坏或不是 .docx 格式，无法读取；请用 Word 或 WPS 重新“另存为 .docx”后上传', {
      cause: error,
    });
  }
  const text = htmlToMarkdown(html);
  if (countVisibleChars(text) === 0) throw new InputError(file.name, 'empty', 'Word 文件里没有文字内容（可能只有图片）');
  const pages: IngestedPage[] = splitIntoSections(text, 'markdown').map((section, i) => ({
    page: i + 1,
    text: section,
    quality: 'good',
    chars: countVisibleChars(section),
    note: null,
  }));
  if (pages.length > limits.maxPages) {
    throw new InputError(file.name, 'too-large', `文档有 ${pages.length} 节，超过上限 ${limits.maxPages} 节；请只上传本课需要的部分`);
  }
  return { name: file.name, sha256, format: 'docx', encoding: null, pageUnit: 'section', pages, ocrPages: [], warnings: [] };
}

type XmlNode = {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<XmlNode>;
};

const ELEMENT = 1;
const TEXT = 3;

/**
 * mammoth's HTML as text blocks separated by blank lines. Only the elements
 * mammoth writes are handled: h1–h6, p, ul/ol/li, table/tr/td/th, strong/em/a,
 * br; anything else contributes its text.
 */
export function htmlToMarkdown(html: string): string {
  const doc = new DOMParser().parseFromString(`<root>${html}</root>`, 'text/xml');
  const blocks: string[] = [];
  walkBlocks(doc.documentElement as unknown as XmlNode, blocks, 0);
  return blocks
    .map((b) => b.trim())
    .filter((b) => b !== '')
    .join('\n\n');
}

function children(node: XmlNode): XmlNode[] {
  return Array.from(node.childNodes);
}

function walkBlocks(node: XmlNode, blocks: string[], depth: number): void {
  for (const child of children(node)) {
    if (child.nodeType === TEXT) {
      const text = (child.textContent ?? '').trim();
      if (text) blocks.push(text);
      continue;
    }
    if (child.nodeType !== ELEMENT) continue;
    const tag = child.nodeName.toLowerCase();
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) blocks.push(`${'#'.repeat(Number(heading[1]))} ${inline(child)}`);
    else if (tag === 'p') blocks.push(inline(child));
    else if (tag === 'ul' || tag === 'ol') blocks.push(listLines(child, tag === 'ol', depth).join('\n'));
    // Each row a paragraph of its own: a row is a statement (「教学重点：……」), not a line of the one before.
    else if (tag === 'table') blocks.push(...tableLines(child));
    else walkBlocks(child, blocks, depth);
  }
}

/** The text of an inline run; `<br>` becomes a line break. */
function inline(node: XmlNode): string {
  let out = '';
  for (const child of children(node)) {
    if (child.nodeType === TEXT) out += child.textContent ?? '';
    else if (child.nodeType === ELEMENT) out += child.nodeName.toLowerCase() === 'br' ? '\n' : inline(child);
  }
  return out.replace(/[ \t]+\n/g, '\n').trim();
}

function listLines(list: XmlNode, ordered: boolean, depth: number): string[] {
  const lines: string[] = [];
  let n = 0;
  for (const item of children(list)) {
    if (item.nodeType !== ELEMENT || item.nodeName.toLowerCase() !== 'li') continue;
    n++;
    const own: string[] = [];
    const nested: string[] = [];
    for (const part of children(item)) {
      const tag = part.nodeType === ELEMENT ? part.nodeName.toLowerCase() : '';
      if (tag === 'ul' || tag === 'ol') nested.push(...listLines(part, tag === 'ol', depth + 1));
      else if (part.nodeType === TEXT) own.push(part.textContent ?? '');
      else if (part.nodeType === ELEMENT) own.push(inline(part));
    }
    const text = own.join('').trim();
    if (text) lines.push(`${'  '.repeat(depth)}${ordered ? `${n}.` : '-'} ${text}`);
    lines.push(...nested);
  }
  return lines;
}

/**
 * One line per row. A two-cell row whose first cell is a short label
 * (「教学重点」|「理解分数的意义」) reads as the sentence a 教参 would write in
 * prose, 「教学重点：理解分数的意义。」, closed so the next row is a statement of
 * its own; wider rows keep their cells apart with ｜.
 */
function tableLines(table: XmlNode): string[] {
  const rows: string[][] = [];
  const collect = (node: XmlNode): void => {
    for (const child of children(node)) {
      if (child.nodeType !== ELEMENT) continue;
      const tag = child.nodeName.toLowerCase();
      if (tag === 'tr') {
        rows.push(
          children(child)
            .filter((c) => c.nodeType === ELEMENT && /^t[dh]$/i.test(c.nodeName))
            .map((cell) => cellText(cell)),
        );
      } else collect(child);
    }
  };
  collect(table);
  return rows
    .map((cells) => cells.filter((c) => c !== ''))
    .filter((cells) => cells.length > 0)
    .map((cells) => {
      const [label, value] = cells;
      if (cells.length === 2 && label && value && [...label].length <= 8 && !/[：:。]$/.test(label)) {
        return `${label}：${value}${/[。！？；.!?;]$/.test(value) ? '' : '。'}`;
      }
      return cells.join(' ｜ ');
    });
}

function cellText(cell: XmlNode): string {
  const blocks: string[] = [];
  walkBlocks(cell, blocks, 0);
  return blocks
    .map((b) => b.trim())
    .filter((b) => b !== '')
    .join('；')
    .replace(/\n+/g, ' ');
}
