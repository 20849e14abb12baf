import { describe, expect, it } from 'vitest';
import { computeAnswers, evaluate, formatRational } from '../../../src/steps/t1-digest/answers.js';

describe('answers a rule can compute', () => {
  it('evaluates the book’s arithmetic exactly, fractions as fractions', () => {
    expect(formatRational(evaluate('（8＋5）×2')!)).toBe('26');
    expect(formatRational(evaluate('8×2＋5×2')!)).toBe('26');
    expect(formatRational(evaluate('1/3+1/3')!)).toBe('2/3');
    expect(formatRational(evaluate('36÷4')!)).toBe('9');
    expect(formatRational(evaluate('0.5×3')!)).toBe('3/2');
    expect(evaluate('长＋宽×2')).toBeNull();
    expect(evaluate('(8+5')).toBeNull();
    expect(evaluate('5÷0')).toBeNull();
  });

  it('fills the circles of a comparison exercise', () => {
    expect(computeAnswers('在○里填上“＞”“＜”或“＝”。 1/3○1/5　　1/8○1/6　　1/2○1/9　　1/4○1/4')).toEqual([
      { asked: '1/3○1/5', answer: '1/3＞1/5' },
      { asked: '1/8○1/6', answer: '1/8＜1/6' },
      { asked: '1/2○1/9', answer: '1/2＞1/9' },
      { asked: '1/4○1/4', answer: '1/4＝1/4' },
    ]);
    expect(computeAnswers('3+4○8')).toEqual([{ asked: '3+4○8', answer: '3+4＜8' }]);
  });

  it('works out a calculation left blank, and leaves a printed result alone', () => {
    expect(computeAnswers('计算。12＋7×3＝（　）')).toEqual([{ asked: '12＋7×3＝', answer: '33' }]);
    expect(computeAnswers('小丽：8＋5＋8＋5＝26（米）')).toEqual([]);
  });

  it('judges a claim about two numbers, not the sub-item number before it', () => {
    expect(computeAnswers('判断。（1）把一个苹果分成2份，每份是它的1/2。（　　）（2）1/7比1/9大。（　　）')).toEqual([
      { asked: '1/7比1/9大', answer: '√' },
    ]);
    expect(computeAnswers('1/5比1/4大。')).toEqual([{ asked: '1/5比1/4大', answer: '×' }]);
  });

  it('computes nothing from a word problem: that key stays the teacher’s', () => {
    expect(computeAnswers('一个长方形操场长90米，宽50米。小明沿着操场边跑了一圈，他跑了多少米？')).toEqual([]);
  });
});
