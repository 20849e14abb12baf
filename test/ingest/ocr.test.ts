import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { ingestDocument } from '../../src/ingest/document.js';
import { sha256Hex } from '../../src/ingest/file-type.js';
import { MaterialLibrary } from '../../src/ingest/library/library.js';
import { cleanOcrText } from '../../src/ingest/ocr/clean.js';
import type { OcrEngine } from '../../src/ingest/ocr/engine.js';
import { OCR_LONG_SIDE, preparePhoto } from '../../src/ingest/ocr/page-images.js';
import { tesseractOcr } from '../../src/ingest/ocr/tesseract-ocr.js';
import { FileStore } from '../../src/store/file-store.js';
import { expectInputError, repoRoot } from './fixtures.js';
import { charAccuracy, textImage } from './images.js';

const KNOWN = ['第三单元 分数的初步认识', '把一个整体平均分成几份，', '每份是它的几分之一。', '例1 把一块蛋糕平均分成4份。'];

describe('cleanOcrText', () => {
  it('removes the spaces tesseract puts between Chinese characters and widens their punctuation', () => {
    expect(cleanOcrText('分 数 的 意 义 , 要 记 住 !')).toBe('分数的意义，要记住！');
  });

  it('keeps spaces between Latin words and around numbers in English', () => {
    expect(cleanOcrText('Unit 3 My friends')).toBe('Unit 3 My friends');
  });

  it('joins a sentence the printed line broke, keeps headings and numbered items on their own lines', () => {
    const raw = [
      '一 、 分 数 的 意 义',
      '把 一 个 整 体 平 均 分 成 几 份 ， 每 份 是 它 的',
      '几 分 之 一 ， 这 样 的 数 叫 做 分 数 ， 分 数 线',
      '上 面 的 数 叫 做 分 子 ， 下 面 的 数 叫 做 分 母 。',
      '1. 下 面 哪 个 是 分 数 ?',
      '2. 写 出 图 中 涂 色 部 分 的 分 数 。',
    ].join('\n');
    const clean = cleanOcrText(raw).split('\n');
    expect(clean[0]).toBe('一、分数的意义');
    expect(clean[1]).toBe('把一个整体平均分成几份，每份是它的几分之一，这样的数叫做分数，分数线上面的数叫做分子，下面的数叫做分母。');
    expect(clean).toContain('1.下面哪个是分数？');
  });
});

/** One tesseract engine for the file: starting it loads 20 MB of models. Counts its pages. */
let engine: OcrEngine & { pages: number };
beforeAll(() => {
  const real = tesseractOcr();
  engine = {
    id: real.id,
    pages: 0,
    recognise(png, signal) {
      engine.pages++;
      return real.recognise(png, signal);
    },
    close: real.close,
  };
});
afterAll(async () => {
  await engine.close();
});

describe('tesseract.js with the Chinese and English models from npm', () => {
  it('reads a picture of known Chinese text', async () => {
    const result = await engine.recognise(await textImage(KNOWN), new AbortController().signal);
    const text = cleanOcrText(result.text);
    // Measured accuracy is reported by `npm run bench`; here it must be clearly a reading, not noise.
    expect(charAccuracy(KNOWN.join(''), text)).toBeGreaterThan(0.9);
    expect(text).toContain('几分之一');
    expect(result.confidence).toBeGreaterThan(60);
  });

  it('turns a phone photo upright by its EXIF orientation and scales a large one down', async () => {
    // Stored sideways with orientation 6 (rotate 90° clockwise to view), as phones store portrait photos.
    const upright = await textImage(KNOWN, { fontSize: 120 });
    const sideways = await sharp(upright).rotate(-90).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const png = await preparePhoto(sideways, '课本.jpg', 60_000_000);
    const meta = await sharp(png).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(OCR_LONG_SIDE);
    expect(meta.width).toBeGreaterThan(meta.height ?? 0);
    const result = await engine.recognise(png, new AbortController().signal);
    // Read sideways, the same picture gives next to nothing of the text.
    expect(charAccuracy(KNOWN.join(''), cleanOcrText(result.text))).toBeGreaterThan(0.8);
  });

  it('refuses to decode an image over the pixel limit', async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const error = await expectInputError(() => preparePhoto(big, '大图.png', 10_000_000), 'limit-exceeded');
    expect(error.message).toContain('大图.png');
    expect(error.message).toContain('1000 万');
  });

  it.skipIf(!canIsolateNetwork())('needs no network: recognises inside a network namespace with no interfaces up', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-offline-'));
    const script = path.join(dir, 'offline.mts');
    fs.writeFileSync(
      script,
      [
        `import { tesseractOcr } from ${JSON.stringify(path.join(repoRoot, 'src/ingest/ocr/tesseract-ocr.ts'))};`,
        `import { textImage } from ${JSON.stringify(path.join(repoRoot, 'test/ingest/images.ts'))};`,
        'const engine = tesseractOcr();',
        `const result = await engine.recognise(await textImage(${JSON.stringify(KNOWN)}), new AbortController().signal);`,
        'console.log(result.text.replace(/\\s+/g, ""));',
        'await engine.close();',
      ].join('\n'),
    );
    const out = execFileSync('unshare', ['-rn', process.execPath, '--import', 'tsx/esm', script], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(out).toContain('几分之一');
  });
});

