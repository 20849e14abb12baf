import JSZip from 'jszip';

/**
 * Reads a rendered .pptx back (课件回读) the way a checker without PowerPoint
 * can: unzip, follow the package relationships to the slides in show order
 * and to each slide's notes, and pull out the DrawingML facts the deck
 * scorers judge — boxes, insets, paragraphs, run sizes, fonts, languages.
 * Patterns rather than a DOM: the deck always comes from our renderer, whose
 * XML shape is fixed, and the checks must stay fast enough for CI.
 */

export const EMU_PER_PT = 12700;

export interface Box {
  x: number;
  y: number;
  cx: number;
  cy: number;
}

export interface Paragraph {
  text: string;
  /** Left margin in EMU (bullets and numbers hang in it). */
  marL: number;
  /** Exact line pitch in points, or null when the paragraph uses the font's own. */
  lineSpacingPt: number | null;
  spaceBeforePt: number;
}

export interface Run {
  text: string;
  /** Hundredths of a point, as the XML stores it; null when the run inherits. */
  sz: number | null;
  lang: string | null;
  latin: string | null;
  ea: string | null;
}

export interface Shape {
  /** The object name (`title`, `body`, `link` for our text boxes; `Shape 3` for decoration). */
  name: string;
  box: Box;
  /** Null for shapes without a text body. */
  text: { insets: { l: number; t: number; r: number; b: number }; paragraphs: Paragraph[]; runs: Run[] } | null;
}

export interface DeckSlide {
  /** 1-based, in show order. */
  number: number;
  part: string;
  shapes: Shape[];
  /** The speaker notes (讲稿), one line per paragraph; null when the slide has no notes part. */
  notes: string | null;
}

export interface DeckReading {
  size: { cx: number; cy: number };
  slides: DeckSlide[];
}

const attr = (xml: string, name: string): string | null => new RegExp(`\\b${name}="([^"]*)"`).exec(xml)?.[1] ?? null;
const numberAttr = (xml: string, name: string, fallback: number): number => {
  const value = attr(xml, name);
  return value === null ? fallback : Number(value);
};

function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/giu, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/gu, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const textOf = (xml: string): string => decode([...xml.matchAll(/<a:t>([\s\S]*?)<\/a:t>/g)].map((m) => m[1]).join(''));

function paragraphOf(xml: string): Paragraph {
  const pPr = /<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/.exec(xml)?.[0] ?? '';
  const spacing = /<a:lnSpc><a:spcPts val="(\d+)"/.exec(pPr);
  const before = /<a:spcBef><a:spcPts val="(\d+)"/.exec(pPr);
  return {
    text: textOf(xml),
    marL: numberAttr(/<a:pPr\b[^>]*>/.exec(pPr)?.[0] ?? '', 'marL', 0),
    lineSpacingPt: spacing ? Number(spacing[1]) / 100 : null,
    spaceBeforePt: before ? Number(before[1]) / 100 : 0,
  };
}

function runsOf(xml: string): Run[] {
  return [...xml.matchAll(/<a:r>([\s\S]*?)<\/a:r>/g)].map((m) => {
    const run = m[1] as string;
    const rPr = /<a:rPr\b([^>]*?)(?:\/>|>([\s\S]*?)<\/a:rPr>)/.exec(run);
    const props = rPr?.[1] ?? '';
    const inner = rPr?.[2] ?? '';
    const sz = attr(props, 'sz');
    return {
      text: textOf(run),
      sz: sz === null ? null : Number(sz),
      lang: attr(props, 'lang'),
      latin: attr(/<a:latin\b[^>]*>/.exec(inner)?.[0] ?? '', 'typeface'),
      ea: attr(/<a:ea\b[^>]*>/.exec(inner)?.[0] ?? '', 'typeface'),
    };
  });
}

