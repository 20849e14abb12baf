import type { Located } from '../../domain/index.js';
import { clip } from '../../text/segment.js';
import { definitionBody } from '../shared/definitions.js';

/** 板书: the title, each defined term with what it means, and the key point. */
export function boardLines(title: string, definitions: (Located & { term: string })[], keyPoints: string[]): string[] {
  const lines = [title];
  const numbers = '一二三四五';
  definitions.slice(0, 3).forEach((d, i) => lines.push(`${numbers[i]}、${d.term}：${clip(definitionBody(d.text, d.term), 24)}`));
  if (definitions.length === 0) keyPoints.slice(0, 3).forEach((k, i) => lines.push(`${numbers[i]}、${clip(k, 28)}`));
  if (keyPoints[0]) lines.push(`重点：${clip(keyPoints[0], 28)}`);
  return lines;
}
