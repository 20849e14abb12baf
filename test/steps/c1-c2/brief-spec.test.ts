import { describe, expect, it } from 'vitest';
import { DeckBrief, DeckSpec, LAYOUT_BUDGETS, MAX_CHARS_PER_SLIDE, type Slide } from '../../../src/domain/deck.js';
import type { LessonPlan } from '../../../src/domain/lesson-plan.js';
import type { TextBlock } from '../../../src/domain/origin.js';
import { countChars, measureLines } from '../../../src/render/pptx/fit.js';
import { buildDeckBrief } from '../../../src/steps/c1-brief/offline.js';
import { fitSlides } from '../../../src/steps/c2-spec/fit-slides.js';
import { writeDeckSpec } from '../../../src/steps/c2-spec/offline.js';
import { makePlan, makePlanOutline } from '../../support/fixtures/plan.js';

const plan = makePlan();
const outline = makePlanOutline();

function deckOf(p: LessonPlan, o = outline as ReturnType<typeof makePlanOutline> | null) {
  const brief = DeckBrief.parse(buildDeckBrief(p, o, 'qingsong'));
  const spec = DeckSpec.parse(writeDeckSpec(brief, p, o));
  return { brief, spec };
}

function expectWithinBudget(slide: Slide): void {
  const budget = LAYOUT_BUDGETS[slide.layout];
  const where = `${slide.layout} ${slide.title}`;
  expect(measureLines(slide.title, budget.titleChars), where).toBe(1);
  expect(
    slide.body.reduce((n, line) => n + measureLines(line, budget.lineChars), 0),
    where,
  ).toBeLessThanOrEqual(budget.maxLines);
  expect(countChars(slide.title) + slide.body.reduce((n, line) => n + countChars(line), 0), where).toBeLessThanOrEqual(MAX_CHARS_PER_SLIDE);
  expect(slide.notes.trim().length, where).toBeGreaterThan(0);
}

/** Every text of the plan, lengthened tenfold: what a wordy model or teacher may write. */
function wordy(p: LessonPlan): LessonPlan {
  const long = (text: string) => `${text}${'学生在操作中体会，在交流中比较，在比较中优化算法，并用自己的话说出理由。'.repeat(6)}`;
  const longer = (b: TextBlock): TextBlock => ({ ...b, text: long(b.text) });
  const items = (key: keyof LessonPlan['sheets']) => ({
    ...p.sheets[key],
    items: p.sheets[key].items.map((item) => ({ ...item, prompt: longer(item.prompt), answer: item.answer && longer(item.answer) })),
  });
  const teacher = (text: string): TextBlock => ({ text: long(text), origin: 'teacher', sources: [] });
  return makePlan({
    title: { text: '长方形和正方形的周长及其在校园生活中的实际应用（第一课时）', origin: 'teacher', sources: [] },
    objectives: p.objectives.map((o) => ({ ...o, text: long(o.text) })),
    keyPoints: p.keyPoints.map(longer),
    difficultPoints: p.difficultPoints.map(longer),
    process: p.process.map((step) => ({ ...step, name: `${step.name}：在真实情境中学习`, teacherActivity: longer(step.teacherActivity) })),
    homework: { basic: [teacher('基础')], advanced: [teacher('提高')], challenge: [teacher('拓展')] },
    sheets: { preStudy: items('preStudy'), exploration: items('exploration'), masteryCheck: items('masteryCheck') },
  });
}

