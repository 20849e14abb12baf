import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContext } from '../../eval/core/context.js';
import { mutationById } from '../../eval/mutations/registry.js';
import { objectiveChecked } from '../../eval/scorers/alignment.js';
import type { Finding } from '../../eval/scorers/define.js';
import { measurableVerbs } from '../../eval/scorers/measurable-verbs.js';
import { minutesSum } from '../../eval/scorers/minutes.js';
import { SCORERS } from '../../eval/scorers/registry.js';
import { DocumentStructure, type MaterialDigest } from '../../src/domain/index.js';
import { makePlan } from '../support/fixtures/plan.js';
import { DEMO, evaluateOffline, planContext } from './support.js';

let run: Awaited<ReturnType<typeof evaluateOffline>>;
beforeAll(async () => {
  run = await evaluateOffline([DEMO]);
});
afterAll(() => run.cleanup());

/** A finding points into an artifact (T3.…, V3.…, C2.…, C3.…) and says something. */
const wellFormed = (f: Finding) => /^(T[123]|V[123]|C[123])\b/.test(f.field) && f.message.length > 0;
const key = (f: Finding) => `${f.field}|${f.message}`;

describe.each(SCORERS.map((s) => [s.id, s] as const))('scorer %s', (_id, scorer) => {
  it('scores the demo lesson, and explains anything short of full marks', () => {
    const { score, findings } = scorer.run(run.byId(DEMO).context);
    expect(score).not.toBeNull();
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
    if (score! < 1) expect(findings.length).toBeGreaterThan(0);
    expect(findings.every(wellFormed)).toBe(true);
  });

  it.each(scorer.targets)('scores the demo lower after %s, with evidence naming the field', async (mutationId) => {
    const demo = run.byId(DEMO);
    const mutation = mutationById(mutationId);
    expect(mutation.appliesTo(demo.context.results)).toBe(true);
    const degraded = await buildContext(demo.evalCase, await mutation.apply(demo.context.results, { files: run.store }), run.store);
    const before = scorer.run(demo.context);
    const after = scorer.run(degraded);
    expect(after.score).toBeLessThan(before.score!);
    const fresh = after.findings.filter((f) => !before.findings.some((b) => key(b) === key(f)));
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every(wellFormed)).toBe(true);
  });
});

describe('scorers on the hand-checked fixture plan (makePlan)', () => {
  const PLAN_ONLY = [
    'required-sections',
    'measurable-verbs',
    'objective-checked',
    'step-alignment',
    'minutes-sum',
    'process-flow',
    'key-points',
    'vocabulary',
    'sheets-complete',
  ];

  it.each(PLAN_ONLY)('%s gives the good plan full marks', (id) => {
    const scorer = SCORERS.find((s) => s.id === id)!;
    expect(scorer.run(planContext(makePlan()))).toEqual({ score: 1, findings: [] });
  });

  it('says which objective the 达标检测单 leaves unchecked', () => {
    const plan = makePlan();
    const items = plan.sheets.masteryCheck.items.filter((item) => !item.objectiveIds.includes('O3'));
    const { score, findings } = objectiveChecked.run(
      planContext({ ...plan, sheets: { ...plan.sheets, masteryCheck: { ...plan.sheets.masteryCheck, items } } }),
    );
    expect(score).toBeCloseTo(2 / 3);
    expect(findings).toEqual([{ field: 'T3.sheets.masteryCheck', message: '达标检测单缺少对 O3 的检测' }]);
  });

  it('reports how far the minutes are off, and gives partial credit for a near miss', () => {
    const plan = makePlan();
    const process = plan.process.map((step, i) => (i === 0 ? { ...step, minutes: step.minutes + 5 } : step));
    const { score, findings } = minutesSum.run(planContext({ ...plan, process }));
    expect(findings[0]?.message).toBe('各环节用时合计 45 分钟，课时 40 分钟（多 5 分钟）');
    expect(score).toBeCloseTo(1 - 5 / 40);
  });

  it('fails objectives that open with a vague verb even when a measurable one follows', () => {
    const plan = makePlan();
    const objectives = [
      { ...plan.objectives[0]!, text: '了解长方形周长的计算方法', verb: '计算' },
      { ...plan.objectives[1]!, text: '能说出周长的含义，知道周长的单位', verb: '说出' },
      plan.objectives[2]!,
    ];
    const { score, findings } = measurableVerbs.run(planContext({ ...plan, objectives }));
    expect(score).toBeCloseTo(1 / 3);
    expect(findings.map((f) => f.message)).toEqual([
      '教学目标 O1 用「了解」表述，课末无法检测',
      '教学目标 O2 用「知道」表述，课末无法检测',
    ]);
  });
});

