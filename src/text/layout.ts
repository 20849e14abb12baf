/**
 * Cleaning one line of text extracted from a PDF page, where layout leaks into
 * the characters: tabs between text runs, letter-spaced headings (「桥 梁 工 程」),
 * full-width digits, box-drawing bars around running headers.
 */

/** Han characters and the CJK punctuation that sits between them. */
const CJK_CHAR = String.raw`[\p{Script=Han}\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\u201C\u201D\u2018\u2019\u2014\u2026\u00B7]`;
const SPACE_BETWEEN_CJK = new RegExp(`(?<=${CJK_CHAR})\\s+(?=${CJK_CHAR})`, 'gu');

/**
 * Full-width digits and Latin letters (０–９, Ａ–Ｚ, ａ–ｚ) as ASCII. Punctuation is
 * left alone: a Chinese comma is part of the book's wording, a full-width "３" is not.
 *
 * @example
 * halfWidthAlnum('第３课') // '第3课'
 */
export function halfWidthAlnum(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * One extracted line as a reader sees it: whitespace collapsed, the spaces a
 * layout puts between Chinese characters removed (they are spacing, not word
 * breaks), spaces next to digits and Latin words kept.
 *
 * @example
 * normalizeLayoutLine('第 \t1 \t节 \t科学、技术与工程') // '第 1 节科学、技术与工程'
 * normalizeLayoutLine('│ 四、课程内容 │')           // '四、课程内容'
 */
export function normalizeLayoutLine(raw: string): string {
  return halfWidthAlnum(raw)
    .replace(/^[\s│┃]+|[\s│┃]+$/g, '')
    .replace(/\s+/g, ' ')
    .replace(SPACE_BETWEEN_CJK, '');
}
