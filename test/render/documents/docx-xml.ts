import JSZip from 'jszip';

/** A top-level block of a .docx body: a paragraph, or a whole table with its text. */
export interface Block {
  kind: 'p' | 'tbl';
  text: string;
  xml: string;
  pageBreakBefore: boolean;
}

const decode = (s: string) =>
  s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');

/** The visible text of an XML fragment: its w:t runs, with a space between paragraphs. */
export function textOf(xml: string): string {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1] ?? '')).join(''))
    .join(' ');
}

export async function readDocx(bytes: Uint8Array): Promise<{ document: string; styles: string; blocks: Block[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} missing from the .docx`);
    return file.async('string');
  };
  const document = await read('word/document.xml');
  const styles = await read('word/styles.xml');
  // Generated tables are never nested, so a lazy match finds each whole table before its inner paragraphs.
  const blocks = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g)].map(([xml]) => ({
    kind: xml.startsWith('<w:tbl>') ? ('tbl' as const) : ('p' as const),
    text: textOf(xml),
    xml,
    pageBreakBefore: xml.startsWith('<w:p') && /^<w:p[ >](?:(?!<\/w:pPr>)[\s\S])*<w:pageBreakBefore\/>/.test(xml),
  }));
  return { document, styles, blocks };
}

/** Index of the first block whose text equals `text` (or -1). */
export const indexOfText = (blocks: readonly Block[], text: string) => blocks.findIndex((b) => b.text === text);

export const count = (xml: string, pattern: RegExp) => [...xml.matchAll(new RegExp(pattern.source, 'g'))].length;
