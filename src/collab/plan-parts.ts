import { z } from 'zod';

/**
 * The one module that knows where things are in a plan's JSON. Comments
 * anchor to a part by data (`{ part, id, field? }`), the version diff matches
 * parts by the same ids, and a suggestion is applied here; nothing else walks
 * the plan. When the plan's structure changes, only this file changes.
 *
 * Ids: a part's own `id` when it has one (objectives O1…, sheet items P1/E1/M1,
 * and process steps and slides once they carry ids). Parts without one are
 * named by their 1-based position: process steps S1, S2 …, key points K1 …,
 * difficult points D1 …, misconceptions W1 …, homework basic-1, advanced-2 …,
 * slides slide-1 …. The plan's sections are named by their key
 * (textbookAnalysis, learnerAnalysis, standards, methods, preparation,
 * reflection, meta, sheets.preStudy …).
 *
 * Text may be a plain string or a text block `{ text, origin, sources }`; a
 * replaced block keeps its sources and its origin becomes `teacher`.
 */
export const AnchorPart = z.enum([
  'objective',
  'step',
  'sheetItem',
  'keyPoint',
  'difficultPoint',
  'misconception',
  'board',
  'homework',
  'slide',
  'section',
]);
export type AnchorPart = z.infer<typeof AnchorPart>;

export const Anchor = z.object({
  part: AnchorPart,
  id: z.string().trim().min(1).max(60),
  /** A field of the part (teacherActivity, prompt, answer, text …); none for the part as a whole. */
  field: z.string().trim().min(1).max(40).optional(),
});
export type Anchor = z.infer<typeof Anchor>;

export interface PartField {
  name: string;
  /** 教师活动, 题目, 答案 … */
  label: string;
  /** Where the value sits in the plan (or deck) JSON. */
  path: (string | number)[];
  /** The value as a teacher reads it. */
  text: string;
  /** Whether a suggestion may replace it: free text only, never minutes, ids or choices. */
  replaceable: boolean;
}

export interface PlanPart {
  part: AnchorPart;
  id: string;
  /** 教学过程 S2「探究新知」, 教学目标 O1 … */
  label: string;
  fields: PartField[];
  /** The field a suggestion replaces when the anchor names none (objective → text); null when a field must be named. */
  mainField: string | null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A string, a text block's text, a number, a list of those joined with 、, or '' for nothing. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isObject(value) && typeof value.text === 'string') return value.text;
  if (Array.isArray(value)) return value.map(textOf).join('、');
  return '';
}

const isText = (value: unknown) => typeof value === 'string' || (isObject(value) && typeof value.text === 'string') || value === null;
const ownId = (value: unknown): string | null => (isObject(value) && typeof value.id === 'string' && value.id ? value.id : null);

function field(container: unknown, base: (string | number)[], name: string, label: string, replaceable = true): PartField | null {
  if (!isObject(container) || !(name in container)) return null;
  const value = container[name];
  return { name, label, path: [...base, name], text: textOf(value), replaceable: replaceable && isText(value) };
}

const fields = (...list: (PartField | null)[]) => list.filter((f): f is PartField => f !== null);

/** A list item that is its own text (a Grounded point, a homework line): one field named text. */
function itemText(value: unknown, path: (string | number)[]): PartField {
  return { name: 'text', label: '内容', path, text: textOf(value), replaceable: isText(value) };
}

const SHEETS = [
  ['preStudy', '预学单'],
  ['exploration', '探究单'],
  ['masteryCheck', '达标检测单'],
] as const;
const TIERS = [
  ['basic', '基础'],
  ['advanced', '提高'],
  ['challenge', '拓展'],
] as const;

function sectionParts(plan: Json): PlanPart[] {
  const parts: PlanPart[] = [
    {
      part: 'section',
      id: 'meta',
      label: '基本信息',
      mainField: null,
      fields: fields(
        field(plan, [], 'title', '课题'),
        field(plan, [], 'edition', '版本', false),
        field(plan, [], 'periodMinutes', '课时（分钟）', false),
      ),
    },
  ];
  const block = (key: string, label: string) => {
    if (!(key in plan)) return;
    parts.push({ part: 'section', id: key, label, mainField: 'text', fields: [{ ...itemText(plan[key], [key]), label }] });
  };
  const list = (key: string, label: string) => {
    if (!Array.isArray(plan[key])) return;
    parts.push({
      part: 'section',
      id: key,
      label,
      mainField: null,
      fields: array(plan[key]).map((item, i) => ({ ...itemText(item, [key, i]), name: String(i + 1), label: `第 ${i + 1} 条` })),
    });
  };
  list('standards', '课标要求');
  block('textbookAnalysis', '教材分析');
  block('learnerAnalysis', '学情分析');
  list('methods', '教学方法');
  list('preparation', '教学准备');
  block('reflection', '教学反思');
  const sheets = isObject(plan.sheets) ? plan.sheets : {};
  for (const [key, label] of SHEETS) {
    const sheet = sheets[key];
    if (!isObject(sheet)) continue;
    parts.push({
      part: 'section',
      id: `sheets.${key}`,
      label,
      mainField: null,
      fields: fields(field(sheet, ['sheets', key], 'title', '标题'), field(sheet, ['sheets', key], 'instructions', '说明')),
    });
  }
  return parts;
}