describe('the material library recognises in the background, once per file', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-ocrlib-'));
  const db = openDatabase(path.join(dataDir, 'lessonprep.sqlite'));
  const store = new FileStore(db, path.join(dataDir, 'files'));
  const library = new MaterialLibrary({
    db,
    files: store,
    parse: (file, limits) => ingestDocument(file, limits, { deferOcr: true }),
    ocr: () => engine,
    ocrId: 'tesseract',
    minConfidence: 60,
  });
  afterAll(async () => {
    await library.close();
    db.$client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers an upload at once as recognising, then has the text with its page and confidence', async () => {
    const bytes = new Uint8Array(await textImage(KNOWN));
    const added = await library.add({ name: '课本第5页.png', bytes });
    expect(added.state).toMatchObject({ status: 'recognising', pagesTotal: 1 });
    expect(added.document.pages[0]?.quality).toBe('empty');

    const document = await library.ingest({ name: '课本第5页.png', bytes });
    expect(library.state(document.sha256)).toMatchObject({ status: 'ready', pagesDone: 1, pagesTotal: 1, error: null });
    expect(document.pages).toHaveLength(1);
    expect(document.pages[0]).toMatchObject({ page: 1, quality: 'good' });
    expect(document.pages[0]?.ocrConfidence).toBeGreaterThan(60);
    expect(document.pages[0]?.text).toContain('几分之一');
    expect(document.ocrPages).toEqual([]);
  });

  it('recognises a file once: the same bytes under another name are read from the cache', async () => {
    const bytes = new Uint8Array(await textImage(['练习十八', '比较大小：二分之一和三分之一']));
    await library.ingest({ name: 'a.png', bytes });
    const before = engine.pages;
    const again = await library.add({ name: '另一个名字.png', bytes });
    expect(again.state.status).toBe('ready');
    expect(again.document.name).toBe('另一个名字.png');
    expect(again.document.pages[0]?.text).toContain('二分之一');
    expect(engine.pages).toBe(before);
  });

  it('an empty recognition is an error naming the file; nothing else is lost', async () => {
    const blank = new Uint8Array(
      await sharp({ create: { width: 800, height: 600, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    await library.add({ name: '空白.png', bytes: blank });
    const error = await expectInputError(() => library.ingest({ name: '空白.png', bytes: blank }), 'no-text');
    expect(error.message).toContain('空白.png');
    expect(library.state(sha256Hex(blank))?.status).toBe('failed');
    // Uploaded again, it is refused at once instead of being attached to fail a run.
    expect((await expectInputError(() => library.add({ name: '又一张.png', bytes: blank }), 'no-text')).message).toContain('又一张.png');
    // The files read before it are untouched.
    expect(library.state(sha256Hex(new Uint8Array(await textImage(KNOWN))))?.status).toBe('ready');
  });
});

function canIsolateNetwork(): boolean {
  try {
    execFileSync('unshare', ['-rn', 'true']);
    return true;
  } catch {
    return false;
  }
}
