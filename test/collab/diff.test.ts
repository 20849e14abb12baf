import { describe, expect, it } from 'vitest';
import { diffPlans, diffText } from '../../src/collab/diff.js';
import { labelRefusal, stageOf } from '../../src/collab/labels.js';
import { makePlan } from '../render/documents/fixture.js';

/** A hand-made pair: v2 rewords one step's activity, drops a pre-study item, adds a key point and changes an answer. */
const v1 = makePlan();
const v2 = makePlan({
  process: v1.process.map((step, i) =>
    i === 1 ? { ...step, teacherActivity: { ...step.teacherActivity, text: '引导学生折纸表示二分之一。\n组织小组交流。' } } : step,
  ),
  keyPoints: [...v1.keyPoints, { text: '会读、写几分之一', origin: 'teacher' as const, sources: [] }],
  sheets: {
    ...v1.sheets,
    preStudy: { ...v1.sheets.preStudy, items: v1.sheets.preStudy.items.filter((item) => item.id !== 'P2') },
    masteryCheck: {
      ...v1.sheets.masteryCheck,
      items: v1.sheets.masteryCheck.items.map((item) =>
        item.id === 'M2' ? { ...item, answer: { text: '>', origin: 'teacher' as const, sources: [] } } : item,
      ),
    },
  },
});

describe('the diff between two plan versions', () => {
  const diff = diffPlans(v1, v2);

  it('lists each changed part once, matched by id, with before and after per field', () => {
    expect(diff.changes.map((c) => `${c.change} ${c.part}:${c.id}`)).toEqual([
      'added keyPoint:K2',
      'changed step:S2',
      'changed sheetItem:M2',
      'removed sheetItem:P2',
    ]);
    const step = diff.changes.find((c) => c.id === 'S2')!;
    expect(step.label).toBe('教学过程 S2「探究新知」');
    expect(step.fields).toEqual([
      {
        field: 'teacherActivity',
        label: '教师活动',
        before: '引导学生折纸表示二分之一、四分之一。\n组织小组交流。',
        after: '引导学生折纸表示二分之一。\n组织小组交流。',
        segments: [
          { op: 'equal', text: '引导学生折纸表示二分之一' },
          { op: 'delete', text: '、四分之一' },
          { op: 'equal', text: '。\n组织小组交流。' },
        ],
      },
    ]);
    expect(diff.changes.find((c) => c.id === 'M2')!.fields).toMatchObject([{ field: 'answer', before: '标准答案乙', after: '>' }]);
    expect(diff.summary).toBe('修改 2 处，新增 1 处，删除 1 处');
  });

  it('reads as plain text with the changed characters marked', () => {
    const text = diffText(diff);
    expect(text).toContain('教学过程 S2「探究新知」（修改）');
    expect(text).toContain('− 引导学生折纸表示二分之一【、四分之一】。');
    expect(text).toContain('预学单 P2（删除）');
  });

  it('finds nothing between a version and itself, and ignores sources and provenance', () => {
    expect(diffPlans(v1, v1)).toEqual({ changes: [], summary: '两个版本内容相同' });
    const resourced = makePlan({
      keyPoints: [{ ...v1.keyPoints[0]!, sources: [{ file: '另一份教材.pdf', page: 3, at: null, quote: null }] }],
      provenance: { ...v1.provenance, note: 'x' },
    });
    expect(diffPlans(v1, resourced).changes).toEqual([]);
  });
});

describe('labels of the loop', () => {
  it('never go back within a cycle, and a 终案 is locked', () => {
    expect(labelRefusal(['ai-draft'], 'initial')).toBeNull();
    expect(labelRefusal(['ai-draft', 'initial', 'revision'], 'shared')).toBeNull();
    expect(labelRefusal(['ai-draft', 'initial', 'shared'], 'revision')).toBeNull();
    expect(labelRefusal(['ai-draft', 'initial', 'shared'], 'initial')).toBe('本轮已到共案，不能再标为初案');
    expect(labelRefusal(['ai-draft', 'shared', 'final'], 'revision')).toContain('终案已锁定');
    expect(stageOf(['ai-draft', 'shared', 'ai-draft', 'revision'])).toBe(2);
  });
});
