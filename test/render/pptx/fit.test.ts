import { describe, expect, it } from 'vitest';
import { LAYOUT_BUDGETS, type LayoutBudget, MAX_CHARS_PER_SLIDE } from '../../../src/domain/deck.js';
import { clauses, countChars, fitTitle, fitToBudget, measureLines, overflowOf } from '../../../src/render/pptx/fit.js';

const budget = (lineChars: number, maxLines: number, bodyChars = lineChars * maxLines): LayoutBudget => ({
  titleChars: 10,
  lineChars,
  maxLines,
  bodyChars,
  titlePt: 40,
  bodyPt: 28,
});

describe('measureLines', () => {
  it('counts a CJK character as one em', () => {
    expect(measureLines('一二三四五', 5)).toBe(1);
    expect(measureLines('一二三四五', 4)).toBe(2);
    expect(measureLines('一'.repeat(26 * 3), 26)).toBe(3);
  });

  it('never starts a line with closing punctuation: the character before moves down with it', () => {
    // Without 避头 the comma would open line 2 and the text would take two lines.
    expect(measureLines('一二三四，五六七', 4)).toBe(3);
    expect(measureLines('一二三四。', 4)).toBe(2);
    for (const mark of [...'，。、；：？！）」』》']) expect(measureLines(`一二三四${mark}`, 4), mark).toBe(2);
  });

  it('never ends a line with an opening bracket', () => {
    expect(measureLines('一二三（四）', 4)).toBe(2);
  });

  it('counts Latin letters and digits at about 0.55 em and breaks at spaces', () => {
    expect(measureLines('abcdefghij', 6)).toBe(1); // 5.5 em
    // Hello world, | nice to meet | you
    expect(measureLines('Hello world, nice to meet you', 8)).toBe(3);
    expect(measureLines('1234567890', 5.5)).toBe(1);
  });

  it('adds autospace where a number meets Chinese', () => {
    // 长 + space + 6 (0.55 + 2 × 0.25) + space + 厘米 = 5.15 em
    expect(measureLines('长 6 厘米', 6)).toBe(1);
    expect(measureLines('长 6 厘米', 5)).toBe(2);
  });

  it('breaks an unbreakable run longer than a line by character', () => {
    // 18 narrow characters fill 9.9 of 10 ems.
    expect(measureLines('x'.repeat(100), 10)).toBe(Math.ceil(100 / 18));
    // 80 characters, 47 to a 26-em line.
    expect(measureLines('a1b2'.repeat(20), 26)).toBe(2);
  });

  it('treats an empty text as one (empty) line', () => {
    expect(measureLines('', 10)).toBe(1);
  });
});

describe('fitToBudget', () => {
  it('keeps lines that fit as they are', () => {
    const lines = ['长方形的周长＝（长＋宽）×2', '正方形的周长＝边长×4'];
    expect(fitToBudget(lines, LAYOUT_BUDGETS.summary)).toEqual({ lines, truncated: false });
  });

  it('drops whole lines past the line budget and reports them for the notes', () => {
    const lines = ['第一行', '第二行', '第三行', '第四行'];
    const fitted = fitToBudget(lines, budget(10, 2));
    expect(fitted).toEqual({ lines: ['第一行', '第二行'], truncated: true });
    expect(overflowOf(lines, fitted.lines)).toEqual(['第三行', '第四行']);
  });

  it('shortens an overlong line to its whole clauses, marked with an ellipsis', () => {
    const line = '先量一量长和宽，再算一算周长，最后比一比哪种方法简便。';
    const fitted = fitToBudget([line], budget(8, 2));
    expect(fitted.truncated).toBe(true);
    expect(fitted.lines).toEqual(['先量一量长和宽，再算一算周长…']);
    expect(overflowOf([line], fitted.lines)).toEqual([line]);
  });

  it('respects the character budget as well as the line budget', () => {
    const lines = ['一二三四五六七八九十', '一二三四五六七八九十'];
    const fitted = fitToBudget(lines, budget(30, 6, 15));
    expect(fitted.lines).toEqual(['一二三四五六七八九十']);
    expect(fitted.truncated).toBe(true);
  });

  it('never cuts inside a Latin word, even with no clause to cut at', () => {
    const fitted = fitToBudget(['Perimeter means the distance around a shape measured in centimetres'], budget(12, 1));
    const [line = ''] = fitted.lines;
    expect(fitted.truncated).toBe(true);
    expect(line.endsWith('…')).toBe(true);
    const words = line.slice(0, -1).trim().split(' ');
    for (const word of words) expect('Perimeter means the distance around a shape measured in centimetres'.split(' ')).toContain(word);
    expect(measureLines(line, 12)).toBe(1);
  });

  it('keeps every fitted body within the layout budget', () => {
    const long = '长方形的周长是四条边的长度之和，因为对边相等，所以可以先算一条长加一条宽，再乘 2，这样算比较简便。'.repeat(4);
    for (const [layout, b] of Object.entries(LAYOUT_BUDGETS)) {
      const { lines } = fitToBudget([long, long], b);
      expect(
        lines.reduce((n, line) => n + measureLines(line, b.lineChars), 0),
        layout,
      ).toBeLessThanOrEqual(b.maxLines);
      expect(lines.reduce((n, line) => n + countChars(line), 0) + b.titleChars, layout).toBeLessThanOrEqual(MAX_CHARS_PER_SLIDE);
    }
  });
});

describe('fitTitle and clauses', () => {
  it('fits a title to one line of titleChars', () => {
    expect(fitTitle('学习目标', LAYOUT_BUDGETS.objectives)).toEqual({ title: '学习目标', truncated: false });
    const long = fitTitle('长方形和正方形的周长，以及它们在生活中的应用', LAYOUT_BUDGETS.content);
    expect(long.truncated).toBe(true);
    expect(measureLines(long.title, LAYOUT_BUDGETS.content.titleChars)).toBe(1);
  });

  it('splits at Chinese and Latin clause marks, keeping the marks', () => {
    expect(clauses('先量，再算。最后比')).toEqual(['先量，', '再算。', '最后比']);
  });
});