describe('引文有据 (citation-support) on hand-made citations', () => {
  const book = (quote: string | null) => ({ file: 'book.md', page: 1, at: null, quote });
  const digest: MaterialDigest = {
    title: { text: '山里的小鸟', origin: 'teacher', sources: [] },
    keyTerms: [],
    warnings: [],
    files: [
      {
        name: 'book.md',
        sha256: 'x',
        kind: 'textbook',
        format: 'markdown',
        encoding: 'utf-8',
        pageUnit: 'section',
        warnings: [],
        pages: [
          {
            page: 1,
            text: '在乐谱中表示音乐暂时停顿的符号叫做休止符。2/4拍是指以四分音符为一拍，每小节有两拍。',
            quality: 'good',
            chars: 40,
            note: null,
          },
        ],
        structure: Object.fromEntries(Object.keys(DocumentStructure.shape).map((key) => [key, []])) as unknown as DocumentStructure,
      },
    ],
  };
  const plan = makePlan();
  const cited = {
    ...plan,
    textbookAnalysis: {
      text: '本课核心概念有休止符和2/4拍，教材通过实例引出。',
      origin: 'model' as const,
      sources: [book('在乐谱中表示音乐暂时停顿的符号叫做休止符。')],
    },
    learnerAnalysis: { text: '学生喜欢唱歌，但节拍感不稳。', origin: 'model' as const, sources: [book('学生都会识谱')] },
    keyPoints: [{ text: '2/4拍以四分音符为一拍', origin: 'model' as const, sources: [book(null)] }],
    difficultPoints: [{ text: '立定跳远时双脚同时起跳', origin: 'model' as const, sources: [book(null)] }],
    sheets: {
      ...plan.sheets,
      preStudy: {
        ...plan.sheets.preStudy,
        items: [
          {
            ...plan.sheets.preStudy.items[0]!,
            prompt: { text: '阅读 book.md 第 1 段，画出不懂的词。', origin: 'template' as const, sources: [book(null)] },
          },
        ],
      },
    },
  };
  const findings = SCORERS.find((s) => s.id === 'citation-support')!.run({
    ...planContext(cited),
    results: { T1: digest, T3: cited },
  }).findings;
  const about = (field: string) => findings.filter((f) => f.field === field).map((f) => f.message);

  it('accepts a summary naming the term its quoted definition defines, a clause drawn from the page, and a reading task', () => {
    expect(about('T3.textbookAnalysis.sources[0]')).toEqual([]);
    expect(about('T3.keyPoints[0].sources[0]')).toEqual([]);
    expect(about('T3.sheets.preStudy.items[0].sources[0]')).toEqual([]);
  });

  it('flags a quote that is not on the cited page and a claim the page does not talk about', () => {
    expect(about('T3.learnerAnalysis.sources[0]')).toEqual(['学情分析：引文「学生都会识谱」不在「book.md 第 1 页」上']);
    expect(about('T3.difficultPoints[0].sources[0]')).toEqual(['教学难点 1：「book.md 第 1 页」的内容与这条表述对不上']);
  });
});

describe('the deck scorers read the .pptx itself', () => {
  it('reads every slide of the demo deck with its notes, fonts and sizes', () => {
    const { context } = run.byId(DEMO);
    const deck = context.deck!;
    expect(deck.slides.length).toBe(context.results.C2!.slides.length);
    expect(deck.slides.every((slide) => (slide.notes ?? '').length > 0)).toBe(true);
    const title = deck.slides[2]!.shapes.find((s) => s.name === 'title')!.text!;
    expect(title.runs[0]).toMatchObject({ lang: 'zh-CN', latin: '微软雅黑', ea: '微软雅黑' });
    expect(title.paragraphs[0]!.text).toBe(context.results.C2!.slides[2]!.title);
  });

  it('names the slide and the box whose text overflows', async () => {
    const demo = run.byId(DEMO);
    const degraded = await buildContext(
      demo.evalCase,
      await mutationById('renderer-no-fit').apply(demo.context.results, { files: run.store }),
      run.store,
    );
    const boxes = SCORERS.find((s) => s.id === 'deck-boxes')!.run(degraded);
    expect(boxes.findings[0]?.message).toMatch(/^第 \d+ 页的正文文字超出文本框（约多出 \d+ 磅高）$/);
  });
});
