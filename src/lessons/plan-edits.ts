import { type LessonPlan, type TextBlock, textBlocksOf } from '../domain/index.js';

const pathKey = (path: (string | number)[]) => path.join('.');

/**
 * A teacher's edit, with honest origins: a block whose text she changed or
 * added is hers (`teacher`); a block she left as it was keeps the origin it
 * had in the version she edited, whatever the request says, so an edit cannot
 * relabel rule wording as the book's. A block moved elsewhere (a reordered
 * step) is found by its text.
 *
 * @example
 * const saved = teacherEdit(latestPlan, editedPlan);
 * saved.learnerAnalysis.origin // 'teacher' when she rewrote 学情分析
 */
export function teacherEdit(base: LessonPlan, edited: LessonPlan): LessonPlan {
  const before = textBlocksOf(base);
  const byPath = new Map(before.map(({ path, block }) => [pathKey(path), block]));
  const byText = new Map<string, TextBlock>();
  for (const { block } of before) if (!byText.has(block.text)) byText.set(block.text, block);
  const copy = structuredClone(edited);
  for (const { path, block } of textBlocksOf(copy)) {
    const at = byPath.get(pathKey(path));
    const same = at && at.text === block.text ? at : byText.get(block.text);
    if (same) {
      block.origin = same.origin;
      block.sources = same.sources;
    } else {
      block.origin = 'teacher';
    }
  }
  return copy;
}

/**
 * The edit with each new 环节 (an id the newest version does not have) given
 * an id no version of the lesson has used, numbered after all of them. A new
 * step has nothing pointing at it yet, so renumbering it loses nothing; an id
 * used before would pick up the comments of the step that had it.
 *
 * @example
 * freshStepIds(edited, latestPlan, new Set(['S1', 'S2', 'S3', 'S4'])); // a new S4 (S4 was removed once) becomes S5
 */
export function freshStepIds(edited: LessonPlan, latest: LessonPlan, used: Set<string>): LessonPlan {
  const current = new Set(latest.process.map((step) => step.id));
  const reused = edited.process.filter((step) => !current.has(step.id) && used.has(step.id));
  if (reused.length === 0) return edited;
  const taken = [...used, ...edited.process.map((step) => step.id)].map((id) => Number(id.slice(1)) || 0);
  let next = Math.max(0, ...taken);
  const copy = structuredClone(edited);
  for (const step of copy.process) if (!current.has(step.id) && used.has(step.id)) step.id = `S${++next}`;
  return copy;
}