/**
 * Every anchorable part of a plan, in reading order.
 *
 * @example
 * planParts(plan).find((p) => p.part === 'step' && p.id === 'S2')?.fields.map((f) => f.label);
 * // ['环节', '时间（分钟）', '教师活动', '学生活动', '设计意图', '指向目标']
 */
export function planParts(planJson: unknown): PlanPart[] {
  const plan = isObject(planJson) ? planJson : {};
  const parts = sectionParts(plan);

  array(plan.objectives).forEach((o, i) => {
    const id = ownId(o) ?? `O${i + 1}`;
    const base = ['objectives', i];
    parts.push({
      part: 'objective',
      id,
      label: `教学目标 ${id}`,
      mainField: 'text',
      fields: fields(field(o, base, 'text', '目标'), field(o, base, 'verb', '行为动词', false), field(o, base, 'dimension', '维度', false)),
    });
  });

  const points = (key: string, part: AnchorPart, prefix: string, label: string) =>
    array(plan[key]).forEach((point, i) => {
      const id = ownId(point) ?? `${prefix}${i + 1}`;
      const text = isObject(point) && 'text' in point ? field(point, [key, i], 'text', '内容') : itemText(point, [key, i]);
      const extra = part === 'misconception' ? [field(point, [key, i], 'remedy', '对策')] : [];
      parts.push({ part, id, label: `${label} ${id}`, mainField: 'text', fields: fields(text, ...extra) });
    });
  points('keyPoints', 'keyPoint', 'K', '教学重点');
  points('difficultPoints', 'difficultPoint', 'D', '教学难点');
  points('misconceptions', 'misconception', 'W', '易错点');

  array(plan.process).forEach((step, i) => {
    const id = ownId(step) ?? `S${i + 1}`;
    const base = ['process', i];
    parts.push({
      part: 'step',
      id,
      label: `教学过程 ${id}「${isObject(step) ? textOf(step.name) : ''}」`,
      mainField: null,
      fields: fields(
        field(step, base, 'name', '环节'),
        field(step, base, 'minutes', '时间（分钟）', false),
        field(step, base, 'role', '环节类型', false),
        field(step, base, 'teacherActivity', '教师活动'),
        field(step, base, 'studentActivity', '学生活动'),
        field(step, base, 'intent', '设计意图'),
        field(step, base, 'objectiveIds', '指向目标', false),
      ),
    });
  });

  if ('boardDesign' in plan) {
    parts.push({
      part: 'board',
      id: 'board',
      label: '板书设计',
      mainField: 'text',
      fields: [{ ...itemText(plan.boardDesign, ['boardDesign']), label: '板书' }],
    });
  }

  const homework = isObject(plan.homework) ? plan.homework : {};
  for (const [tier, tierLabel] of TIERS) {
    array(homework[tier]).forEach((item, i) => {
      const id = ownId(item) ?? `${tier}-${i + 1}`;
      const text =
        isObject(item) && 'text' in item ? field(item, ['homework', tier, i], 'text', '内容') : itemText(item, ['homework', tier, i]);
      parts.push({ part: 'homework', id, label: `分层作业 ${tierLabel} ${id}`, mainField: 'text', fields: fields(text) });
    });
  }

  const sheets = isObject(plan.sheets) ? plan.sheets : {};
  for (const [key, sheetLabel] of SHEETS) {
    const sheet = sheets[key];
    array(isObject(sheet) ? sheet.items : []).forEach((item, i) => {
      const id = ownId(item) ?? `${key}-${i + 1}`;
      const base = ['sheets', key, 'items', i];
      parts.push({
        part: 'sheetItem',
        id,
        label: `${sheetLabel} ${id}`,
        mainField: 'prompt',
        fields: fields(
          field(item, base, 'prompt', '题目'),
          field(item, base, 'options', '选项', false),
          field(item, base, 'answer', '答案'),
          field(item, base, 'type', '题型', false),
          field(item, base, 'tier', '层次', false),
          field(item, base, 'objectiveIds', '检测目标', false),
        ),
      });
    });
  }
  return parts;
}

