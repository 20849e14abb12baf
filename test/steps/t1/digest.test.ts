import { describe, expect, it } from 'vitest';
import { type LessonRequest, MaterialDigest } from '../../../src/domain/index.js';
import { InputError } from '../../../src/errors.js';
import { buildDigest } from '../../../src/steps/t1-digest/offline.js';
import { document } from './pages.js';

const request: LessonRequest = {
  title: null,
  subject: '数学',
  grade: 3,
  periodMinutes: null,
  edition: '人教版',
  unit: null,
  classProfile: null,
};

const textbook = document('三上数学_第七单元.pdf', [
  [
    '第七单元 长方形和正方形',
    '1 四边形',
    '学习目标',
    '1. 认识四边形，知道四边形的特征。',
    '像这样由四条直的线段围成的图形叫做四边形。',
    '做一做',
    '1. 下面的图形中，哪些是四边形？',
  ].join('\n'),
  [
    '我们把长方形和正方形四条边长度的总和叫做它们的周长。',
    '长方形的周长 =（长 + 宽）× 2',
    '练习十七',
    '1. 量一量，算出下面图形的周长。',
    '2. 一张长方形桌面长 12 分米，宽 8 分米，它的周长是多少分米？',
  ].join('\n'),
]);

const guide = document('教师用书_长方形和正方形.pdf', [
  '一、教学目标\n1. 结合实例认识周长，会计算长方形和正方形的周长。\n二、教学重点\n周长的含义和计算。',
]);

const standard = document(
  '义务教育数学课程标准（2022年版）.pdf',
  Array.from({ length: 25 }, (_, i) => `核心素养是数学课程育人价值的集中体现（第${i + 1}页）。\n内容要求：认识长方形、正方形。`),
);

describe('buildDigest', () => {
  const digest = buildDigest(request, [
    { document: textbook, kind: null },
    { document: guide, kind: null },
    { document: standard, kind: 'curriculumStandard' },
  ]);

  it('is a valid MaterialDigest with one file per document, kinds given or classified', () => {
    expect(MaterialDigest.parse(digest)).toEqual(digest);
    expect(digest.files.map((f) => [f.name, f.kind])).toEqual([
      ['三上数学_第七单元.pdf', 'textbook'],
      ['教师用书_长方形和正方形.pdf', 'teacherGuide'],
      ['义务教育数学课程标准（2022年版）.pdf', 'curriculumStandard'],
    ]);
    expect(digest.files[0]!.pages).toHaveLength(2);
    expect(digest.files[0]!.structure.lessons).toEqual([{ text: '1 四边形', page: 1 }]);
  });

  it('keeps each exercise on its page: a page break ends an item', () => {
    expect(digest.files[0]!.structure.exercises[0]).toEqual({ text: '下面的图形中，哪些是四边形？', page: 1 });
    expect(digest.files[0]!.structure.definitions.map((d) => [d.term, d.page])).toEqual([
      ['四边形', 1],
      ['周长', 2],
    ]);
  });

  it('takes the title from the first lesson heading, without its number, as the material’s words on its page', () => {
    expect(digest.title).toEqual({
      text: '四边形',
      origin: 'material',
      sources: [{ file: digest.files[0]!.name, page: 1, at: null, quote: '1 四边形' }],
    });
  });

  it('finds key terms from headings and definitions first', () => {
    expect(digest.keyTerms.length).toBeGreaterThanOrEqual(10);
    expect(digest.keyTerms.length).toBeLessThanOrEqual(20);
    expect(digest.keyTerms.slice(0, 3)).toEqual(expect.arrayContaining(['四边形', '周长']));
    expect(digest.keyTerms).toContain('长方形');
    expect(digest.keyTerms).not.toContain('哪些');
  });

  it('notes the size of a large curriculum standard and nothing the teacher need not know', () => {
    expect(digest.warnings).toEqual([
      '课程标准《义务教育数学课程标准（2022年版）.pdf》共 25 页，后续步骤只使用其中与本课关键词相关的部分。',
    ]);
    expect(digest.files[2]!.warnings).toEqual(digest.warnings);
  });

  it('prefers the teacher’s title and lets it weigh in the key terms', () => {
    const titled = buildDigest({ ...request, title: '长方形和正方形的周长' }, [{ document: textbook, kind: null }]);
    expect(titled.title).toEqual({ text: '长方形和正方形的周长', origin: 'teacher', sources: [] });
    expect(titled.keyTerms[0]).toBe('周长');
  });
});

