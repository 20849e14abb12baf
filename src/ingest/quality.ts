import { isAsciiDigit, isAsciiLetter, isAsciiPunct, isCjkPunct, isHan, isUnmappable } from './chars.js';
import type { PageQuality } from './types.js';

/**
 * Judging a page's text layer from its characters alone. Broken Chinese PDFs
 * come in recognisable shapes:
 * - no text at all (扫描件: the page is an image);
 * - CJK fonts without a ToUnicode map: the 汉字 vanish and only digits, Latin
 *   letters and a few symbols remain, in short scattered tokens
 *   (「6 4 24\n1 4\nA 4 B 3 C 2 D」);
 * - CJK comes out but the punctuation and digits of another font map to ASCII
 *   symbols (「第!节」「分成#份$」);
 * - glyphs with no mapping at all: U+FFFD, private-use or control characters.
 */

export interface PageAssessment {
  quality: PageQuality;
  /** Non-whitespace characters. */
  chars: number;
  /** Why, in Chinese; null for a good page. */
  note: string | null;
}

/** Character counts of a page, the inputs of the judgement. */
export interface TextProfile {
  visible: number;
  han: number;
  cjkPunct: number;
  latin: number;
  digits: number;
  asciiPunct: number;
  unmappable: number;
  /** ASCII symbols such as `!#$&` touching a 汉字: where 「，。1」 used to be. */
  symbolsNextToHan: number;
  /** Whitespace-separated tokens that contain no 汉字. */
  nonHanTokens: number;
  /** Mean length of those tokens. */
  meanNonHanTokenLength: number;
  /** Share of those tokens that hold a word of three or more Latin letters. */
  wordTokenShare: number;
}

/** Fewer letters, digits and 汉字 than this and there is nothing to read. */
const MIN_READABLE_CHARS = 10;

/**
 * Symbols that do not occur between 汉字 in real text. Brackets, quotes, `,.:;?/-`
 * are left out: careless real text uses them in ASCII form.
 */
const ODD_SYMBOLS = new Set('!#$%&*+<=>@\\^_`|~');

/**
 * Classifies one page's text as good, garbled or empty, with the reason.
 *
 * @example
 * assessPageText('6 4 24\n1 4\nA 4 B 3 C 2 D\n2 4 x2\n+x 3=0\nA B\nC D')
 * // → { quality: 'garbled', chars: 29, note: '几乎没有汉字，只剩零散的数字和字母……' }
 */
export function assessPageText(text: string): PageAssessment {
  const p = profileText(text);
  const chars = p.visible;
  const readable = p.han + p.latin + p.digits;

  // Checked before emptiness: a page of unmapped glyphs has text, just none that can be read.
  if (p.unmappable >= MIN_READABLE_CHARS && p.unmappable / chars > 0.1) {
    return {
      quality: 'garbled',
      chars,
      note: `有 ${p.unmappable} 个无法识别的字符（占 ${percent(p.unmappable / chars)}），字体缺少编码映射`,
    };
  }
  if (readable < MIN_READABLE_CHARS) {
    return { quality: 'empty', chars, note: `几乎没有文字（${readable} 个字），可能是扫描图片或整页插图` };
  }
  if (p.symbolsNextToHan >= 5 && p.symbolsNextToHan / Math.max(p.han, 1) >= 0.03) {
    return {
      quality: 'garbled',
      chars,
      note: `有 ${p.symbolsNextToHan} 处 ASCII 符号（如 ! # $ &）紧挨着汉字，标点和数字的编码映射错误`,
    };
  }
  const hanShare = p.han / readable;
  if (hanShare < 0.1 && p.nonHanTokens >= 8 && p.meanNonHanTokenLength < 2.5 && p.wordTokenShare < 0.25) {
    return {
      quality: 'garbled',
      chars,
      note: `几乎没有汉字（${p.han} 个），只剩零散的数字和字母（平均每段 ${p.meanNonHanTokenLength.toFixed(1)} 个字符），中文字体缺少 ToUnicode 映射`,
    };
  }
  const symbolShare = p.asciiPunct / (readable + p.asciiPunct);
  if (symbolShare > 0.4) {
    return { quality: 'garbled', chars, note: `ASCII 符号占 ${percent(symbolShare)}，文字层多为乱码` };
  }
  return { quality: 'good', chars, note: null };
}

/** Counts the character classes of a text in one pass. */
export function profileText(text: string): TextProfile {
  const profile: TextProfile = {
    visible: 0,
    han: 0,
    cjkPunct: 0,
    latin: 0,
    digits: 0,
    asciiPunct: 0,
    unmappable: 0,
    symbolsNextToHan: 0,
    nonHanTokens: 0,
    meanNonHanTokenLength: 0,
    wordTokenShare: 0,
  };
  let prev = -1;
  let prevIsOddSymbol = false;
  let prevCountedNextToHan = false;
  let tokenLength = 0;
  let tokenHasHan = false;
  let tokenLetterRun = 0;
  let tokenHasWord = false;
  let tokenLengthSum = 0;
  let wordTokens = 0;

  const endToken = (): void => {
    if (tokenLength > 0 && !tokenHasHan) {
      profile.nonHanTokens++;
      tokenLengthSum += tokenLength;
      if (tokenHasWord) wordTokens++;
    }
    tokenLength = 0;
    tokenHasHan = false;
    tokenLetterRun = 0;
    tokenHasWord = false;
  };

  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x3000 || cp === 0xa0) {
      endToken();
      prev = -1;
      prevIsOddSymbol = false;
      continue;
    }
    profile.visible++;
    tokenLength++;
    const han = isHan(cp);
    if (han) {
      profile.han++;
      tokenHasHan = true;
      // The symbol before this 汉字 touches it, unless already counted for the 汉字 before it.
      if (prevIsOddSymbol && !prevCountedNextToHan) profile.symbolsNextToHan++;
    } else if (isCjkPunct(cp)) profile.cjkPunct++;
    else if (isAsciiLetter(cp)) profile.latin++;
    else if (isAsciiDigit(cp)) profile.digits++;
    // A run of one symbol is a leader or a blank to fill in (「……1」「____」), counted once.
    else if (isAsciiPunct(cp)) {
      if (cp !== prev) profile.asciiPunct++;
    } else if (isUnmappable(cp)) profile.unmappable++;

    tokenLetterRun = isAsciiLetter(cp) ? tokenLetterRun + 1 : 0;
    if (tokenLetterRun >= 3) tokenHasWord = true;

    // 「50%的」 is a real percentage; a `%` after anything else is suspect.
    const oddSymbol = ODD_SYMBOLS.has(ch) && !(cp === 0x25 && isAsciiDigit(prev));
    prevCountedNextToHan = oddSymbol && isHan(prev);
    if (prevCountedNextToHan) profile.symbolsNextToHan++;
    prevIsOddSymbol = oddSymbol;
    prev = cp;
  }
  endToken();
  profile.meanNonHanTokenLength = profile.nonHanTokens === 0 ? 0 : tokenLengthSum / profile.nonHanTokens;
  profile.wordTokenShare = profile.nonHanTokens === 0 ? 0 : wordTokens / profile.nonHanTokens;
  return profile;
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}
