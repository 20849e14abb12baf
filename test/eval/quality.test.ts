import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvalCase } from '../../eval/case-schema.js';
import { indexPeers } from '../../eval/core/peers.js';
import { answerKeys } from '../../eval/scorers/answer-keys.js';
import { boilerplate } from '../../eval/scorers/boilerplate.js';
import { grounding } from '../../eval/scorers/grounding.js';
import { mustSee } from '../../eval/scorers/must-see.js';
import { objectiveFit } from '../../eval/scorers/objective-fit.js';
import { contentWords } from '../../eval/text/content-words.js';
import { normalize } from '../../eval/text/overlap.js';
import { DocumentStructure, type LessonPlan, type MaterialDigest, type SheetItem } from '../../src/domain/index.js';
import { packagePath } from '../../src/paths.js';
import { makePlan, text } from '../support/fixtures/plan.js';
import { FIXTURE_CASE, planContext } from './support.js';

/** The fixture plan with its 达标检测单 replaced by these items. */
function withCheck(items: Partial<SheetItem>[]): LessonPlan {
  const plan = makePlan();
  const base = plan.sheets.masteryCheck.items[1]!;
  return {
    ...plan,
    sheets: {
      ...plan.sheets,
      masteryCheck: { ...plan.sheets.masteryCheck, items: items.map((item, i) => ({ ...base, id: `M${i + 1}`, ...item })) },
    },
  };
}

describe('答案可用 (answer-keys)', () => {
  it('gives the fixture plan, whose keys are answers, full marks', () => {
    expect(answerKeys.run(planContext(makePlan()))).toEqual({ score: 1, findings: [] });
  });

  it.each([
    ['见教参。'],
    ['略'],
    ['答案略，请教师依据教参核对。'],
    ['参考教材 数学三上.pdf 第 84 页；请教师依据教参核对答案'],
    ['评分要点：能正确运用周长；过程完整、表述清楚。'],
    ['答案不唯一，言之有理即可。'],
    ['【待教师补充：“一张正方形桌面的边长是9分米…”的参考答案】'],
  ])('refuses the key 「%s」', (answer) => {
    const { score, findings } = answerKeys.run(planContext(withCheck([{ answer: text(answer) }])));
    expect(score).toBe(0);
    expect(findings[0]?.field).toBe('T3.sheets.masteryCheck.items[0].answer');
  });

  it.each([['26'], ['长；宽'], ['×。应为：封闭图形一周的长度，叫做它的周长。'], ['要点：①借归雁传书寄乡思；②情调积极明朗。']])(
    'accepts the key 「%s」',
    (answer) => {
      expect(answerKeys.run(planContext(withCheck([{ answer: text(answer) }]))).score).toBe(1);
    },
  );

  it('wants a choice key to name an option, and a key that is more than the question said again', () => {
    const choice = { type: 'choice' as const, options: ['A. 12 米', 'B. 24 米'], answer: text('见课本') };
    const echo = { type: 'short' as const, prompt: text('你能说出长方形周长的计算方法吗？'), answer: text('能说出长方形周长的计算方法') };
    const { findings } = answerKeys.run(
      planContext(withCheck([choice, echo, { type: 'choice', options: ['A. 12 米', 'B. 24 米'], answer: text('B') }])),
    );
    expect(findings.map((f) => f.message)).toEqual([
      '达标检测单 M1 没有给出答案，只写了「见课本」',
      '达标检测单 M2 答案只是把题目复述了一遍：「能说出长方形周长的计算方法」',
    ]);
  });
});

