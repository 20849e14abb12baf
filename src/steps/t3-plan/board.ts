import type { TeachingAnalysis } from '../../domain/index.js';
import { clip } from '../../text/segment.js';
import { definitionBody } from '../shared/definitions.js';
import type { PlanMaterial } from './sheets.js';

const NUMBERS = '一二三四五六';

/**
 * 板书: the title, then what the lesson's pages put on the board — each studied
 * text with its author, each defined term with what it means, the result of
 * each worked example (its last line of working) — and the words to learn.
 *
 * @example
 * boardLines(material, analysis) // ['几分之一', '一、分数：像1/2、1/3……这样的数', '例1：每份是它的二分之一，写作1/2。', …]
 */
export function boardLines(material: PlanMaterial, analysis: TeachingAnalysis): string[] {
  const { content } = material;
  const items = [
    ...content.texts.map((t) => `《${t.title}》${t.author ? ` ${t.author}` : ''}`),
    // A formula goes on the board whole: a cut formula is a wrong one.
    ...content.formulas.slice(0, 3).map((f) => f.text),
    ...material.definitions.slice(0, 3).map((d) => `${d.term}：${clip(definitionBody(d.text, d.term), 24)}`),
    ...content.examples.slice(0, 3).flatMap((e) => {
      // The example's result: its 答 line, else its last line of working with an equals sign.
      const result = e.steps.find((step) => /^答[:：]/u.test(step)) ?? e.steps.findLast((step) => /[=＝]/u.test(step));
      return result ? [`${e.label}：${clip(result.replace(/^答[:：]/u, ''), 24)}`] : [];
    }),
  ];
  if (items.length === 0) {
    items.push(...analysis.keyPoints.filter((k) => k.origin !== 'blank').map((k) => clip(k.text, 28)));
  }
  const lines = [material.title, ...items.slice(0, 6).map((item, i) => `${NUMBERS[i]}、${item}`)];
  const words = [...new Set(material.vocabulary.map((v) => v.text))].slice(0, 8);
  if (words.length > 0) lines.push(`字词：${words.join('  ')}`);
  return lines;
}
