import { isCjk, isCjkPunct, isHan } from '../chars.js';
import { normalizePdfPageText, reflowLines } from '../pdf-text.js';

/**
 * Cleaning of recognised text. Tesseract's Chinese model puts a space between
 * every two characters (「分 数 的 意 义」), breaks lines where the printed
 * line broke, and turns full-width punctuation into half-width look-alikes
 * beside 汉字 (「意义,」). A reader, a search and a quote check want
 * 「分数的意义，」 and whole sentences.
 *
 * @example
 * cleanOcrText('分 数 的 意 义\n把 一 个 整 体 平 均 分 成 几 份 ,\n每 份 是 它 的 几 分 之 一 。')
 * // → '分数的意义\n把一个整体平均分成几份，每份是它的几分之一。'
 */
export function cleanOcrText(raw: string): string {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => widenPunctuation(closeCjkGaps(line.trim())));
  // The PDF cleaning applies as is: spacing around digits, page numbers at the edges, blank lines.
  return reflowLines(normalizePdfPageText(lines.join('\n')));
}

/**
 * Removes the single spaces that have a Chinese character or full-width mark
 * on either side. A wider gap (tesseract keeps two or more spaces where the
 * page had a real gap, as between 「第三单元」 and its title) stays as one space.
 */
function closeCjkGaps(line: string): string {
  return line.replace(/(\S)([ \t\u3000]+)(?=(\S))/gu, (match, left: string, gap: string, right: string) => {
    if (!isCjk(left.codePointAt(0) ?? 0) && !isCjk(right.codePointAt(0) ?? 0)) return match;
    return gap.length >= 2 ? `${left} ` : left;
  });
}

const FULL_WIDTH: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };

/** Half-width punctuation right after a 汉字 is the full-width mark the page printed. */
function widenPunctuation(line: string): string {
  return line.replace(/([^\s])([,;:?!()])/gu, (match, before: string, mark: string) => {
    const cp = before.codePointAt(0) ?? 0;
    return isHan(cp) || isCjkPunct(cp) ? before + (FULL_WIDTH[mark] ?? mark) : match;
  });
}