describe('C1 buildDeckBrief', () => {
  it('plans at least one slide for every process step, and adds up its budget', () => {
    const { brief } = deckOf(plan);
    expect(brief.steps.map((s) => s.stepId)).toEqual(plan.process.map((step) => step.id));
    for (const step of brief.steps) expect(step.slideBudget, step.name).toBeGreaterThanOrEqual(1);
    expect(brief.totalSlides).toBe(2 + brief.steps.reduce((n, s) => n + s.slideBudget, 0));
    expect(brief.subtitle).toBe('三年级 · 数学 · 人教版');
  });

  it('places sheets, clips, summary and homework by each step’s role', () => {
    const { brief } = deckOf(plan);
    expect(brief.steps[0]?.clipIndexes).toEqual([0]);
    expect(brief.steps[1]?.clipIndexes).toEqual([1]);
    expect(brief.steps[1]?.practiceItemIds).toEqual(['E2', 'E3']);
    expect(brief.steps.findIndex((s) => s.summary)).toBe(4);
    expect(brief.steps.findIndex((s) => s.homework)).toBe(5);
  });

  it('chooses mastery items so that every objective is checked on screen', () => {
    const { brief } = deckOf(plan);
    const ids = brief.steps[3]?.practiceItemIds ?? [];
    const items = plan.sheets.masteryCheck.items.filter((item) => ids.includes(item.id));
    expect(new Set(items.flatMap((item) => item.objectiveIds))).toEqual(new Set(['O1', 'O2', 'O3']));
  });

  it('reads the role, never the name: renamed steps plan the same deck', () => {
    const renamed = plan.process.map((step, i) => ({ ...step, name: `第${i + 1}部分` }));
    const { brief } = deckOf(makePlan({ process: renamed }));
    const strip = (b: typeof brief) => b.steps.map(({ name: _name, ...rest }) => rest);
    expect(strip(brief)).toEqual(strip(deckOf(plan).brief));
  });

  it('works without any practice step', () => {
    const steps = plan.process.map((step) => (step.role === 'check' ? { ...step, role: 'new-content' as const } : step));
    const { brief, spec } = deckOf(makePlan({ process: steps }));
    expect(brief.steps.every((s) => s.slideBudget >= 1)).toBe(true);
    expect(spec.slides.filter((s) => s.layout === 'question').length).toBeGreaterThan(0);
    expect(spec.slides.some((s) => s.layout === 'summary')).toBe(true);
    expect(spec.slides.some((s) => s.layout === 'homework')).toBe(true);
  });

  it('is deterministic', () => {
    expect(buildDeckBrief(plan, outline, 'heiban')).toEqual(buildDeckBrief(plan, outline, 'heiban'));
  });
});

