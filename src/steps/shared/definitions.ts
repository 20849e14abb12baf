import type { Located } from '../../domain/index.js';

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
  const sentence =
    own &&
    own
      .replace(term, '')
      .replace(/叫做|叫作|称为|是指|它的|我们把|把/g, '')
      .trim().length >= 2
      ? own
      : clean;
  const named = new RegExp(`^(?:我们)?把?(.+?)[，,]?(?:叫做|叫作|称为)(?:它们的|它的)?${term}$`).exec(sentence);
  if (named?.[1]) return named[1];
  const before = new RegExp(`^(.+?)[，,]?(?:叫做|叫作|称为)(?:它们的|它的)?${term}`).exec(clean);
  if (before?.[1] && !sentence.startsWith(term)) return before[1];
  const after = new RegExp(`^${term}(?:是指|是|指|叫做|[:：])(.+)$`).exec(sentence);
  return after?.[1] ?? clean;
}

/** A definition that says something: its body is a real phrase, not "这个规律叫做X". */
export function isInformative(definition: Located & { term: string }): boolean {
  const body = definitionBody(definition.text, definition.term);
  return body.length >= 6 && body !== definition.text.replace(/[。.；;]+$/, '') && !/^(这|那|此|它|上述|以上)/.test(body);
}
