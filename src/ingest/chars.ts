/**
 * Character classes used to clean and judge Chinese text. Code-point ranges
 * rather than `\p{Script=Han}` regexes: these run once per character of every
 * page, and a range test is several times faster.
 */

/** A Han ideograph (汉字), including the extension planes. */
export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f)
  );
}

/**
 * Full-width punctuation and symbols that sit between Chinese characters
 * (，。、；：？！“”‘’《》（）【】—…·／ and the rest of the full-width block).
 */
export function isCjkPunct(cp: number): boolean {
  return (
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0xff01 && cp <= 0xff0f) ||
    (cp >= 0xff1a && cp <= 0xff20) ||
    (cp >= 0xff3b && cp <= 0xff40) ||
    (cp >= 0xff5b && cp <= 0xff65) ||
    (cp >= 0x2018 && cp <= 0x201f) ||
    cp === 0x2014 ||
    cp === 0x2026 ||
    cp === 0x00b7 ||
    (cp >= 0x2500 && cp <= 0x257f)
  );
}

/** Han or full-width punctuation: characters between which no space belongs. */
export function isCjk(cp: number): boolean {
  return isHan(cp) || isCjkPunct(cp);
}

export function isAsciiDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}

export function isAsciiLetter(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

export function isAsciiPunct(cp: number): boolean {
  return (cp >= 0x21 && cp <= 0x2f) || (cp >= 0x3a && cp <= 0x40) || (cp >= 0x5b && cp <= 0x60) || (cp >= 0x7b && cp <= 0x7e);
}

/** Characters that mean "this glyph had no Unicode mapping": U+FFFD, private use, C0 controls. */
export function isUnmappable(cp: number): boolean {
  return cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff) || (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d);
}

/** The first code point of a string, or -1 for an empty string. */
export function firstCodePoint(s: string): number {
  return s.length === 0 ? -1 : (s.codePointAt(0) ?? -1);
}

/** The last code point of a string, or -1 for an empty string. */
export function lastCodePoint(s: string): number {
  if (s.length === 0) return -1;
  const last = s.charCodeAt(s.length - 1);
  if (last >= 0xdc00 && last <= 0xdfff && s.length >= 2) return s.codePointAt(s.length - 2) ?? -1;
  return last;
}

/**
 * Joins two pieces of text the way a Chinese reader expects: nothing between
 * Chinese characters, one space between Latin words.
 */
export function joinCjkAware(left: string, right: string): string {
  if (left === '') return right;
  if (right === '') return left;
  const l = lastCodePoint(left);
  const r = firstCodePoint(right);
  return isCjk(l) || isCjk(r) ? left + right : `${left} ${right}`;
}

/** Non-whitespace characters, counted by code point. */
export function countVisibleChars(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x20 && cp !== 0x3000 && cp !== 0xa0) n++;
  }
  return n;
}
