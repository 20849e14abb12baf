import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LessonRequest } from '../../src/domain/index.js';
import { ingestDocument } from '../../src/ingest/index.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { StandardIndex } from '../../src/standards/index.js';
import { splitStandard } from '../../src/standards/structure.js';
import { buildDigest } from '../../src/steps/t1-digest/offline.js';
import { analyseOffline } from '../../src/steps/t2-analysis/offline.js';

/** A made 义务教育-style standard: a preface, goals, content by 学段 with 【内容要求】【学业要求】【教学提示】, and 学业质量. */
const MADE_STANDARD = [
  {
    page: 1,
    text: '前言\n义务教育课程标准以马克思列宁主义、毛泽东思想为指导，落实立德树人根本任务，发展素质教育。\n一、课程性质\n数学是研究数量关系和空间形式的科学，是人类认识世界的重要工具。',
  },
  {
    page: 2,
    text: '二、课程目标\n（一）核心素养内涵\n学生在学习数学的过程中逐步形成会用数学的眼光观察现实世界的能力。\n三、课程内容\n（一）第一学段（1～2年级）\n主题一 数与运算\n【内容要求】\n1. 在实际情境中感悟并理解万以内数的意义，理解数位的含义，知道用数可以表示物体的个数或事物的顺序。',
  },
  {
    page: 3,
    text: '【学业要求】\n能在具体情境中认识万以内的数，能说出数位的含义。\n（二）第二学段（3～4年级）\n主题一 数与运算\n【内容要求】\n1. 在具体情境中，初步认识分数和小数，能读写分数和小数，知道分数的各部分名称，\n会比较同分母分数的大小。\n2. 能进行简单的同分母分数加减运算，解决简单的实际问题。',
  },
  {
    page: 4,
    text: '【学业要求】\n能直观描述分数的意义，能用分数表示把一个物体平均分成几份，其中的一份或几份。\n【教学提示】\n分数的认识要借助直观模型，如折纸、涂色，让学生经历平均分的过程。\n四、学业质量\n能在真实情境中理解分数的含义，并用分数描述生活中的数量。',
  },
];

describe('a 课程标准 split by its own structure', () => {
  const items = splitStandard(MADE_STANDARD);

  it('files each item under the part and 学段 its headings name, a sentence over a page break staying one item', () => {
    const summary = items.map((item) => [item.part, item.stage, item.page, item.text.slice(0, 12)]);
    expect(summary).toEqual([
      ['other', null, 1, '义务教育课程标准以马克思'],
      ['other', null, 1, '数学是研究数量关系和空间'],
      ['goals', null, 2, '学生在学习数学的过程中逐'],
      ['content', '（一）第一学段（1～2年级）', 2, '1. 在实际情境中感悟并'],
      ['achievement', '（一）第一学段（1～2年级）', 3, '能在具体情境中认识万以内'],
      ['content', '（二）第二学段（3～4年级）', 3, '1. 在具体情境中，初步'],
      ['content', '（二）第二学段（3～4年级）', 3, '2. 能进行简单的同分母'],
      ['achievement', '（二）第二学段（3～4年级）', 4, '能直观描述分数的意义，能'],
      ['tips', '（二）第二学段（3～4年级）', 4, '分数的认识要借助直观模型'],
      ['quality', null, 4, '能在真实情境中理解分数的'],
    ]);
    expect(items[5]?.text).toContain('知道分数的各部分名称，会比较同分母分数的大小。');
    expect(items[5]?.grades).toEqual([3, 4]);
    expect(items[5]?.path).toEqual(['三、课程内容', '（二）第二学段（3～4年级）', '主题一 数与运算', '【内容要求】']);
  });

  it('finds the requirements of the lesson for its grade with BM25 over words', () => {
    const hits = new StandardIndex(items).search('分数的初步认识 分数', { parts: ['content', 'achievement'], grade: 3, limit: 3 });
    expect(hits.map((h) => h.item.text.slice(0, 12))).toEqual([
      '1. 在具体情境中，初步',
      '能直观描述分数的意义，能',
      '2. 能进行简单的同分母',
    ]);
    expect(new StandardIndex(items).search('分数', { parts: ['content'], grade: 1, limit: 3 })).toEqual([]);
  });

  it('gives T2 the requirements, cited by page, for 课标要求 — not the preface', () => {
    const request: LessonRequest = {
      title: '分数的初步认识',
      subject: '数学',
      grade: 3,
      periodMinutes: null,
      edition: null,
      unit: null,
      classProfile: null,
    };
    const textbook = '分数的初步认识\n把一个月饼平均分成2份，每份是它的二分之一，写作1/2。\n做一做\n1. 用分数表示涂色部分。';
    const digest = buildDigest(request, [
      { document: textDocument('教材.txt', [textbook]), kind: 'textbook' },
      {
        document: textDocument(
          '数学课程标准.txt',
          MADE_STANDARD.map((p) => p.text),
        ),
        kind: 'curriculumStandard',
      },
    ]);
    const { standards } = analyseOffline(request, digest);
    expect(standards.map((s) => s.origin)).toEqual(['material', 'material', 'material']);
    expect(standards[0]?.text).toContain('初步认识分数');
    expect(standards[0]?.sources[0]).toMatchObject({ file: '数学课程标准.txt', page: 3 });
    expect(standards.map((s) => s.text).join('')).not.toMatch(/马克思|数学是研究|万以内/);
  });
});

