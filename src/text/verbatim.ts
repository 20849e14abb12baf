/**
 * Is a text the material's own words? Compared after NFKC, lower case, with
 * spaces, line breaks and punctuation dropped, so a poem quoted on one line
 * matches the book that prints it on four, and "（长＋宽）×2" matches "(长+宽)×2".
 */
function bare(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/**
 * True when all of `quote` (a trailing "…" of a shortened quote aside) occurs in `source`.
 *
 * @example
 * isVerbatim('床前明月光，疑是地上霜。', '静夜思\n床前明月光，\n疑是地上霜。') // true
 */
export function isVerbatim(quote: string, source: string): boolean {
  const needle = bare(quote.replace(/(…+|\.\.\.)$/u, ''));
  return needle.length > 0 && bare(source).includes(needle);
}
