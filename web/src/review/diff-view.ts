import type { components } from '../api/schema.js';

export type PlanDiff = components['schemas']['PlanDiff'];
type Change = PlanDiff['changes'][number];
type Segment = Change['fields'][number]['segments'][number];

/** A run of text on one side of the comparison; `marked` is what went (left) or came (right). */
export interface Piece {
  text: string;
  marked: boolean;
}

export interface FieldView {
  key: string;
  label: string;
  /** The old text with what was deleted marked; empty when the field is new. */
  before: Piece[];
  /** The new text with what was inserted marked; empty when the field is gone. */
  after: Piece[];
  /** Little of the old text is left: the whole field is marked on both sides, and the screen says it was rewritten. */
  rewritten: boolean;
}

export interface ChangeView {
  key: string;
  change: Change['change'];
  /** 修改 / 新增 / 删除 */
  tag: string;
  /** One Chinese sentence: 「教学过程 S2「探究新知」」修改了设计意图、教师活动。 */
  sentence: string;
  fields: FieldView[];
}

export interface DiffGroupView {
  title: string;
  changes: ChangeView[];
}

export interface DiffView {
  /** 第 2 版（初案）→ 第 3 版（共案） */
  heading: string;
  summary: string;
  groups: DiffGroupView[];
}

const GROUP_OF: Record<Change['part'], string> = {
  objective: '教学目标',
  keyPoint: '重点、难点与易错点',
  difficultPoint: '重点、难点与易错点',
  misconception: '重点、难点与易错点',
  step: '教学过程',
  board: '板书与分层作业',
  homework: '板书与分层作业',
  sheetItem: '三单题目',
  slide: '课件',
  section: '课标、教材与学情等',
};
const ORDER = [...new Set(Object.values(GROUP_OF))];
const TAG: Record<Change['change'], string> = { changed: '修改', added: '新增', removed: '删除' };

/** Below this share of kept characters a field counts as rewritten: marking scattered common characters would be noise. */
const REWRITTEN = 0.4;

function side(segments: Segment[], keep: 'insert' | 'delete', rewritten: boolean): Piece[] {
  const pieces = segments.filter((s) => s.op === 'equal' || s.op === keep);
  if (rewritten) return [{ text: pieces.map((s) => s.text).join(''), marked: true }];
  return pieces.map((s) => ({ text: s.text, marked: s.op === keep }));
}

function isRewrite(field: Change['fields'][number]): boolean {
  const kept = field.segments.filter((s) => s.op === 'equal').reduce((n, s) => n + s.text.length, 0);
  return kept < REWRITTEN * Math.max(field.before.length, field.after.length);
}

function sentence(change: Change): string {
  const fields = change.fields.map((f) => f.label).join('、');
  if (change.change === 'added') return `新增了${change.label}。`;
  if (change.change === 'removed') return `删除了${change.label}。`;
  return `${change.label}：修改了${fields}。`;
}

/**
 * The server's field-level diff as the screen reads it: grouped like the plan
 * (教学目标, 教学过程, 三单题目 …), one sentence per changed part, and each
 * changed field side by side, old on the left with the deleted words marked,
 * new on the right with the inserted words marked (a field rewritten almost
 * entirely is marked whole). Nothing of the JSON is shown.
 *
 * @example
 * diffView(await ask(api.GET('/api/lessons/{id}/plan/diff', …))).groups[0].changes[0].sentence;
 * // '教学过程 S2「探究新知」：修改了设计意图。'
 */
export function diffView(diff: PlanDiff): DiffView {
  const name = (v: PlanDiff['from']) => `第 ${v.number} 版（${v.labelName}）`;
  const views = diff.changes.map((change) => ({
    group: GROUP_OF[change.part],
    view: {
      key: `${change.part}:${change.id}`,
      change: change.change,
      tag: TAG[change.change],
      sentence: sentence(change),
      fields: change.fields.map((f) => {
        const rewritten = isRewrite(f);
        return {
          key: f.field,
          label: f.label,
          rewritten,
          before: f.before ? side(f.segments, 'delete', rewritten) : [],
          after: f.after ? side(f.segments, 'insert', rewritten) : [],
        };
      }),
    },
  }));
  return {
    heading: `${name(diff.from)} → ${name(diff.to)}`,
    summary: diff.from.id === diff.to.id ? '选的是同一个版本，没有可比较的内容' : diff.summary,
    groups: ORDER.map((title) => ({ title, changes: views.filter((v) => v.group === title).map((v) => v.view) })).filter(
      (g) => g.changes.length > 0,
    ),
  };
}
