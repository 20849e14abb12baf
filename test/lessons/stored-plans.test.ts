import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LessonPlan, textBlocksOf } from '../../src/domain/index.js';
import { teacherEdit } from '../../src/lessons/plan-edits.js';
import { readStoredPlan, StoredPlanError } from '../../src/lessons/plan-upgrade.js';
import { packagePath } from '../../src/paths.js';
import { makePlan } from '../support/fixtures/plan.js';

/** A plan as lessonprep stored it before text blocks had origins (the demo lesson, offline engine, shape version 1). */
const v1 = JSON.parse(fs.readFileSync(packagePath('test/fixtures/plans/plan-v1-demo.json'), 'utf8'));

describe('readStoredPlan', () => {
  it('returns a current plan as it is', () => {
    const plan = makePlan();
    expect(readStoredPlan(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
  });

  it('upgrades a version-1 plan, saying what it could not know instead of guessing it', () => {
    expect(LessonPlan.safeParse(v1).success).toBe(false);
    const plan = readStoredPlan(v1);
    expect(plan.schemaVersion).toBe(2);
    expect(plan.title).toEqual({ text: v1.title, origin: 'template', sources: [] });
    // The offline engine made it: every block is rule wording, whatever it quotes.
    expect(new Set(textBlocksOf(plan).map(({ block }) => block.origin))).toEqual(new Set(['template']));
    // Roles by position, never by name; ids in order.
    expect(plan.process.map((s) => [s.id, s.role])).toEqual([
      ['S1', 'lead-in'],
      ['S2', 'new-content'],
      ['S3', 'new-content'],
      ['S4', 'new-content'],
      ['S5', 'new-content'],
      ['S6', 'summary'],
    ]);
    expect(plan.process[0]!.teacherActivity.sources).toEqual(v1.process[0].sources);
    expect(plan.sheets.masteryCheck.items.map((i: { id: string }) => i.id)).toEqual(
      v1.sheets.masteryCheck.items.map((i: { id: string }) => i.id),
    );
    expect(plan.provenance.note).toContain('自动升级');
  });

  it('labels an upgraded model draft as the model’s', () => {
    const aiDraft = { ...v1, provenance: { ...v1.provenance, engine: 'openai-compatible', model: 'deepseek-chat', aiUsed: true } };
    expect(new Set(textBlocksOf(readStoredPlan(aiDraft)).map(({ block }) => block.origin))).toEqual(new Set(['model']));
  });

  it('refuses what it cannot read, with a message a teacher can act on', () => {
    expect(() => readStoredPlan({ schemaVersion: 7, title: 'x' })).toThrow(StoredPlanError);
    expect(() => readStoredPlan({ title: '残缺的旧版' })).toThrow(/无法读取，请重新生成教学设计/);
  });
});

describe('teacherEdit', () => {
  const base = makePlan();

  it('makes what she rewrote hers and keeps every other origin', () => {
    const edited = structuredClone(base);
    edited.textbookAnalysis.text = '我校学生已学过周长，本课重在算法。';
    edited.process[1]!.studentActivity.text = '先独立计算，再四人小组比较算法。';
    const saved = teacherEdit(base, edited);
    expect(saved.textbookAnalysis).toMatchObject({ origin: 'teacher', text: '我校学生已学过周长，本课重在算法。' });
    expect(saved.process[1]!.studentActivity.origin).toBe('teacher');
    expect(saved.process[1]!.teacherActivity).toEqual(base.process[1]!.teacherActivity);
    expect(saved.keyPoints).toEqual(base.keyPoints);
  });

  it('cannot relabel rule wording as the book’s by sending another origin', () => {
    const edited = structuredClone(base);
    edited.methods[0] = { ...edited.methods[0]!, origin: 'material', sources: [{ file: '数学三上.pdf', page: 84, at: null, quote: null }] };
    expect(teacherEdit(base, edited).methods[0]).toEqual(base.methods[0]);
  });

  it('follows a block that moved with its step', () => {
    const edited = structuredClone(base);
    edited.process.reverse();
    const saved = teacherEdit(base, edited);
    expect(saved.process.map((s) => s.teacherActivity.origin)).toEqual(base.process.map((s) => s.teacherActivity.origin).reverse());
  });
});
