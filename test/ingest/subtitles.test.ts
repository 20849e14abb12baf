import { describe, expect, it } from 'vitest';
import { cleanCueText, parseCueBlocks } from '../../src/ingest/subtitles.js';
import { parseTimestamp } from '../../src/ingest/timecode.js';

describe('parseTimestamp', () => {
  it('reads SRT, WebVTT and hand-written forms', () => {
    expect(parseTimestamp('00:01:02,500')).toBe(62.5);
    expect(parseTimestamp('00:01:02.5')).toBe(62.5);
    expect(parseTimestamp('01:02.250')).toBe(62.25);
    expect(parseTimestamp('1:00:00')).toBe(3600);
    expect(parseTimestamp('75:30')).toBe(4530);
  });

  it('refuses what is not a time', () => {
    for (const bad of ['00:01:xx', '00:61:00', '00:00:60,000', '12', '', 'a:b']) expect(parseTimestamp(bad)).toBeNull();
  });
});

describe('parseCueBlocks: SRT', () => {
  it('reads cues, strips markup and joins lines', () => {
    const srt =
      '1\n00:00:00,500 --> 00:00:03,000\n同学们好，今天我们学习\n<i>分数的初步认识</i>\n\n2\n00:00:03,000 --> 00:00:06,200\n{\\an8}<font color="#ff0">先看</font> a <b>question</b>\nfor you &amp; me\n';
    expect(parseCueBlocks(srt)).toEqual({
      cues: [
        { start: 0.5, end: 3, text: '同学们好，今天我们学习分数的初步认识' },
        { start: 3, end: 6.2, text: '先看 a question for you & me' },
      ],
      warnings: [],
    });
  });

  it('tolerates missing index lines, "." before milliseconds, missing hours and extra blank lines', () => {
    const srt =
      '\n\n00:00:01.000 --> 00:00:02.000\n第一句\n\n\n\n01:03,5 --> 01:04,0\n第二句\n\n3\n00:00:05,000 --> 00:00:06,000\n第三句\n\n下一行前面多了一个空行\n\n';
    expect(parseCueBlocks(srt).cues).toEqual([
      { start: 1, end: 2, text: '第一句' },
      { start: 63.5, end: 64, text: '第二句' },
      { start: 5, end: 6, text: '第三句下一行前面多了一个空行' },
    ]);
  });

  it('tolerates a missing blank line between cues', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\n第一句\n2\n00:00:02,000 --> 00:00:03,000\n第二句\n';
    expect(parseCueBlocks(srt).cues.map((c) => c.text)).toEqual(['第一句', '第二句']);
  });

  it('skips malformed cues and names them by number', () => {
    const srt = [
      '1\n00:00:01,000 --> 00:00:02,000\n好的\n',
      '12\n00:01:xx --> 00:01:05,000\n这条时间坏了\n',
      '13\n00:01:05,000 --> 00:01:02,000\n结束早于开始\n',
      '14\n这条没有时间行\n',
      '15\n00:01:10,000 --> 00:01:12,000\n好的第二条\n',
    ].join('\n');
    const { cues, warnings } = parseCueBlocks(srt);
    expect(cues.map((c) => c.text)).toEqual(['好的', '好的第二条']);
    expect(warnings).toEqual([
      '第 12 条字幕时间格式错误（00:01:xx），已跳过',
      '第 13 条字幕结束时间早于开始时间（00:01:05,000 --> 00:01:02,000），已跳过',
      '第 14 条字幕缺少时间行（这条没有时间行），已跳过',
    ]);
  });

  it('summarizes many malformed cues in one warning', () => {
    const srt = Array.from({ length: 8 }, (_, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:xx,000\n坏\n`).join('\n');
    const { cues, warnings } = parseCueBlocks(`${srt}\n9\n00:00:09,000 --> 00:00:10,000\n好\n`);
    expect(cues).toHaveLength(1);
    expect(warnings).toEqual(['第 1-8 条字幕时间格式错误（如 00:00:xx,000），已跳过']);
  });

  it('does not take an arrow in the text for a timing line', () => {
    const srt = '1\n00:00:01,000 --> 00:00:04,000\n当 x --> 0 时\n极限存在\n';
    expect(parseCueBlocks(srt).cues).toEqual([{ start: 1, end: 4, text: '当 x --> 0 时极限存在' }]);
  });
});

describe('parseCueBlocks: WebVTT', () => {
  it('skips the header, NOTE and STYLE blocks, identifiers and cue settings', () => {
    const vtt = [
      'WEBVTT - 分数\nKind: captions\nLanguage: zh-CN\n',
      'STYLE\n::cue { color: yellow }\n',
      'NOTE 这是一条注释\n可以有多行\n',
      'intro\n00:00.000 --> 00:02.500 align:start position:10%\n<v 老师>同学们好</v>\n',
      '2\n00:00:02.500 --> 00:00:05.000 line:0\n<c.yellow>今天</c>学习<00:00:03.500>分数 &lt;一&gt;\n',
      'NOTE 结尾的注释\n',
    ].join('\n');
    expect(parseCueBlocks(vtt)).toEqual({
      cues: [
        { start: 0, end: 2.5, text: '同学们好' },
        { start: 2.5, end: 5, text: '今天学习分数 <一>' },
      ],
      warnings: [],
    });
  });
});

describe('cleanCueText', () => {
  it('decodes numeric entities and drops empty lines', () => {
    expect(cleanCueText(['&#20998;&#x6570;', '   ', '<i></i>'])).toBe('分数');
  });
});
