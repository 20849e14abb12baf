import { describe, expect, it } from 'vitest';
import { type IngestedPage, ingestDocument, type PageQuality } from '../../src/ingest/index.js';
import { judgePages } from '../../src/ingest/pdf.js';
import { expectInputError, fixture } from './fixtures.js';

describe('ingestDocument on PDFs', () => {
  it('extracts clean text by page from a PDF with a text layer', async () => {
    const doc = await ingestDocument(fixture('text-layer.pdf'));
    expect(doc).toMatchObject({ name: 'text-layer.pdf', format: 'pdf', encoding: null, pageUnit: 'page', warnings: [] });
    expect(doc.pages.map((p) => [p.page, p.quality])).toEqual([
      [1, 'good'],
      [2, 'good'],
      [3, 'good'],
    ]);
    const [first, second, third] = doc.pages;
    expect(first?.text).toContain('第1节 分数的初步认识');
    expect(first?.text).toContain('能用 PowerPoint 课件');
    // A sentence the layout broke over two lines is one line again.
    expect(first?.text).toContain('每份是它的四分之一。分数各部分的名称');
    // The footer page numbers are gone.
    expect(first?.text.split('\n').at(-1)).not.toBe('1');
    expect(third?.text.split('\n').at(-1)).toContain('课后请完成练习册第12页。');
    expect(second?.text.startsWith('一、认识几分之一')).toBe(true);
    expect(first?.chars).toBeGreaterThan(100);
  });

  it('keeps good pages of a mixed PDF and names the page without text', async () => {
    const doc = await ingestDocument(fixture('mixed.pdf'));
    expect(doc.pages.map((p) => p.quality)).toEqual(['good', 'empty', 'good']);
    expect(doc.pages[1]?.note).toContain('扫描');
    expect(doc.warnings).toEqual(['第 2 页没有文字层（可能是扫描件或整页插图），已跳过']);
  });

  it('rejects a scanned PDF with no text layer at all', async () => {
    const error = await expectInputError(() => ingestDocument(fixture('scanned.pdf')), 'scanned');
    expect(error.message).toContain('scanned.pdf');
    expect(error.message).toContain('没有可提取的文字（可能是扫描件或图片），需要先做文字识别（OCR）');
  });

  it('rejects an encrypted PDF', async () => {
    const error = await expectInputError(() => ingestDocument(fixture('encrypted.pdf')), 'encrypted');
    expect(error.message).toContain('文件已加密，请先去除密码再上传');
  });

  it('rejects truncated and corrupt PDFs', async () => {
    await expectInputError(() => ingestDocument(fixture('truncated.pdf')), 'corrupt');
    await expectInputError(() => ingestDocument(fixture('corrupt.pdf')), 'corrupt');
  });

  it('rejects a PDF with more pages than allowed', async () => {
    const error = await expectInputError(() => ingestDocument(fixture('text-layer.pdf'), { maxPages: 2 }), 'too-large');
    expect(error.message).toContain('3 页');
  });

  it("leaves the caller's bytes intact (pdf.js detaches the buffer it is given)", async () => {
    const file = fixture('text-layer.pdf');
    const length = file.bytes.byteLength;
    await ingestDocument(file);
    expect(file.bytes.byteLength).toBe(length);
  });
});

describe('judgePages', () => {
  const page = (n: number, quality: PageQuality): IngestedPage => ({ page: n, text: '', quality, chars: 0, note: null });

  it('keeps a document with some good pages and names the others', () => {
    const pages = [page(1, 'good'), page(2, 'garbled'), page(3, 'garbled'), page(4, 'empty'), page(5, 'garbled'), page(6, 'good')];
    expect(judgePages('卷.pdf', pages)).toEqual([
      '第 4 页没有文字层（可能是扫描件或整页插图），已跳过',
      '第 2、3、5 页的文字层是乱码（字体缺少编码映射），已跳过',
    ]);
    expect(judgePages('卷.pdf', [page(1, 'good')])).toEqual([]);
  });

  it('rejects a document without a single readable page', async () => {
    await expectInputError(() => judgePages('扫描.pdf', [page(1, 'empty'), page(2, 'empty')]), 'scanned');
    const garbled = await expectInputError(
      () => judgePages('卷.pdf', [page(1, 'garbled'), page(2, 'empty'), page(3, 'garbled')]),
      'garbled',
    );
    expect(garbled.message).toContain('第 1、3 页的文字层是乱码');
    expect(garbled.message).toContain('另有第 2 页没有文字');
  });
});
