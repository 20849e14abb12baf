import { InputError } from '../errors.js';
import { isCjkPunct, isHan } from './chars.js';

/**
 * Text encodings met in teachers' files: UTF-8 (with or without BOM), UTF-16
 * (Windows "Unicode" Notepad files) and GBK/GB18030 (older Windows tools and
 * most Chinese subtitle software). GB18030 is a superset of GBK and GB2312,
 * so one decoder covers all three.
 */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Below this many 汉字 the share of common ones says too little. */
const MIN_HAN_FOR_FREQUENCY = 20;
/** How much of the file the UTF-16 byte-order check looks at. */
const SNIFF_BYTES = 8192;

/**
 * The 300 most frequent Chinese characters (常用字). Real Chinese text uses
 * them for about half its characters; bytes of another encoding decoded as
 * GB18030 land on rare characters instead.
 */
const COMMON_HAN = new Set(
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里' +
    '用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实' +
    '日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政' +
    '美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员' +
    '解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件' +
    '计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象',
);

/**
 * Decodes a text file whose encoding nobody told us, and normalizes line
 * endings to `\n`. Tries BOMs, then the NUL-byte pattern of UTF-16, then
 * strict UTF-8, then GB18030 with a plausibility check.
 *
 * @throws InputError `encoding` when no supported encoding gives readable text.
 * @example
 * const { text, encoding } = decodeText(bytesFromGbkNotepadFile, '教案.txt');
 * // encoding === 'gb18030'
 */
export function decodeText(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncodingName; nulBytes?: number } {
  const { text, encoding, nulBytes } = decodeRaw(bytes, fileName);
  // `nulBytes` only when stray NULs were dropped: the caller warns about them.
  return { text: text.replace(/\r\n?/g, '\n'), encoding, ...(nulBytes ? { nulBytes } : {}) };
}

/** Stray NUL bytes (a file cut off while being written, a tool's padding) are dropped up to this share of the file. */
const MAX_STRAY_NUL_SHARE = 0.1;

function decodeRaw(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncodingName; nulBytes?: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strictDecode('utf-8', bytes.subarray(3), fileName), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: strictDecode('utf-16le', bytes.subarray(2), fileName), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: strictDecode('utf-16be', bytes.subarray(2), fileName), encoding: 'utf-16be' };
  }

  const utf16 = sniffUtf16WithoutBom(bytes);
  if (utf16 === 'not-utf-16') return decodeWithStrayNuls(bytes, fileName);
  if (utf16) return { text: strictDecode(utf16, bytes, fileName), encoding: utf16 };
  return decodeUtf8OrGbk(bytes, fileName);
}

/**
 * NULs that are not UTF-16: a few in a text file are dropped (and counted, for
 * a warning), when what is left reads as text; many, or a rest that is not
 * text, mean a binary file.
 */
function decodeWithStrayNuls(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncodingName; nulBytes: number } {
  const rest = bytes.filter((b) => b !== 0);
  const nulBytes = bytes.length - rest.length;
  const binary = new InputError(fileName, 'encoding', '文件里有大量空字节，看起来不是文本文件；请上传 .txt/.md 纯文本或 PDF');
  if (nulBytes / bytes.length > MAX_STRAY_NUL_SHARE) throw binary;
  let decoded: { text: string; encoding: TextEncodingName };
  try {
    decoded = decodeUtf8OrGbk(rest, fileName);
  } catch {
    throw binary;
  }
  if (textLikeShare(decoded.text.slice(0, SNIFF_BYTES)) < 0.9) throw binary;
  return { ...decoded, nulBytes };
}

function decodeUtf8OrGbk(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncodingName } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: most likely GBK from an older Windows tool.
  }

  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw encodingError(fileName, cause);
  }
  if (!looksLikeChinese(text)) throw encodingError(fileName);
  return { text, encoding: 'gb18030' };
}

/**
 * UTF-16 without a BOM: UTF-8 and GBK text never contains a NUL byte, UTF-16
 * text almost always does (the high byte of every ASCII character, the low
 * byte of 「一」). Of the two byte orders, the right one reads as text; the
 * wrong one turns 汉字 into Arabic, Thai and the like. NULs that read as text
 * in neither order are not UTF-16 (a few stray ones, or a binary file).
 */
function sniffUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | 'not-utf-16' | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES) & ~1);
  if (!sample.includes(0)) return null;
  const le = textLikeShare(new TextDecoder('utf-16le').decode(sample));
  const be = textLikeShare(new TextDecoder('utf-16be').decode(sample));
  if (Math.max(le, be) >= 0.8) return le >= be ? 'utf-16le' : 'utf-16be';
  return 'not-utf-16';
}

/** Share of characters that ordinary Chinese or English text is made of. */
function textLikeShare(text: string): number {
  let total = 0;
  let textLike = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    total++;
    if ((cp >= 0x20 && cp <= 0x7e) || cp === 0x0a || cp === 0x0d || cp === 0x09 || isHan(cp) || isCjkPunct(cp)) {
      textLike++;
    }
  }
  return total === 0 ? 0 : textLike / total;
}

function strictDecode(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw encodingError(fileName, cause);
  }
}

/**
 * GB18030 decodes almost any byte sequence without error, so a successful
 * decode proves little. Big5 text comes out full of private-use characters
 * (GBK's user-defined areas) and bopomofo; Shift-JIS text comes out as rare
 * 汉字 with hardly any common ones. Greek, kana, ①⑴ and pinyin letters are
 * real GBK characters that Chinese teaching texts use, so they do not count against a file.
 */
export function looksLikeChinese(text: string): boolean {
  let han = 0;
  let common = 0;
  let odd = 0;
  let visible = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp <= 0x20) {
      if (cp !== 0x09 && cp !== 0x0a && cp !== 0x0d && cp !== 0x0c && cp !== 0x20) odd++;
      continue;
    }
    visible++;
    if (isHan(cp)) {
      han++;
      if (COMMON_HAN.has(ch)) common++;
    } else if (cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0x3100 && cp <= 0x312f)) {
      odd++;
    }
  }
  if (visible === 0) return true;
  if (odd / visible > 0.02) return false;
  if (han >= MIN_HAN_FOR_FREQUENCY && common / han < 0.15) return false;
  return true;
}

function encodingError(fileName: string, cause?: unknown): InputError {
  return new InputError(
    fileName,
    'encoding',
    '无法识别文件的文字编码（支持 UTF-8、UTF-16 和 GBK/GB18030）；请用记事本“另存为”UTF-8 编码后重新上传',
    cause === undefined ? undefined : { cause },
  );
}
