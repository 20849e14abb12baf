import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { assessPageText, ingestDocument } from '../../src/ingest/index.js';
import { pdfjsAssets } from '../../src/ingest/pdf/pdfjs-assets.js';
import { normalizePdfPageText } from '../../src/ingest/pdf-text.js';
import { fixture, repoRoot } from './fixtures.js';

/**
 * PDFs whose Chinese text uses predefined CJK CMaps (UniGB-UCS2-H, GBK-EUC-H)
 * and no ToUnicode map: pdf.js reads them only when given pdfjs-dist's CMaps.
 * `cjk-cmap.pdf` is made by make-cjk-cmap-pdf.mjs, so CI tests this without the real files.
 */
describe('predefined CJK CMaps', () => {
  it('resolves the CMaps and standard fonts of the pdfjs-dist that pdf-parse runs', () => {
    const assets = pdfjsAssets();
    expect(fs.existsSync(path.join(assets.cMapUrl, 'GBK-EUC-H.bcmap'))).toBe(true);
    expect(fs.existsSync(path.join(assets.cMapUrl, 'UniGB-UCS2-H.bcmap'))).toBe(true);
    expect(fs.readdirSync(assets.standardFontDataUrl).some((f) => f.endsWith('.pfb'))).toBe(true);
    expect(assets.cMapUrl.endsWith(path.sep)).toBe(true);
    // The pdf.js pdf-parse imports, whatever else node_modules holds.
    const pdfParse = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/pdf-parse/package.json'), 'utf8'));
    expect(pdfParse.dependencies['pdfjs-dist']).toBe(assets.version);
  });

  it('reads both pages of the fixture cleanly', async () => {
    const doc = await ingestDocument(fixture('cjk-cmap.pdf'));
    expect(doc.pages.map((p) => p.quality)).toEqual(['good', 'good']);
    expect(doc.warnings).toEqual([]);
    expect(doc.pages[0]?.text).toContain('把一个整体平均分成几份，每份是它的几分之一。');
    expect(doc.pages[1]?.text).toContain('比较大小：二分之一和三分之一，哪个大？');
  });

  it('would get no Chinese out of the fixture without the CMaps (so the fixture proves they are passed)', async () => {
    const parser = new PDFParse({ data: new Uint8Array(fixture('cjk-cmap.pdf').bytes) });
    try {
      const { pages } = await parser.getText();
      expect(pages.map((p) => p.text).join('')).not.toContain('分数');
    } finally {
      await parser.destroy();
    }
  });
});

const realPdfDir = path.resolve(repoRoot, '../shared/realdata/pdf');
const pdftotextReadsCjk = (() => {
  try {
    // poppler needs poppler-data for predefined CMaps; without it pdftotext itself misreads these files.
    return execFileSync('pdftotext', [path.join(repoRoot, 'test/fixtures/ingest/cjk-cmap.pdf'), '-'], { encoding: 'utf8' }).includes(
      '分数',
    );
  } catch {
    return false;
  }
})();

describe.skipIf(!fs.existsSync(realPdfDir) || !pdftotextReadsCjk)('no page pdftotext reads cleanly is refused (real PDFs)', () => {
  const files = fs.existsSync(realPdfDir) ? fs.readdirSync(realPdfDir).filter((f) => f.endsWith('.pdf')) : [];
  it.each(files)('%s', async (name) => {
    const file = path.join(realPdfDir, name);
    const doc = await ingestDocument({ name, bytes: new Uint8Array(fs.readFileSync(file)) }, {}, { deferOcr: true });
    const reference = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f');
    const cleanInPdftotext = doc.pages.filter((p) => assessPageText(normalizePdfPageText(reference[p.page - 1] ?? '')).quality === 'good');
    expect(cleanInPdftotext.filter((p) => p.quality !== 'good').map((p) => p.page)).toEqual([]);
  });
});
