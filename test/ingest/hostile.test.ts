import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { ingestDocument } from '../../src/ingest/document.js';
import { preparePhoto } from '../../src/ingest/ocr/page-images.js';
import { recogniseDocument } from '../../src/ingest/ocr/recognise.js';
import { MAX_XML_DEPTH } from '../../src/ingest/office/zip-guard.js';
import { ingestTranscript, MAX_CUE_CHARS } from '../../src/ingest/transcript.js';
import { asInputError } from '../../src/ingest/unexpected.js';
import {
  handmadeDocx,
  heicPhoto,
  hugePng,
  manyCuesVtt,
  nestedTables,
  passwordProtectedOoxml,
  pdfWithImage,
  truncatedPng,
  wordParagraph,
} from './bombs.js';
import { expectInputError, textFile } from './fixtures.js';

const hasSoffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Careless and hostile files found by trying the product with files the
 * repository did not contain (issue 11). Each was a stack trace, an HTTP 500,
 * a wrong message or a silent acceptance before; each is now refused (or read)
 * with a message that names the file and says what to do.
 */
describe('careless and hostile files', () => {
  it('reads 150,000 cues (Math.max over them as arguments overflowed the stack: HTTP 500)', () => {
    const transcript = ingestTranscript(textFile('长字幕.vtt', manyCuesVtt(150_000)));
    expect(transcript.cues).toHaveLength(150_000);
    expect(transcript.durationSec).toBe(150_000);
  });

  it('skips a cue that holds a whole text, and refuses a file of nothing else', async () => {
    const long = '分数的意义。'.repeat(MAX_CUE_CHARS / 5);
    const srt = `1\n00:00:01,000 --> 00:00:03,000\n同学们好\n\n2\n00:00:04,000 --> 00:00:09,000\n${long}\n\n3\n00:00:10,000 --> 00:00:12,000\n请坐\n`;
    const transcript = ingestTranscript(textFile('课堂.srt', srt));
    expect(transcript.cues.map((c) => c.text)).toEqual(['同学们好', '请坐']);
    expect(transcript.warnings.join('')).toContain(`1 条字幕每条超过 ${MAX_CUE_CHARS} 字`);
    const error = await expectInputError(
      () => ingestTranscript(textFile('一行.srt', `1\n00:00:00,000 --> 00:00:05,000\n${long}\n`)),
      'no-cues',
    );
    expect(error.message).toMatch(/^一行\.srt: 没有找到可用的字幕条目/);
  });

  it('refuses a text file of more sections than the page limit, before cutting a huge one', async () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `第${i + 1}段：${'把一个整体平均分成几份。'.repeat(130)}`).join('\n\n');
    const many = await expectInputError(() => ingestDocument(textFile('教参.txt', paragraphs), { maxPages: 5 }), 'too-large');
    expect(many.message).toMatch(/^教参\.txt: 文件有约 \d+ 节.*超过上限 5 节/);
    const oneLine = await expectInputError(() => ingestDocument(textFile('一行.txt', 'a'.repeat(50_000)), { maxPages: 5 }), 'too-large');
    expect(oneLine.message).toContain('最多 5 节');
  });

  it('drops a few stray NUL bytes with a warning; a file of mostly NULs is not text', async () => {
    const stray = Buffer.concat([Buffer.from('教学重点：分数的意义。\n'), Buffer.alloc(3), Buffer.from('把一个整体平均分成几份。\0\n')]);
    const doc = await ingestDocument({ name: '教案.txt', bytes: new Uint8Array(stray) });
    expect(doc.pages[0]?.text).toBe('教学重点：分数的意义。\n把一个整体平均分成几份。');
    expect(doc.warnings).toEqual(['文件里有 4 个空字节（NUL，常见于没写完或损坏的文件），已去掉；请核对内容是否完整']);
    const binary = Buffer.concat(Array.from({ length: 50 }, () => Buffer.concat([Buffer.from('分数'), Buffer.alloc(10)])));
    await expectInputError(() => ingestDocument({ name: '数据.txt', bytes: new Uint8Array(binary) }), 'encoding');
  });

  it('names an iPhone photo as HEIC and says to save it as JPG, by extension or by content', async () => {
    for (const name of ['IMG_0001.HEIC', 'IMG_0001.jpg']) {
      const error = await expectInputError(() => ingestDocument({ name, bytes: new Uint8Array(heicPhoto()) }), 'unsupported-type');
      expect(error.message).toContain(`${name}: 这是 HEIC/HEIF 格式的照片`);
      expect(error.message).toContain('JPG');
    }
    const gif = await expectInputError(() => ingestDocument(textFile('动图.gif', 'GIF89a')), 'unsupported-type');
    expect(gif.message).toContain('GIF 图片（包括动图）目前不支持');
  });

  it('refuses a 1×1 picture before OCR, and names a truncated photo as an incomplete or broken file', async () => {
    const tiny = await expectInputError(() => ingestDocument({ name: '缩略图.png', bytes: new Uint8Array(hugePng(1, 1)) }), 'no-text');
    expect(tiny.message).toContain('图片只有 1×1 像素');

    // The header is whole (so the upload is accepted and queued for OCR); the image data stops a third of the way.
    const cut = { name: '课本第5页.png', bytes: new Uint8Array(truncatedPng(2000, 2000, 3000)) };
    const parsed = await ingestDocument(cut, {}, { deferOcr: true });
    expect(parsed.ocrPages).toEqual([1]);
    await expectInputError(() => preparePhoto(cut.bytes, cut.name, 60_000_000), 'corrupt');
    const never = {
      id: 'unreached',
      recognise: () => Promise.reject(new Error('an image that does not decode never reaches the engine')),
      close: async () => {},
    };
    const error = await expectInputError(
      () =>
        recogniseDocument(cut, parsed, {
          engine: never,
          limits: { maxPixels: 60_000_000, maxOcrPages: 10 },
          pageTimeoutMs: 60_000,
          minConfidence: 60,
        }),
      'corrupt',
    );
    expect(error.message).toMatch(/^课本第5页\.png: 图片/);
    expect(error.message).not.toContain('稍后重试');
  });

  it('says a password-protected .docx is encrypted, not an old Word file', async () => {
    const error = await expectInputError(
      () => ingestDocument({ name: '教案.docx', bytes: new Uint8Array(passwordProtectedOoxml()) }),
      'encrypted',
    );
    expect(error.message).toContain('教案.docx: 文件设置了打开密码');
  });

  it('refuses a .docx that declares entities (XXE, billion laughs) without reading them', async () => {
    const dtd =
      '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    const bytes = await handmadeDocx(`${wordParagraph('教学重点')}${wordParagraph('&xxe;')}${wordParagraph('&b;')}`, dtd);
    const error = await expectInputError(() => ingestDocument({ name: '教参.docx', bytes }), 'corrupt');
    expect(error.message).toContain('教参.docx: 文件的 word/document.xml 里有 DTD 实体声明');
    expect(error.message).not.toContain('root:');
  });

  it('refuses tables nested past the limit by name (mammoth ran out of stack), and reads ordinary nesting', async () => {
    const deep = await handmadeDocx(`${wordParagraph('教学重点')}${nestedTables(1000, '最里层')}`);
    const error = await expectInputError(() => ingestDocument({ name: '表格.docx', bytes: deep }), 'corrupt');
    expect(error.message).toContain(`表格.docx: 文件的 word/document.xml 嵌套超过 ${MAX_XML_DEPTH} 层`);
    const ordinary = await ingestDocument({ name: '表格.docx', bytes: await handmadeDocx(nestedTables(5, '教学重点：分数的意义')) });
    expect(ordinary.pages[0]?.text).toContain('分数的意义');
  });

  it('refuses a scan whose image pdftoppm would have to decode at 400 megapixels; the same image under a text layer is read', async () => {
    const scan = { name: '扫描.pdf', bytes: new Uint8Array(pdfWithImage(20_000)) };
    const error = await expectInputError(() => ingestDocument(scan, {}, { deferOcr: true }), 'limit-exceeded');
    expect(error.message).toContain('扫描.pdf: PDF 里有一张 20000×20000 = 4 亿 像素的图片，超过上限 6000 万 像素');
    const withText = pdfWithImage(20_000, 'One half is one of two equal parts of a whole, and two quarters make one half.');
    const read = await ingestDocument({ name: '教材.pdf', bytes: new Uint8Array(withText) }, {}, { deferOcr: true });
    expect(read.ocrPages).toEqual([]);
    expect(read.pages[0]?.text).toContain('two equal parts');
  });

  it.skipIf(!hasSoffice)('refuses a broken .doc that LibreOffice opened as plain text (「䅁䅁䅁」)', async () => {
    const broken = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(3000, 0x41)]);
    const error = await expectInputError(() => ingestDocument({ name: '旧教案.doc', bytes: new Uint8Array(broken) }), 'corrupt');
    expect(error.message).toContain('旧教案.doc: 这个 .doc 文件转换后是乱码');
  });

  it('turns an unexpected parser failure into a message naming the file, keeping the cause', () => {
    const overflow = asInputError('教材.pdf', new RangeError('Maximum call stack size exceeded'));
    expect(overflow).toBeInstanceOf(InputError);
    expect(overflow.message).toMatch(/^教材\.pdf: 文件结构嵌套过深或条目过多/);
    expect(overflow.cause).toBeInstanceOf(RangeError);
    const other = asInputError('教材.pdf', new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(other.message).not.toContain('undefined');
    const known = new InputError('a.pdf', 'empty', '空');
    expect(asInputError('a.pdf', known)).toBe(known);
  });
});
