import { diffChars } from 'diff';
import { type AnchorPart, planParts } from './plan-parts.js';

/** A run of characters: kept, inserted or deleted. */
export interface TextSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface FieldChange {
  field: string;
  /** 教师活动, 题目 … */
  label: string;
  /** '' when the field did not exist on that side. */
  before: string;
  after: string;
  /** Character-level: what stayed, what went, what came. */
  segments: TextSegment[];
}

export interface PartChange {
  part: AnchorPart;
  id: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
}

export interface PlanDiff {
  changes: PartChange[];
  /** 修改 3 处，新增 1 处，删除 0 处 */
  summary: string;
}

function segmentsOf(before: string, after: string): TextSegment[] {
  return diffChars(before, after).map((part) => ({
    op: part.added ? ('insert' as const) : part.removed ? ('delete' as const) : ('equal' as const),
    text: part.value,
  }));
}

/**
 * What changed between two plans, part by part and field by field: objectives,
 * process steps and sheet items are matched by id (see `planParts`), so a
 * step moved or renamed is one change, not a delete and an add. Sources and
 * provenance are left out: they say where text came from, not what it says.
 *
 * @example
 * diffPlans(v1.plan, v2.plan).changes[0];
 * // { part: 'step', id: 'S2', label: '教学过程 S2「探究新知」', change: 'changed',
 * //   fields: [{ field: 'teacherActivity', before: '…', after: '…', segments: [...] }] }
 */
export function diffPlans(before: unknown, after: unknown): PlanDiff {
  const key = (p: { part: string; id: string }) => `${p.part}\u0000${p.id}`;
  const old = new Map(planParts(before).map((p) => [key(p), p]));
  const now = planParts(after);
  const seen = new Set(now.map(key));
  const changes: PartChange[] = [];

  for (const part of now) {
    const previous = old.get(key(part));
    const fields: FieldChange[] = [];
    const names = [...new Set([...(previous?.fields ?? []).map((f) => f.name), ...part.fields.map((f) => f.name)])];
    for (const name of names) {
      const a = previous?.fields.find((f) => f.name === name);
      const b = part.fields.find((f) => f.name === name);
      const beforeText = a?.text ?? '';
      const afterText = b?.text ?? '';
      if (beforeText === afterText) continue;
      fields.push({
        field: name,
        label: (b ?? a)!.label,
        before: beforeText,
        after: afterText,
        segments: segmentsOf(beforeText, afterText),
      });
    }
    if (!previous) changes.push({ part: part.part, id: part.id, label: part.label, change: 'added', fields });
    else if (fields.length > 0) changes.push({ part: part.part, id: part.id, label: part.label, change: 'changed', fields });
  }
  for (const [k, part] of old) {
    if (seen.has(k)) continue;
    const fields = part.fields
      .filter((f) => f.text !== '')
      .map((f) => ({ field: f.name, label: f.label, before: f.text, after: '', segments: segmentsOf(f.text, '') }));
    changes.push({ part: part.part, id: part.id, label: part.label, change: 'removed', fields });
  }
  const count = (kind: PartChange['change']) => changes.filter((c) => c.change === kind).length;
  const summary =
    changes.length === 0 ? '两个版本内容相同' : `修改 ${count('changed')} 处，新增 ${count('added')} 处，删除 ${count('removed')} 处`;
  return { changes, summary };
}

/**
 * The diff as plain text for a teacher: one block per part, − before and + after
 * for each changed field, and the changed characters marked 【】 inside them.
 */
export function diffText(diff: PlanDiff): string {
  const mark = (segments: TextSegment[], keep: 'insert' | 'delete') =>
    segments
      .filter((s) => s.op === 'equal' || s.op === keep)
      .map((s) => (s.op === keep ? `【${s.text}】` : s.text))
      .join('');
  const blocks = diff.changes.map((change) => {
    const title = `${change.label}（${change.change === 'added' ? '新增' : change.change === 'removed' ? '删除' : '修改'}）`;
    const lines = change.fields.flatMap((f) => [
      `  ${f.label}`,
      ...(f.before ? [`    − ${mark(f.segments, 'delete')}`] : []),
      ...(f.after ? [`    + ${mark(f.segments, 'insert')}`] : []),
    ]);
    return [title, ...lines].join('\n');
  });
  return [diff.summary, ...blocks].join('\n\n');
}
