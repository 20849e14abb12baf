import { blanksIn } from '../../../src/review/blanks.js';
import type { ReflectionDraft } from './report-types.js';

const ORIGIN_LABEL: Record<ReflectionDraft['sections'][number]['origin'], string> = {
  template: '规则模板（按观课数据生成的句子）',
  model: 'AI 模型',
  blank: '待你填写',
};

/**
 * Where each part of a draft came from, in one sentence per part, so the
 * teacher knows what she is editing: the figures are written by rule, the
 * model (when there is one) wrote the judgments, and the 【待教师补充】 blanks
 * are hers.
 *
 * @example
 * draftOrigins(draft); // ['数据摘要：规则模板（按观课数据生成的句子）', '成功之处：待你填写', …]
 */
export function draftOrigins(draft: ReflectionDraft): string[] {
  return draft.sections.map((s) => {
    const by = s.origin === 'model' && draft.model ? `${ORIGIN_LABEL.model} ${draft.model}` : ORIGIN_LABEL[s.origin];
    return `${s.heading}：${by}`;
  });
}

/**
 * Why the text cannot be saved yet, as a sentence, or null when it can: the
 * same rule as the service (no blank left), checked before sending.
 *
 * @example
 * reflectionProblem('【待教师补充：改进做法】'); // '反思中还有 1 处【待教师补充】，请写完后再保存。'
 */
export function reflectionProblem(text: string): string | null {
  if (text.trim() === '') return '请先写下教学反思，或点“起草反思”从观课数据开始。';
  if (text.length > 8000) return `反思最多 8000 字，现在有 ${text.length} 字。`;
  const blanks = blanksIn(text);
  return blanks > 0 ? `反思中还有 ${blanks} 处【待教师补充】，请写完后再保存。` : null;
}
