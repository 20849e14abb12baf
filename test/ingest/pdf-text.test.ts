import { describe, expect, it } from 'vitest';
import { normalizePdfPageText, reflowLines, stripRunningLines } from '../../src/ingest/pdf-text.js';

describe('normalizePdfPageText', () => {
  it('joins letter-spaced headings that pdf-parse splits with tabs', () => {
    expect(normalizePdfPageText('第 \t1 \t节 \t科学、技术与工程')).toBe('第1节 科学、技术与工程');
    expect(normalizePdfPageText('前 \t言')).toBe('前言');
    expect(normalizePdfPageText('登岳阳楼 \t杜 \t甫')).toBe('登岳阳楼 杜甫');
  });

  it('keeps one space where a tab separates words: captions side by side, table cells', () => {
    expect(normalizePdfPageText('赵州桥 \t洛阳桥')).toBe('赵州桥 洛阳桥');
    expect(normalizePdfPageText('学习任务群 1 \t整本书阅读与研讨')).toBe('学习任务群1 整本书阅读与研讨');
  });

  it('removes justification spaces between 汉字, around full-width punctuation and numbers', () => {
    expect(normalizePdfPageText('桥 梁 工 程')).toBe('桥梁工程');
    expect(normalizePdfPageText('选 择 性 必 修 课 程 9 个：“ 整 本 书 阅 读 与 研 讨 ”“ 当 代')).toBe(
      '选择性必修课程9个：“整本书阅读与研讨”“当代',
    );
    expect(normalizePdfPageText('1962 年 3 月 21 日，在酒泉')).toBe('1962年3月21日，在酒泉');
  });

  it('keeps spaces between Latin words and next to Latin words', () => {
    expect(normalizePdfPageText('能用 PowerPoint 课件演示 Hello  world')).toBe('能用 PowerPoint 课件演示 Hello world');
  });

  it('drops bare page numbers and framed running heads at the top or bottom only', () => {
    expect(normalizePdfPageText('│ 前言 │\n3\n正文第一行\n正文第二行\n- 4 -')).toBe('正文第一行\n正文第二行');
    expect(normalizePdfPageText('标题\n第一行\n2\n第二行\n第三行\n结尾')).toBe('标题\n第一行\n2\n第二行\n第三行\n结尾');
    expect(normalizePdfPageText('正文\n第 5 页 共 20 页')).toBe('正文');
  });

  it('collapses blank lines and maps Kangxi radicals to ordinary 汉字', () => {
    expect(normalizePdfPageText('\n\n第一段\n\n\n\n第二段\n\n')).toBe('第一段\n\n第二段');
    expect(normalizePdfPageText('\u2f2f\u7a0b')).toBe('工程');
  });
});

describe('stripRunningLines', () => {
  it('removes headers and footers repeated across pages, page numbers inside them ignored', () => {
    const pages = [
      '普通高中语文课程标准（2017年版2020年修订）\n第一页正文\n2 工程设计基础',
      '第二页正文\n第一章 工程设计概述 3',
      '普通高中语文课程标准（2017年版2020年修订）\n第三页正文\n4 工程设计基础',
      '第四页正文\n第一章 工程设计概述 5',
      '普通高中语文课程标准（2017年版2020年修订）\n第五页正文\n6 工程设计基础',
    ];
    expect(stripRunningLines(pages)).toEqual(['第一页正文', '第二页正文', '第三页正文', '第四页正文', '第五页正文']);
  });

  it('keeps lines that repeat only twice without a number, and leaves short documents alone', () => {
    const pages = ['学习目标\n甲', '学习目标\n乙', '丙\n丁'];
    expect(stripRunningLines(pages)).toEqual(pages);
    expect(stripRunningLines(['页眉 1\n甲', '页眉 2\n乙'])).toEqual(['页眉 1\n甲', '页眉 2\n乙']);
  });
});

describe('reflowLines', () => {
  const page = [
    '学习目标',
    '观察上图中的桥，你还知道哪些桥？思考一下，它们应用了哪些科学原理和技',
    '术？实现了哪些价值？',
    '古今中外，桥都是一个典型工程。它是智慧的，一根圆木、一块条石即可成桥。',
    '它是科学的，古代的赵州桥、洛阳桥等都是建筑学的瑰宝，也是技术的，人类用不',
    '一、工程的定义',
    '赵州桥 洛阳桥北盘江大桥港珠澳大桥以及其他许多桥梁都是人类智慧的结晶之',
    '作',
  ].join('\n');

  it('joins a full line broken mid-sentence to the next, and nothing else', () => {
    expect(reflowLines(page).split('\n')).toEqual([
      '学习目标',
      '观察上图中的桥，你还知道哪些桥？思考一下，它们应用了哪些科学原理和技术？实现了哪些价值？',
      '古今中外，桥都是一个典型工程。它是智慧的，一根圆木、一块条石即可成桥。',
      '它是科学的，古代的赵州桥、洛阳桥等都是建筑学的瑰宝，也是技术的，人类用不',
      '一、工程的定义',
      '赵州桥 洛阳桥北盘江大桥港珠澳大桥以及其他许多桥梁都是人类智慧的结晶之',
      '作',
    ]);
  });

  it('leaves pages with too few lines to know the line width', () => {
    expect(reflowLines('短\n行')).toBe('短\n行');
  });
});