function shapeOf(sp: string): Shape {
  const off = /<a:off\b[^>]*>/.exec(sp)?.[0] ?? '';
  const ext = /<a:ext\b[^>]*>/.exec(sp)?.[0] ?? '';
  const box = { x: numberAttr(off, 'x', 0), y: numberAttr(off, 'y', 0), cx: numberAttr(ext, 'cx', 0), cy: numberAttr(ext, 'cy', 0) };
  const name = attr(/<p:cNvPr\b[^>]*>/.exec(sp)?.[0] ?? '', 'name') ?? '';
  const body = /<p:txBody>([\s\S]*?)<\/p:txBody>/.exec(sp)?.[1];
  if (body === undefined) return { name, box, text: null };
  const bodyPr = /<a:bodyPr\b[^>]*>/.exec(body)?.[0] ?? '';
  return {
    name,
    box,
    text: {
      // OOXML's defaults when the attributes are absent: 0.1 in left and right, 0.05 in top and bottom.
      insets: {
        l: numberAttr(bodyPr, 'lIns', 91440),
        t: numberAttr(bodyPr, 'tIns', 45720),
        r: numberAttr(bodyPr, 'rIns', 91440),
        b: numberAttr(bodyPr, 'bIns', 45720),
      },
      paragraphs: [...body.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((p) => paragraphOf(p[1] as string)),
      runs: runsOf(body),
    },
  };
}

/** Relationship targets of a part, by id and by type suffix, resolved against the part's folder. */
async function relationships(zip: JSZip, part: string): Promise<{ id: string; type: string; target: string }[]> {
  const folder = part.slice(0, part.lastIndexOf('/'));
  const file = zip.file(`${folder}/_rels/${part.slice(folder.length + 1)}.rels`);
  if (!file) return [];
  const xml = await file.async('string');
  return [...xml.matchAll(/<Relationship\b[^>]*\/?>/g)].map((m) => {
    const target = attr(m[0], 'Target') ?? '';
    const resolved = target.startsWith('/') ? target.slice(1) : normalizePath(`${folder}/${target}`);
    return { id: attr(m[0], 'Id') ?? '', type: (attr(m[0], 'Type') ?? '').split('/').pop() ?? '', target: resolved };
  });
}

function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.') out.push(part);
  }
  return out.join('/');
}

/** The notes body placeholder's text, one line per paragraph (the slide-number field is not part of it). */
function notesText(xml: string): string {
  const body = [...xml.matchAll(/<p:sp>([\s\S]*?)<\/p:sp>/g)].map((m) => m[1] as string).find((sp) => /<p:ph\b[^>]*type="body"/.test(sp));
  if (!body) return '';
  return [...body.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)]
    .map((p) => textOf(p[1] as string))
    .join('\n')
    .trim();
}

/**
 * Opens a .pptx and reads every slide in show order.
 *
 * @example
 * const deck = await readDeck(await store.get(results.C3.sha256));
 * deck.slides[0].shapes.find((s) => s.name === 'title')?.text?.runs[0]?.sz // 4400
 */
export async function readDeck(bytes: Uint8Array): Promise<DeckReading> {
  const zip = await JSZip.loadAsync(bytes);
  const presentation = zip.file('ppt/presentation.xml');
  if (!presentation) throw new Error('不是演示文稿：缺少 ppt/presentation.xml');
  const xml = await presentation.async('string');
  const sizeTag = /<p:sldSz\b[^>]*>/.exec(xml)?.[0] ?? '';
  const size = { cx: numberAttr(sizeTag, 'cx', 12192000), cy: numberAttr(sizeTag, 'cy', 6858000) };
  const rels = await relationships(zip, 'ppt/presentation.xml');
  const order = [...xml.matchAll(/<p:sldId\b[^>]*>/g)].map((m) => attr(m[0], 'r:id') ?? '');
  const slides: DeckSlide[] = [];
  for (const [i, id] of order.entries()) {
    const part = rels.find((rel) => rel.id === id)?.target;
    const file = part ? zip.file(part) : null;
    if (!part || !file) throw new Error(`演示文稿缺少第 ${i + 1} 页（${id}）`);
    const slideXml = await file.async('string');
    const notesPart = (await relationships(zip, part)).find((rel) => rel.type === 'notesSlide')?.target;
    const notesFile = notesPart ? zip.file(notesPart) : null;
    slides.push({
      number: i + 1,
      part,
      shapes: [...slideXml.matchAll(/<p:sp>([\s\S]*?)<\/p:sp>/g)].map((m) => shapeOf(m[1] as string)),
      notes: notesFile ? notesText(await notesFile.async('string')) : null,
    });
  }
  return { size, slides };
}

/** The text a reader sees on a slide: its text boxes, in drawing order, one line per paragraph. */
export function slideText(slide: DeckSlide): string {
  return slide.shapes.flatMap((shape) => shape.text?.paragraphs.map((p) => p.text) ?? []).join('\n');
}
