import type { Located } from '../../domain/index.js';
import { clip } from '../../text/segment.js';

/**
 * What a definition says its term is, without the term: the words a teacher
 * writes on the board after "周长：".
 *
 * @example
 * definitionBody('封闭图形一周的长度，叫做它的周长。', '周长') // '封闭图形一周的长度'
 * definitionBody('长方形长的边叫做长，短的边叫做宽。', '宽') // '短的边'
 */
export function definitionBody(text: string, term: string): string {
  const clean = text.replace(/[。.；;]+$/, '');
  const clauses = clean.split(/[，,；;]/);
  const own = clauses.find((c) => c.includes(term) && /叫做|叫作|称为|是指/.test(c));
  const sentence = own && own.replace(term, '').replace(/叫做|叫作|称为|是指|它的|我们把|把/g, '').trim().length >= 2 ? own : clean;
  const named = new RegExp(`^(?:我们)?把?(.+?)[，,]?(?:叫做|叫作|称为)(?:它们的|它的)?${term}$`).exec(sentence);
  if (named?.[1]) return named[1];
  const before = new RegExp(`^(.+?)[，,]?(?:叫做|叫作|称为)(?:它们的|它的)?${term}`).exec(clean);
  if (before?.[1] && !sentence.startsWith(term)) return before[1];
  const after = new RegExp(`^${term}(?:是指|是|指|叫做|[:：])(.+)$`).exec(sentence);
  return after?.[1] ?? clean;
}

/** 板书: the title, each defined term with what it means, and the key point. */
export function boardLines(title: string, definitions: (Located & { term: string })[], keyPoints: string[]): string[] {
  const lines = [title];
  const numbers = '一二三四五';
  definitions.slice(0, 3).forEach((d, i) => lines.push(`${numbers[i]}、${d.term}：${clip(definitionBody(d.text, d.term), 24)}`));
  if (definitions.length === 0) keyPoints.slice(0, 3).forEach((k, i) => lines.push(`${numbers[i]}、${clip(k, 28)}`));
  if (keyPoints[0]) lines.push(`重点：${clip(keyPoints[0], 28)}`);
  return lines;
}
