import { describe, expect, it } from 'vitest';
import { LessonDesign, type LessonRequest, type MaterialDigest, textBlocksOf } from '../../../src/domain/index.js';
import { definitionBody, isInformative } from '../../../src/steps/shared/definitions.js';
import { isMeasurable, toMeasurable } from '../../../src/steps/shared/verbs.js';
import { analyseOffline } from '../../../src/steps/t2-analysis/offline.js';
import { splitMinutes } from '../../../src/steps/t3-plan/minutes.js';
import { designOffline } from '../../../src/steps/t3-plan/offline.js';

const request: LessonRequest = {
  title: null,
  subject: '数学',
  grade: 3,
  periodMinutes: null,
  edition: '人教版',
  unit: null,
  classProfile: '32 人，计算基础较弱。',
};

const page = (n: number, text: string) => ({ page: n, text, quality: 'good' as const, chars: text.length, note: null });
const emptyStructure = {
  units: [],
  lessons: [],
  sections: [],
  statedObjectives: [],
  exercises: [],
  vocabulary: [],
  definitions: [],
  statedKeyPoints: [],
  statedDifficultPoints: [],
};

/** A small digest as T1 would make it: a textbook with objectives, definitions and exercises, and a 教参. */
function digest(overrides: Partial<MaterialDigest['files'][number]['structure']> = {}, withGuide = true): MaterialDigest {
  const book = {
    name: '教材.pdf',
    sha256: 'a',
    kind: 'textbook' as const,
    format: 'pdf' as const,
    encoding: null,
    pageUnit: 'page' as const,
    warnings: [],
    pages: [
      page(1, '学习目标\n1. 理解周长的含义。\n封闭图形一周的长度，叫做它的周长。'),
      page(2, '练习\n1. 一个长方形长 8 米，宽 5 米，周长是多少米？'),
    ],
    structure: {
      ...emptyStructure,
      lessons: [{ text: '第3课时 长方形和正方形的周长', page: 1 }],
      statedObjectives: [
        { text: '理解周长的含义', page: 1 },
        { text: '掌握长方形周长的计算方法', page: 1 },
      ],
      definitions: [{ term: '周长', text: '封闭图形一周的长度，叫做它的周长。', page: 1 }],
      exercises: [{ text: '一个长方形长 8 米，宽 5 米，周长是多少米？', page: 2 }],
      ...overrides,
    },
  };
  const guide = {
    name: '教参.md',
    sha256: 'b',
    kind: 'teacherGuide' as const,
    format: 'markdown' as const,
    encoding: 'utf-8',
    pageUnit: 'section' as const,
    warnings: [],
    pages: [page(1, '## 学情分析\n学生已经认识了长方形的特点，容易漏写括号。\n\n教学重点：长方形周长的计算方法。')],
    structure: { ...emptyStructure, statedKeyPoints: [{ text: '长方形周长的计算方法。', page: 1 }] },
  };
  return {
    title: { text: '长方形和正方形的周长', origin: 'material', sources: [{ file: '教材.pdf', page: 1, at: null, quote: null }] },
    files: withGuide ? [book, guide] : [book],
    keyTerms: ['周长', '长方形'],
    warnings: [],
  };
}

describe('T2 offline: teaching analysis', () => {
  it('rewrites the book’s objectives with measurable verbs and cites their page', () => {
    const analysis = analyseOffline(request, digest());
    expect(analysis.objectives.map((o) => o.text)).toEqual([
      '能用自己的话解释周长的含义',
      '能运用长方形周长的计算方法解决问题',
      expect.stringContaining('表达'),
    ]);
    for (const o of analysis.objectives) expect(isMeasurable(o.text)).toBe(true);
    expect(analysis.objectives[0]!.sources[0]).toMatchObject({ file: '教材.pdf', page: 1 });
  });

  it('takes 学情 and 重点 from the teacher guide, with the teacher’s own note', () => {
    const analysis = analyseOffline(request, digest());
    expect(analysis.learnerAnalysis.text).toContain('学生已经认识了长方形的特点');
    expect(analysis.learnerAnalysis.text).toContain('本班情况：32 人，计算基础较弱。');
    expect(analysis.learnerAnalysis.text).not.toContain('。。');
    expect(analysis.keyPoints[0]).toMatchObject({
      text: '长方形周长的计算方法。',
      origin: 'material',
      sources: [{ file: '教参.md', page: 1 }],
    });
  });

  it('says what each block is: the guide’s own line is material, rule wording around it is template', () => {
    const analysis = analyseOffline(request, digest());
    expect(analysis.learnerAnalysis).toMatchObject({ origin: 'template', sources: [{ file: '教参.md', page: 1 }] });
    expect(analysis.standards[0]!.origin).toBe('template');
    // 理解 → 用自己的话解释: once a rule rewrote the book's verb, the wording is the rule's.
    expect(analysis.objectives[0]).toMatchObject({ origin: 'template', sources: [{ file: '教材.pdf', page: 1 }] });
    expect(analysis.keyTerms).toEqual([
      { text: '周长', origin: 'material', sources: [{ file: '教材.pdf', page: 1, at: null, quote: null }] },
      { text: '长方形', origin: 'material', sources: [{ file: '教材.pdf', page: 2, at: null, quote: null }] },
    ]);
    expect(analysis.misconceptions.every((m) => m.id.startsWith('X') && m.remedy.origin === 'template')).toBe(true);
    const origins = new Set(textBlocksOf(analysis).map(({ block }) => block.origin));
    expect(origins.has('model')).toBe(false);
  });

  it('says plainly when no curriculum standard was given', () => {
    expect(analyseOffline(request, digest()).standards[0]!.text).toContain('材料中未提供课程标准原文');
  });

  it('without a guide, names the defined term as the key point', () => {
    const analysis = analyseOffline(request, digest({}, false));
    expect(analysis.keyPoints[0]!.text).toBe('周长：封闭图形一周的长度');
  });
});

