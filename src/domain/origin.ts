import { z } from 'zod';
import { named } from './schema-names.js';
import { SourceRef } from './source-ref.js';

/**
 * Where a piece of text comes from (来源). A teacher must be able to tell the
 * words of her own book from rule wording and from what a model wrote, so
 * every text block of a plan carries one of these.
 */
export const Origin = z.enum([
  'material', // 材料: extracted or quoted from the teacher's files; its sources name the file and page (or section)
  'model', // 模型生成: written by an AI model
  'template', // 规则模板: the offline engine's rule wording
  'blank', // 待补充: a visible gap the teacher must fill, e.g. 【待教师补充：学情分析】
  'teacher', // 教师: typed or edited by a teacher
]);
export type Origin = z.infer<typeof Origin>;

export const ORIGIN_LABEL: Record<Origin, string> = {
  material: '材料',
  model: '模型生成',
  template: '规则模板',
  blank: '待教师补充',
  teacher: '教师',
};

/** A piece of text, where it comes from, and the sources it rests on (for `material`, where it was taken from). */
export const TextBlock = named(
  'TextBlock',
  z.object({
    text: z.string().min(1),
    origin: Origin,
    sources: z.array(SourceRef),
  }),
);
export type TextBlock = z.infer<typeof TextBlock>;

/**
 * The visible gap the teacher fills in: 【待教师补充：学情分析】.
 *
 * @example
 * blankText('本班学情') // '【待教师补充：本班学情】'
 */
export function blankText(what: string): string {
  return `【待教师补充：${what}】`;
}

const BLANK = /^【待教师补充：[^】]*】$/u;

/** True when `text` is exactly one blank marker (nothing else written around it). */
export function isBlankText(text: string): boolean {
  return BLANK.test(text.trim());
}

/** Constructors that say what a block is where it is made. */
export const block = {
  material: (text: string, sources: SourceRef[]): TextBlock => ({ text, origin: 'material', sources }),
  template: (text: string, sources: SourceRef[] = []): TextBlock => ({ text, origin: 'template', sources }),
  model: (text: string, sources: SourceRef[] = []): TextBlock => ({ text, origin: 'model', sources }),
  teacher: (text: string): TextBlock => ({ text, origin: 'teacher', sources: [] }),
  blank: (what: string): TextBlock => ({ text: blankText(what), origin: 'blank', sources: [] }),
};

/** A `material` block must say where in the teacher's files it was taken from. */
export function materialWithoutSource(b: TextBlock): boolean {
  return b.origin === 'material' && !b.sources.some((ref) => ref.page !== null || ref.at !== null);
}

/**
 * Every text block inside `value` (a plan, an analysis, a design), with its
 * path, in document order: what the renderers tag, the eval counts and model
 * answers are settled through.
 */
export function textBlocksOf(value: unknown): { path: (string | number)[]; block: TextBlock }[] {
  const found: { path: (string | number)[]; block: TextBlock }[] = [];
  const visit = (node: unknown, path: (string | number)[]) => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, [...path, i]));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.text === 'string' && Origin.safeParse(record.origin).success && Array.isArray(record.sources)) {
      found.push({ path, block: record as TextBlock });
    }
    for (const [key, child] of Object.entries(record)) if (key !== 'sources') visit(child, [...path, key]);
  };
  visit(value, []);
  return found;
}
