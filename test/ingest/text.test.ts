import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestDocument } from '../../src/ingest/index.js';
import { splitIntoSections } from '../../src/ingest/text.js';
import { expectInputError, fixture, fixtureDir, textFile } from './fixtures.js';

describe('ingestDocument on text files', () => {
  it('reads a GBK .txt into sections at its Chinese headings', async () => {
    const doc = await ingestDocument(fixture('lesson-gbk.txt'));
    expect(doc).toMatchObject({ format: 'text', encoding: 'gb18030', pageUnit: 'section', warnings: [] });
    expect(doc.pages.map((p) => p.text.split('\n')[0])).toEqual([
      '分数的初步认识（三年级上册）教学设计',
      '一、教学目标',
      '二、教学重难点',
      '三、教学过程',
      '四、课堂练习',
    ]);
    expect(doc.pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5]);
    for (const page of doc.pages) expect(page).toMatchObject({ quality: 'good', note: null, chars: expect.any(Number) });
  });

  it('reads Markdown into sections at its headings, ignoring # inside code fences', async () => {
    const bytes = fs.readFileSync(path.join(fixtureDir, 'src/lesson.md'));
    const doc = await ingestDocument({ name: '教案.md', bytes: new Uint8Array(bytes) });
    expect(doc).toMatchObject({ format: 'markdown', encoding: 'utf-8', pageUnit: 'section' });
    expect(doc.pages.map((p) => p.text.split('\n')[0])).toEqual(['# 分数的初步认识', '## 学习目标', '## 教学过程', '### 练习']);
    expect(doc.pages[2]?.text).toContain('# 这一行在代码块里');
  });

  it('accepts .markdown and UTF-16 text', async () => {
    expect((await ingestDocument(textFile('a.markdown', '# 标题\n\n正文'))).format).toBe('markdown');
    expect((await ingestDocument(fixture('lesson-utf16le.txt'))).encoding).toBe('utf-16le');
  });

  it('rejects a text file with no text', async () => {
    await expectInputError(() => ingestDocument(textFile('空.txt', '\n \n\t\n')), 'empty');
  });
});

describe('splitIntoSections', () => {
  it('cuts text without headings at paragraph boundaries near 1500 characters', () => {
    const paragraph = '把一个蛋糕平均分成两份，每份是它的二分之一。'.repeat(20); // 440 characters
    const text = Array.from({ length: 10 }, () => paragraph).join('\n\n');
    const sections = splitIntoSections(text, 'text');
    expect(sections.length).toBe(4);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(1500);
    expect(sections.join('\n\n')).toBe(text);
  });

  it('cuts one huge paragraph at sentence ends, or by length when it has none', () => {
    const sentences = '同学们在生活中还见过哪些平均分的例子？'.repeat(400);
    const pieces = splitIntoSections(sentences, 'text');
    expect(pieces.length).toBeGreaterThan(4);
    for (const p of pieces) expect(p.endsWith('？')).toBe(true);
    expect(pieces.join('')).toBe(sentences);

    const unpunctuated = '啊'.repeat(7000);
    const chunks = splitIntoSections(unpunctuated, 'text');
    expect(chunks.map((c) => c.length)).toEqual([1500, 1500, 1500, 1500, 1000]);
  });

  it('keeps a heading with the text under it', () => {
    const long = '练习'.repeat(800);
    expect(splitIntoSections(`一、导入\n${long}`, 'text')).toEqual([`一、导入\n\n${long}`]);
  });
});