/** A text file as ingest gives it, one section per page of `pages`. */
function textDocument(name: string, pages: string[]) {
  return {
    name,
    sha256: name,
    format: 'text' as const,
    encoding: 'utf-8',
    pageUnit: 'section' as const,
    pages: pages.map((text, i) => ({ page: i + 1, text, quality: 'good' as const, chars: text.replace(/\s/g, '').length, note: null })),
    ocrPages: [],
    warnings: [],
  };
}

const STANDARD_PDF = path.resolve(PACKAGE_ROOT, '../shared/realdata/pdf/普通高中语文课程标准_2017版2020修订.pdf');

/** The real 2017 高中语文 standard (66 pages): 课标要求 quotes its 学习任务群, not its preface. */
describe.skipIf(!fs.existsSync(STANDARD_PDF))('the 2017 普通高中语文课程标准 (shared/realdata)', () => {
  it('grounds a 高一 lesson on 语言积累、梳理与探究 in that task group, with pages', async () => {
    const request: LessonRequest = {
      title: '语言积累、梳理与探究',
      subject: '语文',
      grade: 10,
      periodMinutes: null,
      edition: null,
      unit: null,
      classProfile: null,
    };
    const standard = await ingestDocument({ name: '普通高中语文课程标准.pdf', bytes: new Uint8Array(fs.readFileSync(STANDARD_PDF)) });
    const items = splitStandard(standard.pages);
    // This standard has no 学业要求 heading: its task groups have 学习目标与内容 and 教学提示.
    expect([...new Set(items.map((item) => item.part))].sort()).toEqual(['content', 'goals', 'other', 'quality', 'tips']);
    expect(items.filter((item) => item.part === 'content').length).toBeGreaterThan(50);

    const digest = buildDigest(request, [
      { document: textDocument('教学设想.txt', ['语言积累、梳理与探究\n引导学生梳理常用词语，探究词义的发展变化。']), kind: 'textbook' },
      { document: standard, kind: 'curriculumStandard' },
    ]);
    const { standards } = analyseOffline(request, digest);
    const quoted = standards.map((s) => s.text).join('\n');
    expect(quoted).not.toMatch(/马克思列宁主义|指导思想|修订/);
    for (const block of standards) {
      expect(block.origin).toBe('material');
      const source = block.sources[0]!;
      expect(source.file).toBe('普通高中语文课程标准.pdf');
      // Pages 23–25 hold 学习任务群 4 语言积累、梳理与探究.
      expect(source.page).toBeGreaterThanOrEqual(23);
      expect(source.page).toBeLessThanOrEqual(25);
    }
  });
});
