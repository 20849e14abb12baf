import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders of pdfjs-dist that pdf.js reads at parse time: CJK CMaps and the standard (base-14) font data. */
export interface PdfjsAssets {
  /** `cmaps/`: the packed predefined CMaps (GBK-EUC-H, UniGB-UCS2-H, Adobe-GB1-UCS2 …). */
  cMapUrl: string;
  standardFontDataUrl: string;
  /** The pdfjs-dist version the folders belong to, so a test can check it is the one pdf-parse runs. */
  version: string;
}

let resolved: PdfjsAssets | null = null;

/**
 * The CMap and standard-font folders of the pdfjs-dist that pdf-parse itself
 * imports (resolved from pdf-parse's location, so a second pdfjs-dist
 * elsewhere in node_modules can never be picked by mistake). In Node pdf.js
 * reads these with `fs.readFile`, so they are plain paths, each with the
 * trailing slash pdf.js insists on. Without them a PDF whose text uses a
 * predefined CJK CMap (common in exam papers made by ilovepdf and Founder
 * tools) comes out as digits and Latin letters only, although pdftotext reads it.
 *
 * @example
 * const parser = new PDFParse({ data, ...pdfjsAssets(), cMapPacked: true });
 */
export function pdfjsAssets(): PdfjsAssets {
  if (resolved) return resolved;
  const pdfParseEntry = fileURLToPath(import.meta.resolve('pdf-parse'));
  const requireFromPdfParse = createRequire(pdfParseEntry);
  const manifest = requireFromPdfParse.resolve('pdfjs-dist/package.json');
  const root = path.dirname(manifest);
  const version = (requireFromPdfParse('pdfjs-dist/package.json') as { version: string }).version;
  resolved = {
    cMapUrl: `${path.join(root, 'cmaps')}${path.sep}`,
    standardFontDataUrl: `${path.join(root, 'standard_fonts')}${path.sep}`,
    version,
  };
  return resolved;
}
