import { describe, expect, it } from 'vitest';
import { ingestTranscript } from '../../src/ingest/index.js';
import { parsePlainTranscript } from '../../src/ingest/plain-transcript.js';
import { expectInputError, fixture, textFile } from './fixtures.js';

describe('ingestTranscript', () => {
  it('reads a GBK subtitle file with CRLF line endings', () => {
    const t = ingestTranscript(fixture('lesson-gbk-crlf.srt'));
    expect(t).toMatchObject({ format: 'srt', encoding: 'gb18030', timingEstimated: false, warnings: [], durationSec: 9 });
    expect(t.cues).toEqual([
      { index: 1, start: 0.5, end: 3, text: '同学们好，今天我们学习分数的初步认识' },
      { index: 2, start: 3, end: 6.2, text: '先来看一个问题：怎样分蛋糕才公平？' },
      { index: 3, start: 6.2, end: 9, text: '把一个蛋糕平均分成两份' },
    ]);
    expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a UTF-16 WebVTT file', () => {
    const t = ingestTranscript(fixture('lesson-utf16.vtt'));
    expect(t).toMatchObject({ format: 'vtt', encoding: 'utf-16le' });
    expect(t.cues.map((c) => c.text)).toEqual(['这是一段 UTF-16 编码的 WebVTT 字幕', '第二条字幕']);
  });

  it('detects the format by content, not by extension', () => {
    const t = ingestTranscript(textFile('字幕.txt', '1\n00:00:01,000 --> 00:00:02,000\n你好\n'));
    expect(t.format).toBe('srt');
  });

  it('merges consecutive identical cues, as auto-captions repeat them', () => {
    const srt =
      '1\n00:00:01,000 --> 00:00:02,000\n你好\n\n2\n00:00:02,000 --> 00:00:03,000\n你好\n\n3\n00:00:03,000 --> 00:00:04,000\n再见\n\n4\n00:00:04,000 --> 00:00:05,000\n你好\n';
    const t = ingestTranscript(textFile('a.srt', srt));
    expect(t.cues).toEqual([
      { index: 1, start: 1, end: 3, text: '你好' },
      { index: 2, start: 3, end: 4, text: '再见' },
      { index: 3, start: 4, end: 5, text: '你好' },
    ]);
    expect(t.warnings).toEqual(['合并了 1 条与上一条完全相同的字幕']);
  });

  it('sorts cues given out of order, and allows overlaps', () => {
    const srt = '1\n00:00:05,000 --> 00:00:08,000\n后\n\n2\n00:00:01,000 --> 00:00:06,000\n前\n';
    const t = ingestTranscript(textFile('a.srt', srt));
    expect(t.cues.map((c) => [c.index, c.text])).toEqual([
      [1, '前'],
      [2, '后'],
    ]);
    expect(t.warnings).toContain('字幕的时间顺序是乱的，已按开始时间重新排序');
  });

  it('takes the longer of the last cue end and the stated video length, warning when cues run past it', () => {
    const srt = textFile('a.srt', '1\n00:00:01,000 --> 00:01:40,000\n你好\n');
    expect(ingestTranscript(srt, { durationSec: 600 }).durationSec).toBe(600);
    const past = ingestTranscript(srt, { durationSec: 60 });
    expect(past.durationSec).toBe(100);
    expect(past.warnings).toEqual(['字幕最后的时间 01:40 超过了视频时长 01:00，请确认字幕和视频是否对应']);
  });

  it('reports a file without usable cues', async () => {
    const broken = await expectInputError(() => ingestTranscript(textFile('a.srt', '1\n00:00:xx --> 00:00:02,000\n你好\n')), 'no-cues');
    expect(broken.message).toContain('第 1 条字幕时间格式错误');
    await expectInputError(() => ingestTranscript(textFile('a.vtt', 'WEBVTT\n\nNOTE 只有注释\n')), 'no-cues');
  });

  it('rejects empty, oversized and non-subtitle files', async () => {
    await expectInputError(() => ingestTranscript({ name: 'a.srt', bytes: new Uint8Array() }), 'empty');
    await expectInputError(() => ingestTranscript(textFile('a.srt', ' \n\n')), 'empty');
    await expectInputError(() => ingestTranscript(textFile('a.srt', '1\n'.repeat(100)), { maxBytes: 50 }), 'too-large');
    const mp4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
    expect((await expectInputError(() => ingestTranscript({ name: '微课.srt', bytes: mp4 }), 'unsupported-type')).message).toContain(
      '视频',
    );
    await expectInputError(() => ingestTranscript(textFile('字幕.ass', '[Script Info]')), 'unsupported-type');
    await expectInputError(() => ingestTranscript(fixture('text-layer.pdf')), 'unsupported-type');
  });
});

