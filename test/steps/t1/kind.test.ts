import { describe, expect, it } from 'vitest';
import { classifyKind } from '../../../src/steps/t1-digest/kind.js';
import { pages } from './pages.js';

describe('classifyKind by file name', () => {
  it.each([
    ['人教版数学三年级上册教师用书.pdf', 'teacherGuide'],
    ['七年级语文教参_第二单元.pdf', 'teacherGuide'],
    ['义务教育数学课程标准（2022年版）.pdf', 'curriculumStandard'],
    ['高中物理课标.md', 'curriculumStandard'],
    ['数学教材_第七单元.pdf', 'textbook'],
    ['英语课本 Unit3.pdf', 'textbook'],
    ['2018上海中考数学试题及解析_p1-5.pdf', 'reference'],
    ['课程标准解读.pdf', 'reference'],
  ] as const)('%s → %s', (name, kind) => {
    expect(classifyKind(name, [])).toBe(kind);
  });
});

describe('classifyKind by content', () => {
  it('reads 教学目标 / 教学重点 / 教学建议 as a 教参, even when it reprints exercises', () => {
    const guide = pages('一、教学目标\n1. 会计算长方形的周长。\n二、教学重点\n周长的含义。\n三、教学建议\n练习十七第1题可让学生先量一量。');
    expect(classifyKind('scan_0012.pdf', guide)).toBe('teacherGuide');
  });

  it('reads dense 核心素养 / 内容要求 / 学业要求 as a 课程标准', () => {
    const standard = pages(
      '核心素养是课程育人价值的集中体现。\n内容要求：认识长方形、正方形。',
      '学业要求：能说出长方形的特征。\n课程目标以核心素养为导向。',
    );
    expect(classifyKind('文件1.pdf', standard)).toBe('curriculumStandard');
  });

  it('reads 练习 / 做一做 / 例1 as a textbook', () => {
    const book = pages('例1 下面哪些图形是四边形？\n做一做\n1. 数一数。', '练习十七\n1. 量一量。');
    expect(classifyKind('IMG_2024.pdf', book)).toBe('textbook');
  });

  it('falls back to weak name cues, then to other', () => {
    expect(classifyKind('第七单元.pdf', pages('长方形有四条边。'))).toBe('textbook');
    expect(classifyKind('notes.txt', pages('一些笔记。'))).toBe('other');
  });

  it('ignores pages that are not good', () => {
    const garbled = [{ page: 1, text: '练习 做一做 例1 练习', quality: 'garbled' as const, chars: 10, note: '乱码' }];
    expect(classifyKind('scan.pdf', garbled)).toBe('other');
  });
});