describe('T3 offline: the design', () => {
  it.each([40, 45, 35])('splits a %i-minute period exactly, each step at least a minute', (period) => {
    const design = designOffline(
      { ...request, periodMinutes: period },
      digest(),
      analyseOffline({ ...request, periodMinutes: period }, digest()),
      [],
    );
    expect(design.process.reduce((sum, step) => sum + step.minutes, 0)).toBe(period);
    expect(design.process.every((step) => step.minutes >= 1)).toBe(true);
    expect(LessonDesign.safeParse(design).success).toBe(true);
  });

  it('checks every objective with an item that has an answer key', () => {
    const analysis = analyseOffline(request, digest());
    const { sheets } = designOffline(request, digest(), analysis, []);
    for (const objective of analysis.objectives) {
      expect(sheets.masteryCheck.items.some((item) => item.objectiveIds.includes(objective.id) && item.answer)).toBe(true);
    }
    const cloze = sheets.masteryCheck.items.find((item) => item.type === 'fill')!;
    expect(cloze).toMatchObject({
      prompt: { text: '填空：封闭图形一周的长度，叫做它的＿＿＿＿。', origin: 'template' },
      answer: { text: '周长', origin: 'material', sources: [{ file: '教材.pdf', page: 1 }] },
      tier: 'basic',
    });
  });

  it('names the lesson video in the preparation when one is given, and writes the board from the definitions', () => {
    const design = designOffline(request, digest(), analyseOffline(request, digest()), ['周长微课']);
    expect(design.preparation.map((p) => p.text).join()).toContain('《周长微课》');
    expect(design.boardDesign.text.split('\n')).toContain('一、周长：封闭图形一周的长度');
  });

  it('gives every step a stable id and a role, and no step a clip of its own', () => {
    const design = designOffline(request, digest(), analyseOffline(request, digest()), []);
    expect(design.process.map((step) => [step.id, step.role])).toEqual([
      ['S1', 'lead-in'],
      ['S2', 'pre-study-feedback'],
      ['S3', 'new-content'],
      ['S4', 'group-inquiry'],
      ['S5', 'check'],
      ['S6', 'summary'],
    ]);
    expect(design.process.every((step) => step.clip === null && step.teacherActivity.origin === 'template')).toBe(true);
  });

  it('still designs a lesson from a bare page with no structure', () => {
    const bare = digest({ statedObjectives: [], definitions: [], exercises: [], lessons: [] }, false);
    const analysis = analyseOffline(request, bare);
    const design = designOffline(request, bare, analysis, []);
    expect(analysis.objectives.length).toBeGreaterThanOrEqual(1);
    expect(LessonDesign.safeParse(design).success).toBe(true);
  });
});

describe('helpers', () => {
  it('splitMinutes keeps the total and the floors', () => {
    expect(splitMinutes(40, [4, 3, 12, 8, 8, 5])).toEqual([4, 3, 12, 8, 8, 5]);
    expect(splitMinutes(45, [4, 3, 12, 8, 8, 5]).reduce((a, b) => a + b)).toBe(45);
    const short = splitMinutes(10, [4, 3, 12, 8, 8, 5]);
    expect(short.reduce((a, b) => a + b)).toBe(10);
    expect(short.every((m) => m >= 1)).toBe(true);
  });

  it('toMeasurable turns book verbs into observable ones', () => {
    expect(toMeasurable('了解工程的定义、简史与分类。').text).toBe('能说出工程的定义、简史与分类');
    expect(toMeasurable('通过实验，知道热传导的含义').text).toBe('通过实验，能说出热传导的含义');
    expect(toMeasurable('培养学生的合作意识')).toEqual({ text: '能在活动中表现出合作意识', verb: '表现' });
  });

  it('definitionBody and isInformative read what a definition says', () => {
    expect(definitionBody('长方形长的边叫做长，短的边叫做宽。', '宽')).toBe('短的边');
    expect(isInformative({ term: '质量守恒定律', text: '这个规律叫做质量守恒定律。', page: 1 })).toBe(false);
    expect(isInformative({ term: '周长', text: '封闭图形一周的长度，叫做它的周长。', page: 1 })).toBe(true);
  });
});
