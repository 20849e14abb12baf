import type { Results, ResultsInput } from './report-types.js';

/** One 达标检测 item as the form lists it: its id on the sheet, its prompt and the objectives it checks. */
export interface CheckItem {
  id: string;
  prompt: string;
  objectiveIds: string[];
}

/**
 * What the teacher is typing: per item (how many of the class got each
 * right) or per student (which items each got right; 学情, never shown to
 * observers). Numbers stay text until checked, so nothing she typed is lost
 * to a parse.
 */
export interface ResultsDraft {
  mode: 'items' | 'students';
  classSize: string;
  correct: Record<string, string>;
  students: { student: string; correct: string[] }[];
}

/** Problems by field (`classSize`, `item-M1`, `student-3`), each a sentence shown beside it. */
export type ResultsErrors = Record<string, string>;

const MAX_CLASS = 200;
const WHOLE = /^\d+$/u;

/**
 * The form's starting point: the results already entered, or an empty form
 * per item.
 *
 * @example
 * draftFrom(null, items); // { mode: 'items', classSize: '', correct: { M1: '', M2: '' }, students: [] }
 */
export function draftFrom(results: Results | null, items: readonly CheckItem[]): ResultsDraft {
  const counts = new Map(results?.items.map((i) => [i.itemId, String(i.correct)]) ?? []);
  const correct = Object.fromEntries(items.map((item) => [item.id, counts.get(item.id) ?? '']));
  if (results?.students) {
    return {
      mode: 'students',
      classSize: String(results.classSize),
      correct,
      students: results.students.map((s) => ({ student: s.student, correct: [...s.correct] })),
    };
  }
  return { mode: 'items', classSize: results ? String(results.classSize) : '', correct, students: [] };
}

const itemName = (items: readonly CheckItem[], id: string) => `第 ${items.findIndex((i) => i.id === id) + 1} 题（${id}）`;

/**
 * Checks the draft the way the service will, in sentences a teacher reads
 * beside each field; an empty object means it can be sent.
 *
 * @example
 * validateResults({ mode: 'items', classSize: '40', correct: { M1: '45' }, students: [] }, items);
 * // { 'item-M1': '第 1 题（M1）答对 45 人，超过了参测人数 40 人。' }
 */
export function validateResults(draft: ResultsDraft, items: readonly CheckItem[]): ResultsErrors {
  const errors: ResultsErrors = {};
  const size = draft.classSize.trim();
  const classSize = WHOLE.test(size) ? Number(size) : null;
  if (size === '') {
    if (draft.mode === 'items') errors.classSize = '请填写参测人数（参加达标检测的学生数）。';
  } else if (classSize === null || classSize < 1 || classSize > MAX_CLASS) {
    errors.classSize = `参测人数要是 1 到 ${MAX_CLASS} 之间的整数。`;
  }
  if (draft.mode === 'items') {
    for (const item of items) {
      const text = (draft.correct[item.id] ?? '').trim();
      const name = itemName(items, item.id);
      if (text === '') errors[`item-${item.id}`] = `请填写${name}的答对人数；没有人答对请填 0。`;
      else if (!WHOLE.test(text)) errors[`item-${item.id}`] = `${name}的答对人数要是 0 或正整数。`;
      else if (classSize !== null && Number(text) > classSize)
        errors[`item-${item.id}`] = `${name}答对 ${Number(text)} 人，超过了参测人数 ${classSize} 人。`;
    }
    return errors;
  }
  if (draft.students.length === 0) errors.students = '请至少录入一位学生，或改为“按题录入”。';
  const seen = new Set<string>();
  draft.students.forEach((row, i) => {
    const name = row.student.trim();
    if (name === '') errors[`student-${i}`] = `第 ${i + 1} 行请填写学生的学号或姓名。`;
    else if (name.length > 40) errors[`student-${i}`] = `第 ${i + 1} 行的学号或姓名太长（最多 40 个字）。`;
    else if (seen.has(name)) errors[`student-${i}`] = `学生「${name}」录入了两次。`;
    seen.add(name);
  });
  if (!errors.classSize && classSize !== null && classSize < draft.students.length)
    errors.classSize = `参测人数 ${classSize} 少于录入的学生数 ${draft.students.length}。`;
  if (draft.students.length > MAX_CLASS) errors.students = `一次最多录入 ${MAX_CLASS} 位学生。`;
  return errors;
}

/**
 * The request body for a draft that passed `validateResults`.
 *
 * @example
 * resultsInput({ mode: 'items', classSize: '40', correct: { M1: '32' }, students: [] }, items);
 * // { classSize: 40, items: [{ itemId: 'M1', correct: 32 }] }
 */
export function resultsInput(draft: ResultsDraft, items: readonly CheckItem[]): ResultsInput {
  const size = draft.classSize.trim();
  if (draft.mode === 'items') {
    return { classSize: Number(size), items: items.map((item) => ({ itemId: item.id, correct: Number(draft.correct[item.id]!.trim()) })) };
  }
  const known = new Set(items.map((i) => i.id));
  return {
    ...(size === '' ? {} : { classSize: Number(size) }),
    students: draft.students.map((s) => ({ student: s.student.trim(), correct: s.correct.filter((id) => known.has(id)) })),
  };
}
