import type { LessonPlan } from '../api/client.js';
import { MIN_STEPS, STEP_ROLE_LABEL, type StepRole } from './step-roles.js';
import type { Origin, SourceRef } from './text-block.js';

/** Where a value sits in the plan: `['process', 2, 'minutes']`. */
export type PlanPath = (string | number)[];

/** A text of the plan with its origin, as the plan stores it. */
export interface PlanBlock {
  text: string;
  origin: Origin;
  sources: SourceRef[];
}

/** The key a path is known by in error maps and element ids: `process.2.minutes`. */
export const pathKey = (path: PlanPath): string => path.join('.');

const isBlock = (value: unknown): value is PlanBlock =>
  !!value && typeof value === 'object' && typeof (value as PlanBlock).text === 'string' && Array.isArray((value as PlanBlock).sources);

function at(root: unknown, path: PlanPath): unknown {
  let node = root;
  for (const key of path) node = node == null ? undefined : (node as Record<string | number, unknown>)[key];
  return node;
}

/** A plain copy: the plan is JSON, and a reactive proxy cannot go through structuredClone. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Every text block of the plan with its path, in document order. Only what
 * the plan marks as a block (text, origin, sources): option strings and
 * names are not blocks.
 */
export function blocksOf(value: unknown, path: PlanPath = []): { path: PlanPath; block: PlanBlock }[] {
  if (Array.isArray(value)) return value.flatMap((child, i) => blocksOf(child, [...path, i]));
  if (!value || typeof value !== 'object') return [];
  const here = isBlock(value) && typeof (value as PlanBlock).origin === 'string' ? [{ path, block: value as PlanBlock }] : [];
  return [
    ...here,
    ...Object.entries(value)
      .filter(([key]) => key !== 'sources')
      .flatMap(([key, child]) => blocksOf(child, [...path, key])),
  ];
}

/**
 * The edit a teacher or prep lead is making to one plan version (教学设计修改稿):
 * a working copy of the plan, the version it started from, and the checks a
 * save would fail, worked out as she types so each shows beside its field
 * before she saves. A text she changes becomes hers (`teacher`, no sources); a
 * text she puts back as it was gets its origin and sources back. The server
 * settles origins again on save (src/lessons/plan-edits.ts), so this is what
 * she sees, not what is trusted.
 *
 * @example
 * const draft = reactive(new PlanDraft(version.plan));
 * draft.setText(['objectives', 0], '能说出周长的含义');
 * draft.setMinutes(1, 12);
 * draft.issues['process']; // '各环节合计 42 分钟，比课时 40 分钟多 2 分钟'
 */
export class PlanDraft {
  plan: LessonPlan;
  readonly base: LessonPlan;
  /** What the server refused at the last save, by field; a field's message goes once she changes that field. */
  serverIssues: Record<string, string> = {};

  constructor(base: LessonPlan) {
    this.base = copy(base);
    this.plan = copy(base);
  }

  /** Sets a block's words; the origin follows (hers, or back to what it was when the words are the old ones). */
  setText(path: PlanPath, text: string): void {
    const block = at(this.plan, path);
    if (!isBlock(block)) throw new Error(`no text at ${pathKey(path)}`);
    delete this.serverIssues[pathKey(path)];
    const before = at(this.base, path);
    // An empty box over a blank leaves the blank in place: 【待教师补充】 stays visibly to fill.
    const restored = isBlock(before) && (before.text === text || (before.origin === 'blank' && text.trim() === ''));
    if (restored) Object.assign(block, { text: before.text, origin: before.origin, sources: copy(before.sources) });
    else Object.assign(block, { text, origin: 'teacher', sources: [] });
  }

  /** Minutes as typed: a box left empty or not a whole number is kept as NaN so the check can name it. */
  setMinutes(step: number, value: string): void {
    const minutes = Number(value.trim());
    for (const key of ['process', pathKey(['process', step, 'minutes'])]) delete this.serverIssues[key];
    this.plan.process[step]!.minutes = value.trim() === '' || !Number.isInteger(minutes) ? Number.NaN : minutes;
  }

  setStepName(step: number, name: string): void {
    this.plan.process[step]!.name = name;
    delete this.serverIssues[pathKey(['process', step, 'name'])];
  }

