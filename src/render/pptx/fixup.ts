import JSZip from 'jszip';
import type { Theme } from './theme.js';

/**
 * Post-write fix-up (成品修整) of what pptxgenjs 4.0.1 writes in Node:
 * - `[Content_Types].xml` names a slideMaster part per slide though only one
 *   exists; strict readers reject parts that are missing, so overrides are
 *   kept only for parts in the package.
 * - a paragraph of several runs gets one `<a:pPr>` per run, which the schema
 *   forbids (PowerPoint offers to "repair" the file); only the first is kept.
 * - notes are one `en-US` run with line breaks inside it; they become one
 *   `zh-CN` paragraph per line in the theme's font.
 * - `compression` is ignored in Node, and each write stamps the time; the
 *   package is re-zipped with DEFLATE and fixed dates, so the same spec gives
 *   the same bytes (outputs are stored by content hash).
 */

/** The DOS epoch: zip entries carry a date, and a fixed one keeps the bytes reproducible. */
const ZIP_DATE = new Date(Date.UTC(1980, 0, 1));
/** No folder entries: OOXML packages have none, and JSZip would store them uncompressed. */
const ENTRY = { date: ZIP_DATE, createFolders: false };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function keepExistingOverrides(xml: string, parts: Set<string>): string {
  return xml.replace(/\s*<Override PartName="([^"]+)"[^>]*\/>/g, (override, name: string) =>
    parts.has(name.replace(/^\//, '')) ? override : '',
  );
}

function singleParagraphProps(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (_paragraph, inner: string) => {
    let seen = false;
    const body = inner.replace(/<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g, (pPr) => {
      if (seen) return '';
      seen = true;
      return pPr;
    });
    return `<a:p>${body}</a:p>`;
  });
}

function chineseNotes(xml: string, font: string): string {
  const face = escapeXml(font);
  const runProps = `<a:rPr lang="zh-CN" altLang="en-US" dirty="0"><a:latin typeface="${face}"/><a:ea typeface="${face}"/></a:rPr>`;
  return xml.replace(
    /<a:p><a:r><a:rPr lang="en-US" dirty="0"\/><a:t>([\s\S]*?)<\/a:t><\/a:r><a:endParaRPr lang="en-US" dirty="0"\/><\/a:p>/,
    (_paragraph, text: string) =>
      text
        .split(/\r?\n/)
        .map((line) => (line ? `<a:p><a:r>${runProps}<a:t>${line}</a:t></a:r></a:p>` : '<a:p><a:endParaRPr lang="zh-CN"/></a:p>'))
        .join(''),
  );
}

function withoutTimestamps(coreXml: string): string {
  return coreXml.replace(/\s*<dcterms:(created|modified)\b[^>]*>[^<]*<\/dcterms:\1>/g, '');
}

/**
 * Repairs and re-compresses a package written by pptxgenjs.
 *
 * @example
 * const bytes = await fixPackage((await pptx.write({ outputType: 'nodebuffer' })) as Uint8Array, theme);
 */
export async function fixPackage(written: Uint8Array, theme: Theme): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(written);
  const names = Object.keys(source.files).filter((name) => !source.files[name]?.dir);
  const parts = new Set(names);
  const out = new JSZip();
  const ordered = ['[Content_Types].xml', ...names.filter((name) => name !== '[Content_Types].xml')];
  for (const name of ordered) {
    const file = source.file(name);
    if (!file) continue;
    if (!name.endsWith('.xml')) {
      out.file(name, await file.async('uint8array'), ENTRY);
      continue;
    }
    let xml = await file.async('string');
    if (name === '[Content_Types].xml') xml = keepExistingOverrides(xml, parts);
    else if (name.startsWith('ppt/slides/'))
      xml = singleParagraphProps(xml).replace(/<a:endParaRPr lang="en-US"/g, '<a:endParaRPr lang="zh-CN"');
    else if (name.startsWith('ppt/notesSlides/')) xml = chineseNotes(xml, theme.fonts.body);
    else if (name === 'docProps/core.xml') xml = withoutTimestamps(xml);
    out.file(name, xml, ENTRY);
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
