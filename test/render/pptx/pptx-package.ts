import JSZip from 'jszip';

/**
 * Reads a .pptx the way a checker without PowerPoint can: the zip's own
 * directory (for compression methods) and the XML parts, with the few
 * DrawingML facts the deck tests assert on pulled out by pattern.
 */

export const EMU_PER_PT = 12700;
export const SLIDE_EMU = { cx: 12192000, cy: 6858000 };

/** Name and compression method (0 stored, 8 DEFLATE) of every entry, from the zip's central directory. */
export function zipEntries(bytes: Uint8Array): { name: string; method: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: { name: string; method: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const method = view.getUint16(at + 10, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, method });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

export interface Paragraph {
  text: string;
  marL: number;
  lineSpacingPt: number | null;
  spaceBeforePt: number;
  pPrCount: number;
  pPrFirst: boolean;
}

export interface Run {
  lang: string | null;
  sz: number | null;
  latin: string | null;
  ea: string | null;
}

export interface TextShape {
  name: string;
  off: { x: number; y: number };
  ext: { cx: number; cy: number };
  insets: { l: number; t: number; r: number; b: number };
  paragraphs: Paragraph[];
  runs: Run[];
}

const attr = (xml: string, name: string): string | null => new RegExp(`\\b${name}="([^"]*)"`).exec(xml)?.[1] ?? null;
const num = (xml: string, name: string, fallback: number): number => Number(attr(xml, name) ?? fallback);

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function paragraphOf(xml: string): Paragraph {
  const pPrs = [...xml.matchAll(/<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g)];
  const pPr = pPrs[0]?.[0] ?? '';
  const spacing = /<a:lnSpc><a:spcPts val="(\d+)"/.exec(pPr);
  const before = /<a:spcBef><a:spcPts val="(\d+)"/.exec(pPr);
  return {
    text: decode([...xml.matchAll(/<a:t>([\s\S]*?)<\/a:t>/g)].map((m) => m[1]).join('')),
    marL: num(/<a:pPr\b[^>]*>/.exec(pPr)?.[0] ?? '', 'marL', 0),
    lineSpacingPt: spacing ? Number(spacing[1]) / 100 : null,
    spaceBeforePt: before ? Number(before[1]) / 100 : 0,
    pPrCount: pPrs.length,
    pPrFirst: pPrs.length === 0 || xml.startsWith('<a:pPr'),
  };
}

/** Text boxes (shapes with a text body) of a slide part, in drawing order. */
export function textShapes(slideXml: string): TextShape[] {
  return [...slideXml.matchAll(/<p:sp>([\s\S]*?)<\/p:sp>/g)]
    .map((m) => m[1] as string)
    .filter((sp) => sp.includes('<p:txBody>'))
    .map((sp) => {
      const bodyPr = /<a:bodyPr\b[^>]*>/.exec(sp)?.[0] ?? '';
      return {
        name: attr(/<p:cNvPr\b[^>]*>/.exec(sp)?.[0] ?? '', 'name') ?? '',
        off: { x: num(/<a:off\b[^>]*>/.exec(sp)?.[0] ?? '', 'x', 0), y: num(/<a:off\b[^>]*>/.exec(sp)?.[0] ?? '', 'y', 0) },
        ext: { cx: num(/<a:ext\b[^>]*>/.exec(sp)?.[0] ?? '', 'cx', 0), cy: num(/<a:ext\b[^>]*>/.exec(sp)?.[0] ?? '', 'cy', 0) },
        // OOXML's default insets: 0.1 in left and right, 0.05 in top and bottom.
        insets: {
          l: num(bodyPr, 'lIns', 91440),
          t: num(bodyPr, 'tIns', 45720),
          r: num(bodyPr, 'rIns', 91440),
          b: num(bodyPr, 'bIns', 45720),
        },
        paragraphs: [...sp.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((p) => paragraphOf(p[1] as string)),
        runs: [...sp.matchAll(/<a:rPr\b([^>]*?)(?:\/>|>([\s\S]*?)<\/a:rPr>)/g)].map((r) => ({
          lang: attr(r[1] ?? '', 'lang'),
          sz: attr(r[1] ?? '', 'sz') === null ? null : Number(attr(r[1] ?? '', 'sz')),
          latin: attr(/<a:latin\b[^>]*>/.exec(r[2] ?? '')?.[0] ?? '', 'typeface'),
          ea: attr(/<a:ea\b[^>]*>/.exec(r[2] ?? '')?.[0] ?? '', 'typeface'),
        })),
      };
    });
}

/** Every `<a:off>`/`<a:ext>` pair of a part (shapes and the group frame). */
export function boxes(xml: string): { x: number; y: number; cx: number; cy: number }[] {
  return [...xml.matchAll(/<a:off x="(-?\d+)" y="(-?\d+)"\/><a:ext cx="(-?\d+)" cy="(-?\d+)"\/>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    cx: Number(m[3]),
    cy: Number(m[4]),
  }));
}

export interface Deck {
  zip: JSZip;
  names: string[];
  text(name: string): Promise<string>;
  /** ppt/slides/slideN.xml in slide order. */
  slides: string[];
}

export async function openDeck(bytes: Uint8Array): Promise<Deck> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]?.dir);
  const slides = names
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]));
  return {
    zip,
    names,
    slides,
    text: async (name) => {
      const file = zip.file(name);
      if (!file) throw new Error(`missing part ${name}`);
      return file.async('string');
    },
  };
}

/** A slide's relationships, target by type suffix. */
export async function relsOf(deck: Deck, slide: string): Promise<{ type: string; target: string; mode: string | null }[]> {
  const name = slide.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels');
  const xml = await deck.text(name);
  return [...xml.matchAll(/<Relationship\b[^>]*\/>/g)].map((m) => ({
    type: (attr(m[0], 'Type') ?? '').split('/').pop() ?? '',
    target: decode(attr(m[0], 'Target') ?? ''),
    mode: attr(m[0], 'TargetMode'),
  }));
}
