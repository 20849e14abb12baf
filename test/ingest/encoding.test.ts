import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/encoding.js';
import { expectInputError, fixture, fixtureDir } from './fixtures.js';

const LESSON = fs.readFileSync(path.join(fixtureDir, 'src/lesson.txt'), 'utf8');

function decodeFixture(name: string): { text: string; encoding: string } {
  const { bytes } = fixture(name);
  return decodeText(bytes, name);
}

describe('decodeText', () => {
  it('decodes UTF-8, with and without a BOM', () => {
    expect(decodeText(new Uint8Array(Buffer.from(LESSON)), 'a.txt')).toEqual({ text: LESSON, encoding: 'utf-8' });
    expect(decodeFixture('lesson-utf8-bom.txt')).toEqual({ text: LESSON, encoding: 'utf-8-bom' });
  });

  it('decodes GBK files (made with iconv) as GB18030', () => {
    expect(decodeFixture('lesson-gbk.txt')).toEqual({ text: LESSON, encoding: 'gb18030' });
  });

  it('accepts the pinyin, Greek letters and circled numbers that GBK teaching texts use', () => {
    const symbols = fs.readFileSync(path.join(fixtureDir, 'src/symbols.txt'), 'utf8');
    expect(decodeFixture('symbols-gbk.txt')).toEqual({ text: symbols, encoding: 'gb18030' });
  });

  it('decodes characters outside GBK that need GB18030 four-byte sequences', () => {
    const { text, encoding } = decodeFixture('rare-gb18030.txt');
    expect(encoding).toBe('gb18030');
    expect(text).toContain('𠮷');
    expect(text).toContain('㐀');
  });

  it('decodes UTF-16 in both byte orders, with a BOM', () => {
    expect(decodeFixture('lesson-utf16le.txt')).toEqual({ text: LESSON, encoding: 'utf-16le' });
    expect(decodeFixture('lesson-utf16be.txt')).toEqual({ text: LESSON, encoding: 'utf-16be' });
  });

  it('recognizes UTF-16 without a BOM, for Chinese and for ASCII-only text', () => {
    expect(decodeFixture('lesson-utf16le-nobom.txt')).toEqual({ text: LESSON, encoding: 'utf-16le' });
    expect(decodeFixture('lesson-utf16be-nobom.txt')).toEqual({ text: LESSON, encoding: 'utf-16be' });
    const ascii = '1\n00:00:01,000 --> 00:00:02,000\nHello class\n';
    const le = new Uint8Array(Buffer.from(ascii, 'utf16le'));
    expect(decodeText(le, 'a.srt')).toEqual({ text: ascii, encoding: 'utf-16le' });
    const be = new Uint8Array(Buffer.from(ascii, 'utf16le').swap16());
    expect(decodeText(be, 'a.srt')).toEqual({ text: ascii, encoding: 'utf-16be' });
  });

  it('normalizes CRLF and CR line endings to LF', () => {
    expect(decodeText(new Uint8Array(Buffer.from('一\r\n二\r三\n')), 'a.txt').text).toBe('一\n二\n三\n');
  });

  it('rejects Big5, Shift-JIS and Latin-1 text instead of returning mojibake', async () => {
    const big5 = await expectInputError(() => decodeFixture('traditional-big5.txt'), 'encoding');
    expect(big5.message).toContain('traditional-big5.txt');
    expect(big5.message).toContain('UTF-8');
    await expectInputError(() => decodeFixture('japanese-sjis.txt'), 'encoding');
    await expectInputError(() => decodeFixture('french-latin1.txt'), 'encoding');
  });

  it('rejects binary data', async () => {
    const binary = new Uint8Array(256).map((_, i) => (i * 37) % 256);
    await expectInputError(() => decodeText(binary, 'x.txt'), 'encoding');
  });
});