describe('plain transcripts', () => {
  it('reads lines with leading timestamps in the usual shapes', () => {
    const text = '课堂实录\n[00:00:05] 同学们好\n00:09 今天学习分数\n接着上一行\n(0:00:15) 请看大屏幕\n【00:20】好\n00:25-00:27：下课\n';
    const t = ingestTranscript(textFile('实录.txt', text));
    expect(t.format).toBe('plain');
    expect(t.timingEstimated).toBe(false);
    expect(t.cues).toEqual([
      { index: 1, start: 5, end: 9, text: '同学们好' },
      { index: 2, start: 9, end: 15, text: '今天学习分数接着上一行' },
      { index: 3, start: 15, end: 20, text: '请看大屏幕' },
      { index: 4, start: 20, end: 25, text: '好' },
      { index: 5, start: 25, end: 27, text: '下课' },
    ]);
    expect(t.warnings).toEqual(['开头第 1 行没有时间戳，已忽略']);
  });

  it('estimates the last cue from its length, capped by the video length', () => {
    const { cues } = parsePlainTranscript('00:00 开始\n00:10 一二三四五六七八', null);
    expect(cues.at(-1)).toEqual({ start: 10, end: 12, text: '一二三四五六七八' });
    expect(parsePlainTranscript('00:00 开始\n00:10 一二三四五六七八', 11).cues.at(-1)?.end).toBe(11);
  });

  it('reports a malformed timestamp line', () => {
    const { cues, warnings } = parsePlainTranscript('00:00 开始\n00:61 坏了\n00:10 结束', null);
    expect(cues.map((c) => c.text)).toEqual(['开始', '结束']);
    expect(warnings).toEqual(['第 2 行时间戳格式错误（如 00:61 坏了），已跳过']);
  });

  it('spreads untimed text at about 4 汉字 per second and says so', () => {
    const t = ingestTranscript(textFile('文字稿.txt', '同学们好今天我们学习分数。\n请看大屏幕。'));
    expect(t.timingEstimated).toBe(true);
    expect(t.cues).toEqual([
      { index: 1, start: 0, end: 3, text: '同学们好今天我们学习分数。' },
      { index: 2, start: 3, end: 4.25, text: '请看大屏幕。' },
    ]);
    expect(t.durationSec).toBe(4.25);
    expect(t.warnings).toEqual(['文件没有时间戳，字幕时间按每秒约 4 个字估算（共约 00:04），仅供参考']);
  });

  it('spreads untimed text over the video length when it is known', () => {
    const t = ingestTranscript(textFile('文字稿.txt', '一二三四\n五六七八'), { durationSec: 100 });
    expect(t.cues.map((c) => [c.start, c.end])).toEqual([
      [0, 50],
      [50, 100],
    ]);
    expect(t.durationSec).toBe(100);
    expect(t.warnings[0]).toContain('按视频时长 01:40 平均分配');
  });

  it('cuts long untimed lines at sentence ends', () => {
    const line = '我们先复习上节课的内容。'.repeat(6);
    const { cues } = parsePlainTranscript(line, null);
    expect(cues.length).toBeGreaterThan(1);
    expect(cues.map((c) => c.text).join('')).toBe(line);
  });

  it('does not take a ratio at the start of a sentence for a timestamp', () => {
    expect(parsePlainTranscript('3:2 的比例\n说明了什么', null).cues[0]?.text).toBe('3:2 的比例');
  });
});