describe('buildDigest key terms of a lesson laid out like the demo', () => {
  const book = document('周长.pdf', [
    [
      '第3课时 长方形和正方形的周长',
      '学习目标',
      '1. 会计算长方形和正方形的周长，能用不同的方法解决同一个问题。',
      '2. 能运用周长的知识解决生活中简单的实际问题，体会数学与生活的联系。',
      '封闭图形一周的长度，叫做它的周长。',
      '长方形长的边叫做长，短的边叫做宽。正方形每条边的长度叫做边长。',
      '例1 花坛长8米，宽5米。篱笆至少要多长？',
      '小丽：8＋5＋8＋5＝26（米）',
      '小亮：8×2＋5×2＝16＋10＝26（米）',
      '小军：（8＋5）×2＝13×2＝26（米）',
    ].join('\n'),
    [
      '做一做',
      '1. 计算下面图形的周长。（1）长方形：长12厘米，宽7厘米。（2）正方形：边长6分米。',
      '2. 一张正方形桌面的边长是9分米，它的周长是多少分米？',
      '3. 用一根36厘米长的铁丝正好围成一个正方形，这个正方形的边长是多少厘米？',
      '4. 一条跑道长90米，宽50米。小明跑了一圈，他跑了多少米？',
      '5. 用两个边长都是3厘米的正方形拼成一个长方形，周长是多少厘米？',
    ].join('\n'),
  ]);
  const digest = buildDigest({ ...request, title: '长方形和正方形的周长' }, [{ document: book, kind: 'textbook' }]);

  it('leads with the title’s terms, then the terms the book defines', () => {
    expect(digest.keyTerms[0]).toBe('周长');
    expect(digest.keyTerms.slice(1, 3)).toEqual(expect.arrayContaining(['长方形', '正方形']));
    expect(digest.keyTerms.slice(3, 6)).toEqual(expect.arrayContaining(['长', '宽', '边长']));
  });

  it('leaves out characters’ names, lesson-wide verbs, units, counts and the subject’s own name', () => {
    for (const word of ['小丽', '小亮', '小军', '小明', '计算', '解决', '叫做', '厘米', '分米', '一条', '数学', '生活']) {
      expect(digest.keyTerms).not.toContain(word);
    }
  });
});

describe('buildDigest warnings', () => {
  it('falls back to the file name for the title, and says what is missing', () => {
    const plain = document('第3课 荷花.pdf', ['清早，我到公园去玩，一进门就闻到一阵清香。我赶紧往荷花池边跑去。'], {
      warnings: ['第 2 页没有文字层（可能是扫描件或整页插图），已跳过'],
    });
    const digest = buildDigest(request, [{ document: plain, kind: 'textbook' }]);
    // A file name is no one's words about the lesson: rule wording, which the teacher is asked to replace.
    expect(digest.title).toEqual({
      text: '【待教师补充：本课课题（材料中没有课题；文件名为「第3课 荷花」）】',
      origin: 'blank',
      sources: [],
    });
    expect(digest.warnings).toEqual([
      '第3课 荷花.pdf：第 2 页没有文字层（可能是扫描件或整页插图），已跳过',
      '未能从材料中识别课题，课题暂留空位（文件名为「第3课 荷花」），请填写课题。',
      '材料中未找到学习目标，教学目标将根据教材内容拟定，请核对。',
      '教材中没有检测到练习题，达标检测题将另行编写，请核对。',
    ]);
    expect(digest.files[0]!.warnings).toEqual(['第 2 页没有文字层（可能是扫描件或整页插图），已跳过']);
  });

  it('titles a Markdown material by its opening heading when it has no lesson heading', () => {
    const notes = document('binary.md', ['# 二进制数的操作原理\n\n## 关键问题\n\n- 为什么通常会使用10进制？'], {
      format: 'markdown',
      pageUnit: 'section',
      encoding: 'utf-8',
    });
    const digest = buildDigest(request, [{ document: notes, kind: null }]);
    expect(digest.title).toMatchObject({ text: '二进制数的操作原理', origin: 'material', sources: [{ file: 'binary.md', page: 1 }] });
    expect(digest.warnings.some((w) => w.includes('未能从材料中识别课题'))).toBe(false);
  });

  it('says so when nothing could be read', () => {
    const scanned = document('音乐七下.pdf', [], {
      pages: [{ page: 1, text: '', quality: 'empty', chars: 0, note: '没有文字层' }],
      warnings: ['第 1 页没有文字层（可能是扫描件或整页插图），已跳过'],
    });
    const digest = buildDigest({ ...request, title: '春天来了' }, [{ document: scanned, kind: null }]);
    expect(digest.files[0]!.kind).toBe('other');
    expect(digest.warnings).toEqual([
      '音乐七下.pdf：第 1 页没有文字层（可能是扫描件或整页插图），已跳过',
      '所有材料都没有可读的文字，只能根据课题和学科生成草稿。',
    ]);
  });

  it('refuses an empty list of materials', () => {
    expect(() => buildDigest(request, [])).toThrow(InputError);
  });
});