  setOption(sheet: keyof LessonPlan['sheets'], item: number, option: number, text: string): void {
    const options = this.plan.sheets[sheet].items[item]!.options;
    if (options) options[option] = text;
    delete this.serverIssues[pathKey(['sheets', sheet, 'items', item, 'options', option])];
  }

  /** Adds a block of hers to a list (a key point, a homework item): empty until she writes it. */
  addBlock(path: PlanPath): void {
    (at(this.plan, path) as PlanBlock[]).push({ text: '', origin: 'teacher', sources: [] });
  }

  /** Gives a sheet item an answer key (达标检测 items need one): empty until she writes it. */
  addAnswer(sheet: keyof LessonPlan['sheets'], item: number): void {
    this.plan.sheets[sheet].items[item]!.answer = { text: '', origin: 'teacher', sources: [] };
  }

  /** Adds a 易错点 with its 对策, numbered after the last. */
  addMisconception(): void {
    const next = Math.max(0, ...this.plan.misconceptions.map((m) => Number(m.id.slice(1)) || 0)) + 1;
    const empty = () => ({ text: '', origin: 'teacher' as const, sources: [] });
    this.plan.misconceptions.push({ id: `X${next}`, text: empty(), remedy: empty() });
  }

  /** Removes an item of a list; a list the plan needs at least one of (`keep`) keeps its last. */
  remove(path: PlanPath, index: number, keep = 1): void {
    const list = at(this.plan, path) as unknown[];
    if (list.length > keep) list.splice(index, 1);
    this.serverIssues = {};
  }

  /**
   * Adds an empty 环节 of this role after step `after` (-1: first). Its id is
   * after every id the version and her edit hold, so nothing that pointed at
   * a removed step points at it; the server also makes sure no earlier version
   * used it. Name, minutes and cells are hers to fill.
   */
  addStep(after: number, role: StepRole): string {
    const used = [...this.base.process, ...this.plan.process].map((step) => Number(step.id.slice(1)) || 0);
    const id = `S${Math.max(0, ...used) + 1}`;
    const empty = () => ({ text: '', origin: 'teacher' as const, sources: [] });
    this.plan.process.splice(after + 1, 0, {
      id,
      role,
      name: STEP_ROLE_LABEL[role],
      minutes: Number.NaN,
      teacherActivity: empty(),
      studentActivity: empty(),
      intent: empty(),
      objectiveIds: [],
      clip: null,
    });
    this.serverIssues = {};
    return id;
  }

  /** Removes a 环节 (a plan keeps at least two); its clip goes with it. Its id stays in `base`, so a step added later never takes it. */
  removeStep(index: number): void {
    if (this.plan.process.length <= MIN_STEPS) return;
    this.plan.process.splice(index, 1);
    this.serverIssues = {};
  }

  /** Moves a 环节 up (-1) or down (+1); ids stay with their steps, so comments and clips follow. */
  moveStep(index: number, by: -1 | 1): void {
    const to = index + by;
    const steps = this.plan.process;
    if (to < 0 || to >= steps.length) return;
    [steps[index], steps[to]] = [steps[to]!, steps[index]!];
    this.serverIssues = {};
  }

  get minutesTotal(): number {
    return this.plan.process.reduce((sum, step) => sum + (Number.isFinite(step.minutes) ? step.minutes : 0), 0);
  }

  /** The plan differs from the version it started from. */
  get dirty(): boolean {
    return JSON.stringify(this.plan) !== JSON.stringify(this.base);
  }

  /** Blanks still to fill (【待教师补充】). */
  get blanks(): number {
    return blocksOf(this.plan).filter(({ block }) => block.origin === 'blank').length;
  }