describe('C2 writeDeckSpec', () => {
  it('writes exactly the slides the brief planned, in class order', () => {
    const { brief, spec } = deckOf(plan);
    expect(spec.slides).toHaveLength(brief.totalSlides);
    expect(spec.slides.slice(0, 2).map((s) => s.layout)).toEqual(['cover', 'objectives']);
    const order = (id: string | null) => plan.process.findIndex((step) => step.id === id);
    const steps = spec.slides.map((s) => s.stepId).filter((id) => id !== null);
    expect(steps.map(order)).toEqual(steps.map(order).sort((a, b) => a - b));
    for (const step of plan.process) expect(steps, step.id).toContain(step.id);
    expect(spec.slides.at(-1)?.layout).toBe('homework');
  });

  it('gives every slide a stable id by its step, and the origin of what it shows', () => {
    const { spec } = deckOf(plan);
    expect(spec.slides.slice(0, 4).map((s) => s.id)).toEqual(['cover', 'goals', 'S1.1', 'S1.2']);
    expect(new Set(spec.slides.map((s) => s.id)).size).toBe(spec.slides.length);
    expect(spec.slides[0]?.origin).toBe('teacher');
    const question = spec.slides.find((s) => s.layout === 'question')!;
    expect(question.origin).toBe('model');
    expect(spec.slides.filter((s) => s.layout === 'section').every((s) => s.origin === 'template')).toBe(true);
  });

  it('follows every question slide with its answer slide', () => {
    const { spec } = deckOf(plan);
    spec.slides.forEach((slide, i) => {
      if (slide.layout !== 'question') return;
      const next = spec.slides[i + 1];
      expect(next?.layout, slide.title).toBe('answer');
      expect(next?.stepId).toBe(slide.stepId);
      expect(next?.title).toBe(`${slide.title} 答案`);
    });
    const answer = spec.slides.find((s) => s.title === '练一练 1 答案');
    expect(answer?.body).toContain('答案：A. 长方形四条边的总长度');
  });

  it('puts each clip in the step it serves, with its video, times and pause questions', () => {
    const { spec } = deckOf(plan);
    const clips = spec.slides.filter((s) => s.layout === 'clip');
    expect(clips.map((s) => s.stepId)).toEqual(['S1', 'S2']);
    expect(clips[1]?.media).toEqual({ url: outline.videos[0]?.url, label: outline.videos[0]?.title, start: 300, end: 500 });
    expect(clips[1]?.body).toEqual([
      '片段：05:00–08:20（约 3 分钟）',
      '暂停 06:00：6＋4＋6＋4 表示什么？',
      '暂停 07:10：（6＋4）×2 中的 6＋4 表示什么？',
    ]);
    expect(clips[1]?.notes).toContain('播放前：先自己算一算');
    expect(clips[1]?.notes).toContain('播放后：比较三种算法');
  });

  it('gives every slide speaker notes and keeps every slide within its budget', () => {
    const { spec } = deckOf(plan);
    spec.slides.forEach(expectWithinBudget);
    expect(spec.slides.find((s) => s.layout === 'objectives')?.body).toEqual(plan.objectives.map((o) => o.text));
  });

  it('keeps a very wordy plan within budget and moves what does not fit into the notes', () => {
    const long = wordy(plan);
    const { spec } = deckOf(long);
    spec.slides.forEach(expectWithinBudget);
    const notes = spec.slides.map((s) => s.notes).join('\n');
    for (const step of long.process) expect(notes).toContain(step.teacherActivity.text);
    for (const objective of long.objectives) expect(notes).toContain(objective.text);
    for (const item of long.sheets.masteryCheck.items.slice(0, 2)) expect(notes).toContain(item.prompt.text);
    expect(notes).toContain(long.title.text);
    expect(notes).toContain(long.homework.challenge[0]?.text);
    // A long prompt is shortened so that the options still show.
    const choice = spec.slides.find(
      (s) => s.layout === 'question' && s.notes.includes(long.sheets.masteryCheck.items[0]?.prompt.text ?? '?'),
    );
    expect(choice?.body.slice(1)).toEqual(['A. 长方形四条边的总长度', 'B. 长方形的长和宽相加', 'C. 长方形所占平面的大小']);
  });

  it('still shows a step that a (model-written) brief planned nothing for', () => {
    const brief = buildDeckBrief(plan, outline, 'qingsong');
    const empty = { ...brief, steps: brief.steps.map((s, i) => (i === 2 ? { ...s, ideas: [], sectionSlide: false } : s)) };
    const spec = writeDeckSpec(empty, plan, outline);
    const slides = spec.slides.filter((s) => s.stepId === 'S3');
    expect(slides).toHaveLength(1);
    expect(slides[0]?.title).toBe('合作探究');
    expect(slides[0]?.notes).toContain(plan.process[2]?.teacherActivity.text);
  });

  it('works without a video outline', () => {
    const { brief, spec } = deckOf(plan, null);
    expect(spec.slides).toHaveLength(brief.totalSlides);
    expect(spec.slides.some((s) => s.layout === 'clip' || s.media !== null)).toBe(false);
    for (const step of plan.process) expect(spec.slides.some((s) => s.stepId === step.id)).toBe(true);
  });

  it('tells the teacher to use the local file when a video has no URL', () => {
    const local = makePlanOutline({ videos: [{ id: 'V1', title: '本地微课', url: null, durationSec: 900 }] });
    const { spec } = deckOf(plan, local);
    const clip = spec.slides.find((s) => s.layout === 'clip');
    expect(clip?.media).toBeNull();
    expect(clip?.notes).toContain('本地视频《本地微课》');
  });

  it('is deterministic', () => {
    expect(deckOf(plan).spec).toEqual(deckOf(plan).spec);
  });
});

describe('C2 fitSlides (model-written specs)', () => {
  it('fits an over-budget slide and keeps the cut text in its notes', () => {
    const body = ['很长的一句话，'.repeat(40)];
    const spec = fitSlides({
      title: '检查',
      theme: 'qingsong',
      slides: [
        { id: 'cover', layout: 'cover', title: '检查', body: [], notes: '封面', stepId: null, media: null, origin: 'model' },
        { id: 'S1.1', layout: 'content', title: '内容', body, notes: '讲稿', stepId: 'S1', media: null, origin: 'model' },
        { id: 'S1.2', layout: 'homework', title: '作业', body: ['基础：一'], notes: '讲稿', stepId: 'S1', media: null, origin: 'model' },
      ],
    });
    spec.slides.forEach(expectWithinBudget);
    expect(spec.slides[1]?.notes).toContain(body[0]);
  });
});
