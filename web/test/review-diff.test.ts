import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../src/collab/diff.js';
import { readStoredPlan } from '../../src/lessons/plan-upgrade.js';
import { packagePath } from '../../src/paths.js';
import { diffView, type PlanDiff } from '../src/review/diff-view.js';
import { reviewGroups } from '../src/review/review-parts.js';

/** A real stored plan (the demo lesson's first draft), in today's shape. */
const plan = readStoredPlan(JSON.parse(fs.readFileSync(packagePath('test/fixtures/plans/plan-v1-demo.json'), 'utf8')));
const summary = (id: string, number: number, label: 'initial' | 'shared', labelName: string) => ({
  id,
  number,
  label,
  labelName,
  cycle: 1,
  author: '张主备',
  authorId: 'u1',
  basedOn: null,
  runId: null,
  createdAt: '2026-12-02T12:00:00.000Z',
});

/** The server's diff of two plans, as the API sends it. */
function apiDiff(before: unknown, after: unknown): PlanDiff {
  return { from: summary('v2', 2, 'initial', '初案'), to: summary('v3', 3, 'shared', '共案'), ...diffPlans(before, after) };
}

describe('the version comparison as the screen shows it', () => {
  const after = structuredClone(plan);
  const step = after.process[1]!;
  const oldActivity = step.teacherActivity.text;
  step.teacherActivity = { ...step.teacherActivity, text: `${oldActivity}请学生先独立完成，再同桌交流。` };
  step.intent = { ...step.intent, text: '让学生在描一描、量一量中说出周长的含义。' };
  const removed = after.objectives.pop()!;
  const item = after.sheets.masteryCheck.items[0]!;
  after.sheets.masteryCheck.items.push({
    ...item,
    id: 'M9',
    prompt: { ...item.prompt, text: '一个正方形边长 5 厘米，周长是多少厘米？' },
    answer: { text: '20', origin: 'teacher', sources: [] },
  });

  const view = diffView(apiDiff(plan, after));

  it('names both versions and counts the changes', () => {
    expect(view.heading).toBe('第 2 版（初案） → 第 3 版（共案）');
    expect(view.summary).toBe('修改 1 处，新增 1 处，删除 1 处');
  });

  it('groups the changes as the plan reads, one Chinese sentence per part', () => {
    expect(view.groups.map((g) => g.title)).toEqual(['教学目标', '教学过程', '三单题目']);
    const [objectives, process, sheets] = view.groups;
    expect(objectives!.changes[0]).toMatchObject({ tag: '删除', sentence: `删除了教学目标 ${removed.id}。` });
    expect(process!.changes[0]).toMatchObject({
      key: 'step:S2',
      tag: '修改',
      sentence: `教学过程 S2「${step.name}」：修改了教师活动、设计意图。`,
    });
    expect(sheets!.changes[0]).toMatchObject({ tag: '新增', sentence: '新增了达标检测单 M9。' });
  });

  it('shows a field side by side: the old text with what went, the new text with what came', () => {
    const activity = view.groups[1]!.changes[0]!.fields.find((f) => f.key === 'teacherActivity')!;
    expect(activity.rewritten).toBe(false);
    expect(activity.before.map((p) => p.text).join('')).toBe(oldActivity);
    expect(activity.before.some((p) => p.marked)).toBe(false);
    expect(activity.after.filter((p) => p.marked).map((p) => p.text)).toEqual(['请学生先独立完成，再同桌交流。']);
    expect(activity.after.map((p) => p.text).join('')).toBe(`${oldActivity}请学生先独立完成，再同桌交流。`);
  });

  it('marks a field rewritten almost entirely as a whole, not as scattered characters', () => {
    const intent = view.groups[1]!.changes[0]!.fields.find((f) => f.key === 'intent')!;
    expect(intent.rewritten).toBe(true);
    expect(intent.before).toEqual([{ text: plan.process[1]!.intent.text, marked: true }]);
    expect(intent.after).toEqual([{ text: '让学生在描一描、量一量中说出周长的含义。', marked: true }]);
  });

  it('shows an added item with nothing on the old side, and a removed one with nothing on the new side', () => {
    const added = view.groups[2]!.changes[0]!;
    expect(added.fields.every((f) => f.before.length === 0)).toBe(true);
    expect(
      added.fields
        .find((f) => f.key === 'prompt')!
        .after.map((p) => p.text)
        .join(''),
    ).toBe('一个正方形边长 5 厘米，周长是多少厘米？');
    const gone = view.groups[0]!.changes[0]!;
    expect(gone.fields.every((f) => f.after.length === 0)).toBe(true);
  });

  it('says when the two versions are the same, and when the same version is picked twice', () => {
    expect(diffView(apiDiff(plan, structuredClone(plan)))).toMatchObject({ summary: '两个版本内容相同', groups: [] });
    const same = apiDiff(plan, plan);
    expect(diffView({ ...same, to: same.from }).summary).toBe('选的是同一个版本，没有可比较的内容');
  });
});

describe('the parts the group comments on', () => {
  it('are the plan parts by anchor id, grouped, with the deck’s slides and without the meta section', () => {
    const groups = reviewGroups(plan, { slides: [{ title: '周长', body: ['封闭图形一周的长度'], notes: '' }] });
    expect(groups.map((g) => g.title)).toEqual([
      '教学目标',
      '重点、难点与易错点',
      '教学过程',
      '板书与分层作业',
      '三单题目',
      '课件',
      '课标、教材与学情等',
    ]);
    const process = groups.find((g) => g.key === 'process')!;
    expect(process.parts.map((p) => p.id)).toEqual(plan.process.map((_, i) => `S${i + 1}`));
    expect(groups.find((g) => g.key === 'slides')!.parts[0]).toMatchObject({ part: 'slide', id: 'slide-1', label: '课件第 1 页「周长」' });
    expect(groups.flatMap((g) => g.parts).some((p) => p.id === 'meta')).toBe(false);
  });
});
