import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestDocument, ingestTranscript } from '../../src/ingest/index.js';
import { expectInputError, repoRoot } from './fixtures.js';

/**
 * Third-party files kept beside the repository for trying the product on real
 * input (never committed). Skipped where they are not present.
 */
const dir = path.resolve(repoRoot, '../shared/realdata');

function realFile(sub: string, name: string): { name: string; bytes: Uint8Array } {
  return { name, bytes: new Uint8Array(fs.readFileSync(path.join(dir, sub, name))) };
}

describe.skipIf(!fs.existsSync(dir))('real materials in shared/realdata', () => {
  it('通用技术 textbook pages: all good, the lesson heading intact', async () => {
    const doc = await ingestDocument(realFile('pdf', '人教版_通用技术_工程设计基础_第一章第1节_p9-13.pdf'));
    expect(doc.pages).toHaveLength(5);
    expect(doc.pages.every((p) => p.quality === 'good')).toBe(true);
    expect(doc.warnings).toEqual([]);
    const first = doc.pages[0]?.text ?? '';
    expect(first).toContain('第1节 科学、技术与工程');
    expect(first).toContain('学习目标');
    // The running footer 「2 工程设计基础」 is gone.
    expect(first).not.toContain('工程设计基础');
  });

  // Its speed is measured by `npm run bench`, not here.
  it('语文课程标准: 66 pages, all good', async () => {
    const doc = await ingestDocument(realFile('pdf', '普通高中语文课程标准_2017版2020修订.pdf'));
    expect(doc.pages).toHaveLength(66);
    const notGood = doc.pages.filter((p) => p.quality !== 'good').map((p) => p.page);
    expect(notGood.filter((page) => page !== 1)).toEqual([]);
    expect(doc.pages.some((p) => p.text.includes('语言建构与运用'))).toBe(true);
  });

  it('music textbook scan: without OCR, refused as scanned with a request for OCR', async () => {
    const error = await expectInputError(() => ingestDocument(realFile('pdf', '湘文艺版_音乐七下_第一单元_scanned_p8-11.pdf')), 'scanned');
    expect(error.message).toContain('全部 4 页');
    expect(error.message).toContain('文字识别（OCR）');
  });

  it('上海中考 paper in predefined CJK CMaps: every page read, as pdftotext reads it', async () => {
    const doc = await ingestDocument(realFile('pdf', '2018上海中考数学试题及解析_p1-5.pdf'));
    expect(doc.pages.map((p) => p.quality)).toEqual(['good', 'good', 'good', 'good', 'good']);
    expect(doc.pages[0]?.text).toContain('2018年上海市初中毕业统一学业考试');
    expect(doc.pages[0]?.text).toContain('下列对一元二次方程');
  });

  it('北京中考 answers in GBK-EUC-H: the text pages read, the picture-only last page named', async () => {
    const doc = await ingestDocument(realFile('pdf', '2018北京中考数学答案.pdf'));
    expect(doc.pages.slice(0, 3).every((p) => p.quality === 'good')).toBe(true);
    expect(doc.pages[0]?.text).toContain('选择题');
    expect(doc.warnings.join('')).toContain('第 5 页');
  });

  it.each([
    ['260410_成都二诊三角换元压轴_录屏字幕_human-speech.srt', 274],
    ['排列组合_插空隔板捆绑_TTS-narration.srt', 123],
    ['determinant_zh-CN_community.srt', 133],
  ])('%s parses into its cues', (name, count) => {
    const t = ingestTranscript(realFile('transcripts', name));
    expect(t.format).toBe('srt');
    expect(t.cues.length).toBeGreaterThan(100);
    expect(t.cues.length).toBeLessThanOrEqual(count);
    expect(t.warnings).toEqual([]);
    expect(t.cues.every((c) => c.text !== '' && c.end >= c.start)).toBe(true);
    expect(t.durationSec).toBeGreaterThan(400);
  });
});
