/**
 * Materials benchmarks for `npm run bench`: OCR seconds per page against the
 * tesseract CLI on the same page images, character accuracy on pages whose
 * text is known, .docx parse time, a CJK-CMap PDF against pdftotext, and how
 * fast hostile files are refused. Nothing here fails on a slow machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { ingestDocument } from '../../src/ingest/index.js';
import { cleanOcrText } from '../../src/ingest/ocr/clean.js';
import { pdfOnDisk, preparePhoto, renderPdfPage } from '../../src/ingest/ocr/page-images.js';
import { tesseractOcr } from '../../src/ingest/ocr/tesseract-ocr.js';
import { ParsePool } from '../../src/ingest/worker/pool.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { hugePng, pdfBomb } from '../ingest/bombs.js';
import { charAccuracy, textImage } from '../ingest/images.js';
import { teacherGuideDocx } from '../ingest/office-files.js';

type Report = (label: string, value: string) => void;

const REAL = path.resolve(PACKAGE_ROOT, '../shared/realdata/pdf');
const KNOWN_PAGES = [
  ['第三单元 分数的初步认识', '把一个整体平均分成几份，每份是它的几分之一。', '例1 把一块蛋糕平均分成4份，每份是它的四分之一。'],
  ['练习十八', '1. 用分数表示图中的涂色部分。', '2. 比较大小：二分之一和三分之一，哪个大？', '3. 一张纸对折两次，每份是这张纸的几分之几？'],
  ['静夜思', '床前明月光，疑是地上霜。', '举头望明月，低头思故乡。', '这首诗写出了诗人对故乡的思念。'],
];

function hasTesseractCli(): boolean {
  return spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout?.includes('chi_sim') ?? false;
}

function tesseractCli(png: string): string {
  return execFileSync('tesseract', [png, '-', '-l', 'chi_sim+eng', '--psm', '3'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

export async function benchMaterials(report: Report): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-bench-materials-'));
  const engine = tesseractOcr();
  const cli = hasTesseractCli();
  const signal = new AbortController().signal;
  try {
    // 1. OCR on real scanned pages (or the known pages when the real ones are absent).
    const scan = path.join(REAL, '湘文艺版_音乐七下_第一单元_scanned_p8-11.pdf');
    const pages: { png: Uint8Array; label: string }[] = [];
    if (fs.existsSync(scan)) {
      const onDisk = await pdfOnDisk(new Uint8Array(fs.readFileSync(scan)));
      for (let page = 1; page <= 4; page++) pages.push({ png: await renderPdfPage(onDisk.path, 'scan.pdf', page), label: `scan p${page}` });
      await onDisk.dispose();
    }
    for (const [i, lines] of KNOWN_PAGES.entries()) pages.push({ png: new Uint8Array(await textImage(lines)), label: `known ${i + 1}` });
    await engine.recognise(pages.at(-1)!.png, signal); // model load, not counted
    let jsMs = 0;
    let cliMs = 0;
    const scanned = pages.filter((p) => p.label.startsWith('scan'));
    for (const page of scanned) {
      let start = performance.now();
      await engine.recognise(page.png, signal);
      jsMs += performance.now() - start;
      if (cli) {
        const file = path.join(dir, `${page.label}.png`);
        fs.writeFileSync(file, page.png);
        start = performance.now();
        tesseractCli(file);
        cliMs += performance.now() - start;
      }
    }
    if (scanned.length > 0) {
      report(
        `OCR, tesseract.js chi_sim+eng, real scanned pages (${scanned.length})`,
        `${(jsMs / scanned.length / 1000).toFixed(1)} s/page`,
      );
      report(
        '  tesseract CLI on the same page images (reference)',
        cli ? `${(cliMs / scanned.length / 1000).toFixed(1)} s/page` : 'not installed',
      );
      if (cli) report('  ratio: tesseract.js / CLI', `${(jsMs / cliMs).toFixed(2)}×`);
    }

    // 2. Character accuracy where the true text is known: clean pictures, and a phone-style JPEG stored sideways.
    const accuracy = async (png: Uint8Array, lines: string[]) =>
      charAccuracy(lines.join(''), cleanOcrText((await engine.recognise(png, signal)).text));
    const cliAccuracy = (png: Uint8Array, lines: string[], name: string) => {
      const file = path.join(dir, `${name}.png`);
      fs.writeFileSync(file, png);
      return charAccuracy(lines.join(''), cleanOcrText(tesseractCli(file)));
    };
    const ours: number[] = [];
    const theirs: number[] = [];
    for (const [i, lines] of KNOWN_PAGES.entries()) {
      const png = pages.find((p) => p.label === `known ${i + 1}`)!.png;
      ours.push(await accuracy(png, lines));
      if (cli) theirs.push(cliAccuracy(png, lines, `known${i}`));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    report(`OCR character accuracy, ${KNOWN_PAGES.length} pages of known text`, `${(mean(ours) * 100).toFixed(1)}%`);
    if (cli) report('  tesseract CLI on the same pages (reference)', `${(mean(theirs) * 100).toFixed(1)}%`);
    const photo = await sharp(await textImage(KNOWN_PAGES[0]!, { fontSize: 90 }))
      .rotate(-90)
      .jpeg({ quality: 70 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    report(
      '  a sideways phone-style JPEG (EXIF orientation 6)',
      `${((await accuracy(await preparePhoto(photo, 'photo.jpg', 60_000_000), KNOWN_PAGES[0]!)) * 100).toFixed(1)}%`,
    );

    // 3. Word parse time.
    const docx = await teacherGuideDocx();
    await ingestDocument({ name: '教参.docx', bytes: docx });
    const runs = 10;
    let start = performance.now();
    for (let i = 0; i < runs; i++) await ingestDocument({ name: '教参.docx', bytes: docx });
    report('.docx parse (a 教参 with headings, a list and a table)', `${((performance.now() - start) / runs).toFixed(1)} ms`);

    // 4. A PDF in predefined CJK CMaps against pdftotext (with poppler-data).
    const exam = path.join(REAL, '2018上海中考数学试题及解析_p1-5.pdf');
    const cjk = fs.existsSync(exam) ? exam : path.join(PACKAGE_ROOT, 'test/fixtures/ingest/cjk-cmap.pdf');
    const bytes = new Uint8Array(fs.readFileSync(cjk));
    const doc = await ingestDocument({ name: path.basename(cjk), bytes });
    start = performance.now();
    for (let i = 0; i < 5; i++) await ingestDocument({ name: path.basename(cjk), bytes });
    const oursMs = (performance.now() - start) / 5;
    start = performance.now();
    for (let i = 0; i < 5; i++) spawnSync('pdftotext', ['-q', cjk, '-']);
    const refMs = (performance.now() - start) / 5;
    report(
      `PDF in CJK CMaps, ${path.basename(cjk)} (${doc.pages.length} pages)`,
      `${(doc.pages.length / (oursMs / 1000)).toFixed(0)} pages/s (${oursMs.toFixed(0)} ms)`,
    );
    report(
      '  pdftotext on the same file (reference)',
      `${(doc.pages.length / (refMs / 1000)).toFixed(0)} pages/s (${refMs.toFixed(0)} ms)`,
    );

    // 5. Hostile files: how long refusing them takes in the parse pool.
    const pool = new ParsePool({ size: 2 });
    try {
      await pool.parse({ name: 'warm.txt', bytes: new TextEncoder().encode('预热') });
      start = performance.now();
      await pool.parse({ name: 'bomb.pdf', bytes: pdfBomb(1.1 * 1024 ** 3) }).catch(() => {});
      report('PDF bomb (1.1 MB → 1.1 GB) refused in', `${(performance.now() - start).toFixed(0)} ms`);
      start = performance.now();
      await pool.parse({ name: 'huge.png', bytes: hugePng(10_000, 10_000) }).catch(() => {});
      report('100-megapixel PNG refused in', `${(performance.now() - start).toFixed(0)} ms`);
    } finally {
      await pool.close();
    }
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