describe('题目对准目标 (objective-fit)', () => {
  it('finds content words with Intl.Segmenter, without the frame every objective is written in', () => {
    expect([...contentWords('能说出长方形周长的含义')].sort()).toEqual(['周长', '长方形'].sort());
    expect(contentWords('能用自己的话说出本课的含义').size).toBe(0);
  });

  it('gives the fixture plan full marks: every check item shares content with its objective', () => {
    expect(objectiveFit.run(planContext(makePlan()))).toEqual({ score: 1, findings: [] });
  });

  it('fails an item whose question is still a blank for the teacher, whatever its gap quotes', () => {
    const plan = withCheck([{ prompt: text('【待教师补充：检测“长方形的周长”的题目】'), answer: text('26'), objectiveIds: ['O2'] }]);
    expect(objectiveFit.run(planContext(plan)).findings.map((f) => f.message)).toEqual([
      '达标检测单 M1 题目还是待教师补充的空位：「【待教师补充：检测“长方形的周长”的题目】」',
    ]);
  });

  it('fails an item that is its objective turned into a question, and one about something else', () => {
    const plan = withCheck([
      { prompt: text('请用两三句话回答：你能运用公式计算长方形和正方形的周长吗？举例说明。'), objectiveIds: ['O2'] },
      { prompt: text('说说这节课你最大的收获。'), answer: text('言之有理即可'), objectiveIds: ['O2'] },
      { prompt: text('一个正方形的边长是 7 分米，它的周长是____分米。'), answer: text('28'), objectiveIds: ['O2'] },
    ]);
    const { score, findings } = objectiveFit.run(planContext(plan));
    expect(score).toBeCloseTo(1 / 3);
    expect(findings.map((f) => f.message)).toEqual([
      '达标检测单 M1 题目只是把目标改成了问句：「请用两三句话回答：你能运用公式计算长方形和正方形的周长吗？举例说明。」',
      '达标检测单 M2 与所注目标 O2（能运用公式计算长方形和正方形的周长）没有共同的内容词',
    ]);
  });
});

/** A one-page digest of the fixture's book. */
function digestOf(pageText: string): MaterialDigest {
  return {
    title: { text: '长方形和正方形的周长', origin: 'teacher', sources: [] },
    keyTerms: [],
    warnings: [],
    files: [
      {
        name: '数学三上.pdf',
        sha256: 'x',
        kind: 'textbook',
        format: 'pdf',
        encoding: null,
        pageUnit: 'page',
        warnings: [],
        pages: [84, 85].map((page) => ({
          page,
          text: page === 84 ? pageText : '练习十七',
          quality: 'good' as const,
          chars: 10,
          note: null,
        })),
        structure: Object.fromEntries(Object.keys(DocumentStructure.shape).map((key) => [key, []])) as unknown as DocumentStructure,
      },
    ],
  };
}

describe('来源可信 (grounding)', () => {
  const page = '封闭图形一周的长度，叫做它的周长。长方形的周长＝（长＋宽）×2。';
  const book = (p: number) => [{ file: '数学三上.pdf', page: p, at: null, quote: null }];
  const score = (plan: LessonPlan) => grounding.run({ ...planContext(plan), results: { T1: digestOf(page), T3: plan } });

  it('accepts the book quoted on its page, rule wording marked as such, and a bare blank', () => {
    const plan = { ...makePlan(), keyTerms: [], misconceptions: [] };
    const honest = {
      ...plan,
      textbookAnalysis: text('封闭图形一周的长度，叫做它的周长。', book(84), 'material'),
      learnerAnalysis: text('【待教师补充：本班学情】', [], 'blank'),
      boardDesign: text('周长 = 一周的长度', [], 'template'),
    };
    const { findings } = score(honest);
    expect(findings.filter((f) => ['T3.textbookAnalysis', 'T3.learnerAnalysis', 'T3.boardDesign'].includes(f.field))).toEqual([]);
  });

  it('catches rule wording passed off as the book, a quote from another page, and a "blank" that holds prose', () => {
    const plan = {
      ...makePlan(),
      textbookAnalysis: text('本课是后续学习面积的基础。', book(84), 'material'),
      boardDesign: text('封闭图形一周的长度，叫做它的周长。', book(85), 'material'),
      learnerAnalysis: text('学生已经会测量线段的长度。', [], 'blank'),
    };
    const { score: s, findings } = score(plan);
    expect(s).toBeLessThan(1);
    const about = (field: string) => findings.find((f) => f.field === field)?.message;
    expect(about('T3.textbookAnalysis')).toBe('标为“材料”，但「本课是后续学习面积的基础。」不是教师材料中的原文');
    expect(about('T3.boardDesign')).toBe('标为“材料”，但「封闭图形一周的长度，叫做它的周长。」不在所注明的页上');
    expect(about('T3.learnerAnalysis')).toBe('标为“待教师补充”，却写着「学生已经会测量线段的长度。」');
  });
});

