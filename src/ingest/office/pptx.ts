import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { InputError } from '../../errors.js';
import { countVisibleChars } from '../chars.js';
import type { IngestedDocument, IngestedPage, InputFile } from '../types.js';
import { checkZipInflatedSize } from './zip-guard.js';

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NOTES_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide';

type XmlElement = {
  getAttribute(name: string): string | null;
  getAttributeNS(ns: string, name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
  textContent: string | null;
};

/**
 * PowerPoint decks (.pptx): one page per slide, in the deck's own order
 * (presentation.xml, not the file names), with the slide's text paragraph by
 * paragraph — the title first — and its speaker notes after 「备注：」. Slide
 * numbers are the citations (第 N 张幻灯片). Hidden slides are kept and marked,
 * since a teacher hides a slide for one class, not because it is wrong.
 *
 * @throws InputError `corrupt` when the file is not a readable deck, `empty` when no slide has text.
 * @example
 * const deck = await ingestPptx({ name: '课件.pptx', bytes }, sha256, limits);
 * deck.pages[1]; // { page: 2, text: '分数的意义\n把一个整体平均分成几份……\n\n备注：先请学生折纸', … }
 */
export async function ingestPptx(
  file: InputFile,
  sha256: string,
  limits: { maxInflatedBytes: number; maxPages: number },
): Promise<IngestedDocument> {
  const zip = await openZip(file);
  await checkZipInflatedSize(file.name, zip, limits.maxInflatedBytes);
  const slidePaths = await slideOrder(file.name, zip);
  if (slidePaths.length > limits.maxPages) {
    throw new InputError(
      file.name,
      'too-large',
      `幻灯片有 ${slidePaths.length} 张，超过上限 ${limits.maxPages} 张；请只上传本课需要的部分`,
    );
  }
  const pages: IngestedPage[] = [];
  for (const [i, slidePath] of slidePaths.entries()) {
    const slide = await readXml(zip, slidePath);
    const hidden = slide?.getAttribute('show') === '0';
    const body = slide ? paragraphs(slide) : [];
    const notesPath = await notesOf(zip, slidePath);
    const notes = notesPath ? notesParagraphs(await readXml(zip, notesPath)) : [];
    const parts = [body.join('\n')];
    if (notes.length > 0) parts.push(`备注：${notes.join('\n')}`);
    const text = parts.filter((p) => p !== '').join('\n\n');
    const chars = countVisibleChars(text);
    pages.push({
      page: i + 1,
      text,
      // A slide of pictures only has nothing to read; it is not a scan to recognise.
      quality: chars > 0 ? 'good' : 'empty',
      chars,
      note: hidden ? '隐藏的幻灯片' : chars > 0 ? null : '这张幻灯片没有文字（可能只有图片）',
    });
  }
  if (!pages.some((p) => p.quality === 'good')) throw new InputError(file.name, 'empty', '幻灯片里没有文字（可能全是图片）');
  const empty = pages.filter((p) => p.quality === 'empty').map((p) => p.page);
  const warnings = empty.length > 0 ? [`第 ${empty.join('、')} 张幻灯片没有文字，已跳过`] : [];
  return { name: file.name, sha256, format: 'pptx', encoding: null, pageUnit: 'slide', pages, ocrPages: [], warnings };
}

async function openZip(file: InputFile): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(file.bytes);
  } catch (error) {
    throw new InputError(file.name, 'corrupt', 'PowerPoint 文件已损坏或不是 .pptx 格式，无法读取；请重新“另存为 .pptx”后上传', {
      cause: error,
    });
  }
}

async function readXml(zip: JSZip, path: string): Promise<XmlElement | null> {
  const entry = zip.file(path);
  if (!entry) return null;
  const xml = await entry.async('string');
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as XmlElement;
}

/** Slide part paths in presentation order: presentation.xml lists slide ids, its rels map them to parts. */
async function slideOrder(fileName: string, zip: JSZip): Promise<string[]> {
  const presentation = await readXml(zip, 'ppt/presentation.xml');
  const rels = await readXml(zip, 'ppt/_rels/presentation.xml.rels');
  if (!presentation || !rels) {
    throw new InputError(fileName, 'corrupt', '不是有效的 PowerPoint 文件（缺少 presentation.xml）；请重新“另存为 .pptx”后上传');
  }
  const targets = relationshipTargets(rels, 'ppt/');
  return Array.from(presentation.getElementsByTagName('p:sldId'))
    .map((id) => targets.get(id.getAttributeNS(REL_NS, 'id') ?? id.getAttribute('r:id') ?? ''))
    .filter((path): path is string => path !== undefined && zip.file(path) !== null);
}

/** Relationship id → part path, resolved against the folder of the part the rels belong to. */
function relationshipTargets(rels: XmlElement, base: string, type?: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of Array.from(rels.getElementsByTagName('Relationship'))) {
    if (type && rel.getAttribute('Type') !== type) continue;
    const target = rel.getAttribute('Target') ?? '';
    out.set(rel.getAttribute('Id') ?? '', resolvePart(base, target));
  }
  return out;
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

async function notesOf(zip: JSZip, slidePath: string): Promise<string | null> {
  const folder = slidePath.slice(0, slidePath.lastIndexOf('/') + 1);
  const name = slidePath.slice(folder.length);
  const rels = await readXml(zip, `${folder}_rels/${name}.rels`);
  if (!rels) return null;
  const [notes] = relationshipTargets(rels, folder, NOTES_REL).values();
  return notes ?? null;
}

/** The text of every `a:p` paragraph under `root`, runs joined, empty paragraphs dropped. */
function paragraphs(root: XmlElement): string[] {
  return Array.from(root.getElementsByTagName('a:p'))
    .map((p) =>
      Array.from(p.getElementsByTagName('a:t'))
        .map((t) => t.textContent ?? '')
        .join('')
        .trim(),
    )
    .filter((line) => line !== '');
}

/** Notes pages repeat the slide image and the slide number; only the body placeholder holds the notes. */
function notesParagraphs(root: XmlElement | null): string[] {
  if (!root) return [];
  const bodies = Array.from(root.getElementsByTagName('p:sp')).filter((shape) =>
    Array.from(shape.getElementsByTagName('p:ph')).some((ph) => ph.getAttribute('type') === 'body'),
  );
  return bodies.flatMap(paragraphs);
}