/** The slides of a deck script (C2's artifact) as parts; slides are commented on, never edited through a suggestion (the deck is made from the plan). */
export function slideParts(deckJson: unknown): PlanPart[] {
  const deck = isObject(deckJson) ? deckJson : {};
  return array(deck.slides).map((slide, i) => {
    const id = ownId(slide) ?? `slide-${i + 1}`;
    const base = ['slides', i];
    return {
      part: 'slide' as const,
      id,
      label: `课件第 ${i + 1} 页「${isObject(slide) ? textOf(slide.title) : ''}」`,
      mainField: null,
      fields: fields(
        field(slide, base, 'title', '标题', false),
        field(slide, base, 'body', '正文', false),
        field(slide, base, 'notes', '讲稿', false),
      ),
    };
  });
}

export interface ResolvedAnchor {
  part: PlanPart;
  /** The named field, or null for the part as a whole. */
  field: PartField | null;
  /** What the anchor points at, as a teacher reads it: the field's text, or the part's fields one per line. */
  text: string;
}

/** Finds the anchored part in a plan (and, for slides, in the deck script); null when it is not there. */
export function resolveAnchor(planJson: unknown, anchor: Anchor, deckJson?: unknown): ResolvedAnchor | null {
  const parts = anchor.part === 'slide' ? slideParts(deckJson) : planParts(planJson);
  const part = parts.find((p) => p.part === anchor.part && p.id === anchor.id);
  if (!part) return null;
  if (!anchor.field) return { part, field: null, text: part.fields.map((f) => `${f.label}：${f.text}`).join('\n') };
  const found = part.fields.find((f) => f.name === anchor.field);
  return found ? { part, field: found, text: found.text } : null;
}

/** Why a suggestion cannot go on this anchor, or null when it can. */
export function suggestionRefusal(planJson: unknown, anchor: Anchor): string | null {
  if (anchor.part === 'slide') return '课件由教学设计生成，不能直接替换课件文字；请对教学设计的对应部分提出修改建议';
  const target = replaceTarget(planJson, anchor);
  return typeof target === 'string' ? target : null;
}

function replaceTarget(planJson: unknown, anchor: Anchor): PartField | string {
  const resolved = resolveAnchor(planJson, { ...anchor, field: undefined });
  if (!resolved) return `找不到评论所指的位置（${anchor.part} ${anchor.id}）`;
  const name = anchor.field ?? resolved.part.mainField;
  if (!name) return `${resolved.part.label} 有多个可改的内容，请指明改哪一项（field）`;
  const target = resolved.part.fields.find((f) => f.name === name);
  if (!target) return `${resolved.part.label} 没有“${name}”这一项`;
  if (!target.replaceable) return `${resolved.part.label} 的${target.label}不能用文字替换`;
  return target;
}

/** The text a suggestion on this anchor would replace, as it stands in this plan. */
export function replacedText(planJson: unknown, anchor: Anchor): string | null {
  const target = replaceTarget(planJson, anchor);
  return typeof target === 'string' ? null : target.text;
}

/**
 * The plan with the anchored text replaced: the same input always gives the
 * same plan. A text block keeps its sources and its origin becomes `teacher`;
 * a plain string is replaced. Throws when the anchor cannot take a suggestion.
 *
 * @example
 * applySuggestion(plan, { part: 'step', id: 'S2', field: 'teacherActivity' }, '出示长方形花坛图……');
 */
export function applySuggestion<T>(planJson: T, anchor: Anchor, text: string): T {
  return applyText(planJson, anchor, text, 'teacher');
}

/**
 * Like `applySuggestion`, with the origin the replaced text block takes: a
 * teacher's suggestion is `teacher`, a model's revision `model` (a plain
 * string carries no origin).
 */
export function applyText<T>(planJson: T, anchor: Anchor, text: string, origin: TextOrigin): T {
  const target = replaceTarget(planJson, anchor);
  if (typeof target === 'string') throw new Error(target);
  const plan = structuredClone(planJson) as unknown;
  let parent = plan as Json | unknown[];
  for (const key of target.path.slice(0, -1)) parent = (parent as Json)[key as string] as Json;
  const key = target.path.at(-1)!;
  const container = parent as Json;
  const current = container[key as string];
  if (isObject(current)) {
    container[key as string] = { ...current, text, ...('origin' in current ? { origin } : {}) };
  } else {
    container[key as string] = text;
    // A flat block ({ id, text, origin, sources }) carries its origin beside the text.
    if (key === 'text' && 'origin' in container) container.origin = origin;
  }
  return plan as T;
}