describe('套话比例 (boilerplate)', () => {
  const reworded = (plan: LessonPlan, words: string): LessonPlan => ({
    ...plan,
    process: plan.process.map((step) => ({ ...step, intent: text(`${words}，第${step.id}环节的意图各不相同。`) })),
  });

  it("counts the sentences another lesson's plan has word for word, not blanks or the teacher's material", () => {
    const a = makePlan();
    const b = reworded(makePlan(), '另一课');
    const c = reworded(makePlan(), '第三课');
    const peers = indexPeers([
      { id: 'a', plan: a, digest: undefined },
      { id: 'b', plan: b, digest: undefined },
      { id: 'c', plan: c, digest: undefined },
    ]);
    const ctx = { ...planContext(a), evalCase: { ...FIXTURE_CASE, id: 'a' }, peers };
    const shared = boilerplate.run(ctx);
    // Only the intents differ between the three plans: everything else is shared.
    expect(shared.score).toBeLessThan(0.5);
    expect(shared.findings[0]?.message).toMatch(/^\d+ 句中有 \d+ 句（\d+%）与其他课雷同$/);

    const alone = indexPeers([
      { id: 'a', plan: a, digest: undefined },
      { id: 'b', plan: reworded({ ...a, process: a.process.slice(0, 2) }, '另一课'), digest: undefined },
    ]);
    expect(boilerplate.run({ ...ctx, peers: alone }).score).toBeNull();
  });
});

describe('必见内容 (must-see)', () => {
  it('finds each expected text where the case wants it, and says where it is missing', () => {
    const evalCase = {
      ...FIXTURE_CASE,
      expect: {
        ...FIXTURE_CASE.expect,
        mustSee: [
          { text: '长方形的周长＝（长＋宽）×2', what: '公式', in: ['plan' as const, 'sheets' as const] },
          { text: '铁丝围成一个正方形', what: '拓展题', in: ['sheets' as const, 'deck' as const] },
        ],
      },
    };
    const { score, findings } = mustSee.run({ ...planContext(makePlan()), evalCase });
    expect(score).toBeCloseTo(2 / 4);
    expect(findings.map((f) => f.message)).toEqual([
      '三单中没有公式「长方形的周长＝（长＋宽）×2」',
      '课件中没有拓展题「铁丝围成一个正方形」',
    ]);
  });
});

describe('the shipped cases', () => {
  const root = packagePath('eval', 'cases');
  const cases = fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'case.json')));

  /** The case's materials as text: .md/.txt as written, a PDF by the source it is made from. */
  const materialText = (dir: string, evalCase: EvalCase) =>
    evalCase.materials
      .map((m) => {
        const file = path.join(dir, m.file);
        const source = file.endsWith('.pdf') ? path.join(path.dirname(file), 'src', `${path.basename(file, '.pdf')}.txt`) : file;
        return fs.readFileSync(source, 'utf8');
      })
      .join('\n');

  it.each(cases)('%s: every must-see text is printed in its materials', (id) => {
    const dir = path.join(root, id);
    const evalCase = EvalCase.parse(JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')));
    const material = normalize(materialText(dir, evalCase));
    for (const item of evalCase.expect.mustSee) expect(material, item.text).toContain(normalize(item.text));
  });

  it('has must-see lists for the lessons the suite handled worst (古诗, 文言, 英语对话, 高中数学公式)', () => {
    const listed = cases.filter((id) => {
      const evalCase = EvalCase.parse(JSON.parse(fs.readFileSync(path.join(root, id, 'case.json'), 'utf8')));
      return evalCase.expect.mustSee.length >= 5;
    });
    expect(listed.length).toBeGreaterThanOrEqual(6);
  });
});
