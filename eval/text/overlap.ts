/**
 * Text comparison for the scorers (文本比对): does a phrase occur in a text,
 * and how much of one text's content is found in another. Character bigrams
 * for Chinese (no segmenter to disagree with the product's), whole words for
 * Latin text, all after NFKC so full-width and half-width forms compare equal.
 */

/** NFKC, lower case, no spaces or punctuation: "（长＋宽）× 2" and "(长+宽)×2" compare equal. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** True when `phrase` occurs in `text` after normalisation. A trailing ellipsis (a shortened quote) is ignored. */
export function containsNormalized(text: string, phrase: string): boolean {
  const needle = normalize(phrase.replace(/(…+|\.\.\.)$/u, ''));
  return needle.length > 0 && normalize(text).includes(needle);
}

/** Content units: Chinese character bigrams (a lone character stands for itself) and Latin words or numbers. */
export function grams(text: string): Set<string> {
  const lower = text.normalize('NFKC').toLowerCase();
  const out = new Set<string>();
  for (const run of lower.match(/\p{Script=Han}+/gu) ?? []) {
    if (run.length === 1) out.add(run);
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  for (const word of lower.match(/[a-z0-9]+/gu) ?? []) out.add(word);
  return out;
}

/** Share of `part`'s content units that `whole` also has (0–1); 0 for a part with no content. */
export function recall(part: string, whole: string | Set<string>): number {
  const units = grams(part);
  if (units.size === 0) return 0;
  const pool = typeof whole === 'string' ? grams(whole) : whole;
  let found = 0;
  for (const unit of units) if (pool.has(unit)) found++;
  return found / units.size;
}

/** Clauses with at least three content units: the pieces a long claim is built from. */
export function clauses(text: string): string[] {
  return text.split(/[，。；：！？、,.;:!?\n（）()“”「」《》【】]+/u).filter((clause) => grams(clause).size >= 3);
}

/**
 * How well `source` backs `claim`: the best recall of any one clause of the
 * claim in the source. A summary that draws one sentence from a page is
 * backed by it, though most of the summary is not on that page.
 *
 * @example
 * bestClauseRecall('本课先讲周长的含义，再算长方形的周长', pageText) // 1 when the page says 长方形的周长
 */
export function bestClauseRecall(claim: string, source: string): number {
  const pool = grams(source);
  const parts = clauses(claim);
  return parts.length === 0 ? recall(claim, pool) : Math.max(...parts.map((clause) => recall(clause, pool)));
}

/** Characters a reader sees: no spaces. */
export function visibleChars(text: string): number {
  return text.replace(/\s+/gu, '').length;
}
