import { describe, expect, it } from 'vitest';
import { applySuggestion, planParts, replacedText, resolveAnchor, slideParts, suggestionRefusal } from '../../src/collab/plan-parts.js';
import { LessonPlan } from '../../src/domain/index.js';
import { makePlan } from '../render/documents/fixture.js';

const plan = makePlan();

describe('anchors: finding a part of a plan by id', () => {
  it('names every part a comment can point at, in reading order, with ids', () => {
    const keys = planParts(plan).map((p) => `${p.part}:${p.id}`);
    expect(keys).toEqual(
      expect.arrayContaining(['objective:O1', 'objective:O2', 'keyPoint:K1', 'difficultPoint:D1', 'step:S1', 'step:S4', 'board:board']),
    );
    expect(keys).toEqual(
      expect.arrayContaining(['sheetItem:P1', 'sheetItem:E2', 'sheetItem:M3', 'homework:basic-1', 'homework:challenge-1']),
    );
    expect(keys).toEqual(
      expect.arrayContaining(['section:textbookAnalysis', 'section:learnerAnalysis', 'section:standards', 'section:meta']),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('resolves steps by position (S2 is the second row) until they carry ids, and by id once they do', () => {
    expect(resolveAnchor(plan, { part: 'step', id: 'S2', field: 'teacherActivity' })?.text).toBe(
      '引导学生折纸表示二分之一、四分之一。\n组织小组交流。',
    );
    const withIds = { ...plan, process: plan.process.map((s, i) => ({ ...s, id: `X${i + 1}` })) };
    expect(resolveAnchor(withIds, { part: 'step', id: 'X3', field: 'name' })?.text).toBe('巩固练习');
    expect(resolveAnchor(withIds, { part: 'step', id: 'S3' })).toBeNull();
  });

  it('resolves objectives and sheet items by their ids, and says when a part or field is not there', () => {
    expect(resolveAnchor(plan, { part: 'objective', id: 'O2' })?.part.label).toBe('教学目标 O2');
    expect(resolveAnchor(plan, { part: 'sheetItem', id: 'M2', field: 'answer' })?.text).toBe('标准答案乙');
    expect(resolveAnchor(plan, { part: 'objective', id: 'O9' })).toBeNull();
    expect(resolveAnchor(plan, { part: 'step', id: 'S1', field: 'nonsense' })).toBeNull();
    expect(resolveAnchor(plan, { part: 'misconception', id: 'W1' })).toBeNull();
  });

  it('resolves slides in the deck script by position', () => {
    const deck = {
      slides: [
        { title: '几分之一', body: [], notes: '开场' },
        { title: '学习目标', body: ['说出含义'], notes: '读目标' },
      ],
    };
    expect(slideParts(deck).map((s) => s.id)).toEqual(['slide-1', 'slide-2']);
    expect(resolveAnchor(plan, { part: 'slide', id: 'slide-2', field: 'body' }, deck)?.text).toBe('说出含义');
    expect(suggestionRefusal(plan, { part: 'slide', id: 'slide-2' })).toContain('课件由教学设计生成');
  });
});

describe('applying a suggestion', () => {
  it('replaces exactly the anchored text and nothing else, the same way every time', () => {
    const anchor = { part: 'step' as const, id: 'S2', field: 'intent' };
    const once = applySuggestion(plan, anchor, '让学生在折一折中说出几分之一的含义。');
    const twice = applySuggestion(plan, anchor, '让学生在折一折中说出几分之一的含义。');
    expect(once).toEqual(twice);
    expect(once.process[1]!.intent).toEqual({
      ...plan.process[1]!.intent,
      text: '让学生在折一折中说出几分之一的含义。',
      origin: 'teacher',
    });
    expect({ ...once, process: plan.process }).toEqual(plan);
    expect(plan.process[1]!.intent.text).toBe('在操作中理解分数的含义。');
    expect(LessonPlan.safeParse(once).success).toBe(true);
  });

  it('uses the part’s main field when none is named, and keeps a block’s sources', () => {
    const changed = applySuggestion(plan, { part: 'keyPoint', id: 'K1' }, '理解几分之一的含义，会读写');
    expect(changed.keyPoints[0]).toEqual({ text: '理解几分之一的含义，会读写', origin: 'teacher', sources: plan.keyPoints[0]!.sources });
    expect(applySuggestion(plan, { part: 'objective', id: 'O1' }, '能说出几分之一的含义并举例').objectives[0]!.verb).toBe('说出');
    expect(applySuggestion(plan, { part: 'homework', id: 'advanced-1' }, '折出 1/8。').homework.advanced).toEqual([
      { text: '折出 1/8。', origin: 'teacher', sources: [] },
    ]);
  });

  it('marks a replaced text block as the teacher’s when blocks say where their text came from', () => {
    const blocks = { ...plan, textbookAnalysis: { text: '原文', origin: 'material', sources: [] } };
    expect(applySuggestion(blocks, { part: 'section', id: 'textbookAnalysis' }, '新的教材分析').textbookAnalysis).toEqual({
      text: '新的教材分析',
      origin: 'teacher',
      sources: [],
    });
    const flat = { ...plan, objectives: [{ ...plan.objectives[0]!, origin: 'model' }] };
    expect(applySuggestion(flat, { part: 'objective', id: 'O1', field: 'text' }, '能说出含义').objectives[0]).toMatchObject({
      text: '能说出含义',
      origin: 'teacher',
    });
  });

  it('refuses what a suggestion cannot replace: minutes, choices, a step without a field, a missing part', () => {
    expect(suggestionRefusal(plan, { part: 'step', id: 'S1', field: 'minutes' })).toContain('不能用文字替换');
    expect(suggestionRefusal(plan, { part: 'sheetItem', id: 'M1', field: 'options' })).toContain('不能用文字替换');
    expect(suggestionRefusal(plan, { part: 'step', id: 'S1' })).toContain('请指明');
    expect(suggestionRefusal(plan, { part: 'objective', id: 'O7' })).toContain('找不到');
    expect(suggestionRefusal(plan, { part: 'step', id: 'S1', field: 'teacherActivity' })).toBeNull();
    expect(replacedText(plan, { part: 'sheetItem', id: 'P1' })).toBe('把一个月饼平均分成 2 份，每份是它的＿＿＿。');
    expect(() => applySuggestion(plan, { part: 'step', id: 'S1', field: 'minutes' }, '8')).toThrow();
  });
});