  /**
   * What a save would be refused for, by the path of the field to show it at
   * (`process` for the total). The same rules as the plan's schema, in the
   * words the page uses.
   */
  get issues(): Record<string, string> {
    const issues: Record<string, string> = {};
    const { plan } = this;
    plan.process.forEach((step, i) => {
      if (!Number.isInteger(step.minutes) || step.minutes <= 0) issues[pathKey(['process', i, 'minutes'])] = '请填写大于 0 的整数分钟';
      if (step.name.trim() === '') issues[pathKey(['process', i, 'name'])] = '请填写环节名称';
    });
    const total = this.minutesTotal;
    if (total !== plan.periodMinutes) {
      const gap = total - plan.periodMinutes;
      issues.process = `各环节合计 ${total} 分钟，${gap > 0 ? `比课时 ${plan.periodMinutes} 分钟多 ${gap}` : `比课时 ${plan.periodMinutes} 分钟少 ${-gap}`} 分钟`;
    }
    for (const { path, block } of blocksOf(plan)) {
      if (block.text.trim() === '') issues[pathKey(path)] = '请填写内容，或删除这一条';
    }
    plan.objectives.forEach((objective, i) => {
      if (objective.text.trim() !== '' && objective.text.trim().length < 4) issues[pathKey(['objectives', i])] = '教学目标至少写 4 个字';
    });
    for (const key of ['preStudy', 'exploration', 'masteryCheck'] as const) {
      plan.sheets[key].items.forEach((item, i) => {
        item.options?.forEach((option, j) => {
          if (option.trim() === '') issues[pathKey(['sheets', key, 'items', i, 'options', j])] = '请填写选项';
        });
      });
    }
    return issues;
  }

  /**
   * Her edit carried onto the newer version someone saved meanwhile (see
   * `rebaseEdit`): a new draft based on `latest`, and how many places both changed.
   */
  carryOnto(latest: LessonPlan): { draft: PlanDraft; clashes: number } {
    const { plan, clashes } = rebaseEdit(this.base, this.plan, latest);
    const draft = new PlanDraft(latest);
    draft.plan = plan;
    return { draft, clashes };
  }

  /** Her own checks and the server's, by field: what the page shows. */
  get allIssues(): Record<string, string> {
    return { ...this.serverIssues, ...this.issues };
  }

  /** The plan to send: minutes she left empty cannot be, as the issues say first. */
  toSave(): LessonPlan {
    return copy(this.plan);
  }
}

/**
 * The server's validation details (`{ path, message }`, paths from the request
 * body) as messages by field: `['plan', 'objectives', 0, 'text']` is shown at
 * the objective's box. English validator wording becomes a Chinese sentence;
 * the plan's own rules are Chinese already.
 */
export function issuesFromServer(details: unknown): Record<string, string> {
  const issues: Record<string, string> = {};
  if (!Array.isArray(details)) return issues;
  for (const issue of details) {
    const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
    if (!Array.isArray(path)) continue;
    const inPlan = path[0] === 'plan' ? path.slice(1) : path;
    const field = inPlan.at(-1) === 'text' ? inPlan.slice(0, -1) : inPlan;
    const sentence = typeof message === 'string' && /[\u4e00-\u9fff]/u.test(message) ? message : '这里填写得不符合要求，请检查';
    issues[pathKey(field as PlanPath)] = sentence;
  }
  return issues;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Her edit carried over onto a newer version someone saved meanwhile: a
 * three-way merge of JSON. What only she changed is hers, what only they
 * changed is theirs; where both changed the same words (or a list changed
 * length on both sides) hers is kept and counted, for her to check.
 *
 * @example
 * const { plan, clashes } = rebaseEdit(draft.base, draft.plan, latest.plan);
 */
export function rebaseEdit<T>(base: T, mine: T, theirs: T): { plan: T; clashes: number } {
  let clashes = 0;
  const merge = (b: unknown, m: unknown, t: unknown): unknown => {
    if (same(m, b)) return copy(t);
    if (same(t, b) || same(m, t)) return copy(m);
    const objects = [b, m, t].every((v) => v !== null && typeof v === 'object');
    const arrays = [b, m, t].every(Array.isArray);
    if (arrays && (b as unknown[]).length === (m as unknown[]).length && (m as unknown[]).length === (t as unknown[]).length) {
      return (m as unknown[]).map((item, i) => merge((b as unknown[])[i], item, (t as unknown[])[i]));
    }
    if (objects && ![b, m, t].some(Array.isArray)) {
      const keys = new Set([...Object.keys(b as object), ...Object.keys(m as object), ...Object.keys(t as object)]);
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const value = merge((b as Record<string, unknown>)[key], (m as Record<string, unknown>)[key], (t as Record<string, unknown>)[key]);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    clashes += 1;
    return copy(m);
  };
  return { plan: merge(base, mine, theirs) as T, clashes };
}