/**
 * Sets a process step's minutes (never text, so not through `applyText`): a
 * refinement that shortens the lesson's steps redistributes the time.
 *
 * @example
 * setStepMinutes(plan, 'S2', 12);
 */
export function setStepMinutes<T>(planJson: T, stepId: string, minutes: number): T {
  const target = planParts(planJson)
    .find((p) => p.part === 'step' && p.id === stepId)
    ?.fields.find((f) => f.name === 'minutes');
  if (!target) throw new Error(`教学过程没有环节 ${stepId}`);
  const plan = structuredClone(planJson) as unknown;
  let parent = plan as Json;
  for (const key of target.path.slice(0, -1)) parent = parent[key as string] as Json;
  parent.minutes = minutes;
  return plan as T;
}

/** Who wrote a piece of text (the plan's text blocks carry it once they are blocks). */
export type TextOrigin = 'material' | 'model' | 'template' | 'blank' | 'teacher';

/** A 环节 as observation and review read it: its id, name, planned minutes and the objectives it serves. */
export interface PlanStep {
  id: string;
  name: string;
  minutes: number;
  objectiveIds: string[];
}

const ids = (value: unknown): string[] => array(value).filter((v): v is string => typeof v === 'string');

/**
 * The process steps in order, with the same ids anchors use (S1 …).
 *
 * @example
 * planSteps(plan).map((s) => `${s.id} ${s.name} ${s.minutes}′`); // ['S1 情境导入 3′', …]
 */
export function planSteps(planJson: unknown): PlanStep[] {
  const plan = isObject(planJson) ? planJson : {};
  return array(plan.process).map((step, i) => {
    const row = isObject(step) ? step : {};
    return {
      id: ownId(step) ?? `S${i + 1}`,
      name: textOf(row.name),
      minutes: typeof row.minutes === 'number' ? row.minutes : 0,
      objectiveIds: ids(row.objectiveIds),
    };
  });
}

/** The objectives (O1 …) with their text. */
export function planObjectives(planJson: unknown): { id: string; text: string }[] {
  const plan = isObject(planJson) ? planJson : {};
  return array(plan.objectives).map((o, i) => ({ id: ownId(o) ?? `O${i + 1}`, text: isObject(o) ? textOf(o.text) : textOf(o) }));
}

/** The 达标检测单 items (M1 …) and the objectives each checks: what attainment per objective is computed from. */
export function masteryItems(planJson: unknown): { id: string; prompt: string; objectiveIds: string[] }[] {
  const plan = isObject(planJson) ? planJson : {};
  const sheets = isObject(plan.sheets) ? plan.sheets : {};
  const sheet = isObject(sheets.masteryCheck) ? sheets.masteryCheck : {};
  return array(sheet.items).map((item, i) => {
    const row = isObject(item) ? item : {};
    return { id: ownId(item) ?? `masteryCheck-${i + 1}`, prompt: textOf(row.prompt), objectiveIds: ids(row.objectiveIds) };
  });
}

/** The 课题 as a teacher reads it (a plain string or a text block), or null when the plan has none. */
export function planTitle(planJson: unknown): string | null {
  const plan = isObject(planJson) ? planJson : {};
  return textOf(plan.title) || null;
}

/** The 教学反思 as it stands in the plan, or null when none is written yet. */
export function reflectionText(planJson: unknown): string | null {
  const plan = isObject(planJson) ? planJson : {};
  const text = textOf(plan.reflection);
  return text ? text : null;
}

/**
 * The plan with its 教学反思 set. A plan whose text is in blocks
 * (`{ text, origin, sources }`) gets a block with this origin; a plan of plain
 * strings gets the string.
 *
 * @example
 * setReflection(plan, '本课……', 'teacher').reflection;
 */
export function setReflection<T>(planJson: T, text: string, origin: TextOrigin): T {
  const plan = structuredClone(planJson) as Json;
  const sample = plan.learnerAnalysis ?? plan.textbookAnalysis;
  const usesBlocks = isObject(plan.reflection) || (isObject(sample) && 'origin' in sample);
  plan.reflection = usesBlocks ? { text, origin, sources: [] } : text;
  return plan as T;
}
