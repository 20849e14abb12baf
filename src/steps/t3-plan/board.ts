import type { Located } from '../../domain/index.js';
import { clip } from '../../text/segment.js';
import { definitionBody } from '../shared/definitions.js';

/** 板书: the title, each defined term with what it means, the key point, and the lesson's key words. */
export function boardLines(title: string, definitions: (Located & { term: string })[], keyPoints: string[], keyWords: string[]): string[] {
  const lines = [title];
  const numbers = '一二三四五';
  definitions.slice(0, 3).forEach((d, i) => lines.push(`${numbers[i]}、${d.term}：${clip(definitionBody(d.text, d.term), 24)}`));
  if (definitions.length === 0) keyPoints.slice(0, 3).forEach((k, i) => lines.push(`${numbers[i]}、${clip(k, 28)}`));
  if (keyPoints[0]) lines.push(`重点：${clip(keyPoints[0], 28)}`);
  // The words children should be able to say and write by the end: the book's word list and terms, in its order.
  const words = [...new Set(keyWords)].filter((w) => !title.includes(w) || w.length > 1).slice(0, 8);
  if (words.length > 0) lines.push(`关键词：${words.join('  ')}`);
  return lines;
}
