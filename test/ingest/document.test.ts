import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, ingestDocument } from '../../src/ingest/index.js';
import { expectInputError, fixture, textFile } from './fixtures.js';

describe('ingestDocument: dispatch and limits', () => {
  it('has the documented default limits', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxBytes: 50 * 1024 * 1024,
      maxPages: 500,
      maxPixels: 60_000_000,
      maxInflatedBytes: 256 * 1024 * 1024,
      maxOcrPages: 100,
    });
  });

  it('rejects an empty file', async () => {
    const error = await expectInputError(() => ingestDocument({ name: '教材.pdf', bytes: new Uint8Array() }), 'empty');
    expect(error.file).toBe('教材.pdf');
  });

  it('rejects a file over maxBytes before reading it', async () => {
    const error = await expectInputError(
      () => ingestDocument(textFile('大.txt', '很长的文字'.repeat(100)), { maxBytes: 1000 }),
      'too-large',
    );
    expect(error.message).toMatch(/1\.5 KB.*1000 字节/);
  });

  it('reads a PDF by its content even when it is named .txt', async () => {
    const { bytes } = fixture('text-layer.pdf');
    const doc = await ingestDocument({ name: '教材.txt', bytes });
    expect(doc.format).toBe('pdf');
  });

  it('rejects a .pdf that is not a PDF', async () => {
    const error = await expectInputError(() => ingestDocument(textFile('教材.pdf', '这其实是文本')), 'not-pdf');
    expect(error.message).toContain('不是 PDF');
  });

  it('rejects unsupported types, naming what is supported', async () => {
    const xlsx = await expectInputError(() => ingestDocument(textFile('成绩.xlsx', 'PK\u0003\u0004....')), 'unsupported-type');
    expect(xlsx.message).toContain('.xlsx');
    expect(xlsx.message).toContain('.docx');
    expect(xlsx.message).toContain('.md');
    const broken = await expectInputError(() => ingestDocument(textFile('教案.docx', 'PK\u0003\u0004....')), 'corrupt');
    expect(broken.message).toContain('另存为 .docx');
    expect((await expectInputError(() => ingestDocument(textFile('教案.docx', '纯文本')), 'unsupported-type')).message).toContain(
      '不是 Office 文档',
    );
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await expectInputError(() => ingestDocument({ name: '截图.txt', bytes: png }), 'unsupported-type')).message).toContain('PNG');
    await expectInputError(() => ingestDocument(textFile('无扩展名', '文字')), 'unsupported-type');
    expect((await expectInputError(() => ingestDocument(textFile('微课.srt', '1\n')), 'unsupported-type')).message).toContain('字幕');
  });

  it('records the SHA-256 of the bytes', async () => {
    const file = textFile('a.txt', '分数');
    const doc = await ingestDocument(file);
    expect(doc.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
  });
});
