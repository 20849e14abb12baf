import type { InjectionKey } from 'vue';
import type { LessonPlan } from '../api/client.js';
import { clock } from '../ui/format.js';

export type SourceRef = LessonPlan['sources'][number];

/** Where a text came from (来源), when the plan says so. */
export type Origin = 'material' | 'model' | 'template' | 'blank' | 'teacher';

/** A text of the plan as the screen shows it: the words, their origin if the plan carries one, and their sources. */
export interface Block {
  text: string;
  origin: Origin | null;
  sources: SourceRef[];
}

/** Anything the plan holds as text: a plain string, a grounded text, or a text block with its origin. */
export type TextLike = string | { text: string; origin?: string | null; sources?: SourceRef[] };

const ORIGINS: readonly string[] = ['material', 'model', 'template', 'blank', 'teacher'] satisfies Origin[];

/**
 * One shape for every text of the plan. Plans made before texts carried an
 * origin have none, and the screen then shows only their sources: it never
 * guesses an origin from the words.
 */
export function blockOf(value: TextLike): Block {
  if (typeof value === 'string') return { text: value, origin: null, sources: [] };
  const origin = value.origin && ORIGINS.includes(value.origin) ? (value.origin as Origin) : null;
  return { text: value.text, origin, sources: value.sources ?? [] };
}

export const ORIGIN_LABEL: Record<Origin, string> = {
  material: '出自材料',
  model: 'AI 生成',
  template: '规则模板',
  blank: '待您填写',
  teacher: '教师填写',
};

export const ORIGIN_MEANING: Record<Origin, string> = {
  material: '从您上传的材料中摘取，注明了文件和页码，可对照原书核对',
  model: '由 AI 模型写成，请核对后再用',
  template: '离线规则引擎的固定写法，不是您的材料原文',
  blank: '需要您根据本班情况填写',
  teacher: '由老师填写或修改',
};

/** 「教材.pdf 第 3 页」 or 「微课.srt 02:15」, as the documents write it. */
export function sourceLabel(ref: SourceRef): string {
  if (ref.at !== null) return `${ref.file} ${clock(ref.at)}`;
  if (ref.page !== null) return `${ref.file} 第 ${ref.page} 页`;
  return ref.file;
}

/** Provided by a page that can show a material's page text: citation marks then open it. */
export const OPEN_SOURCE: InjectionKey<(ref: SourceRef) => void> = Symbol('open-source');
