import type { DigestFile, Located } from '../../domain/index.js';

/**
 * A key the 教参 prints under 参考答案 for one of the book's questions:
 * 「思考探究四：王湾借“归雁”传书表达乡思……」 keys item 四 under the book's 思考探究.
 */
export interface GuideKey {
  /** The book's box the question stands in: 「思考探究」「积累拓展」「练习」. */
  section: string;
  /** The question's number in the book (四 → 4). */
  number: number;
  /** The key as printed, without its label. */
  text: string;
  /** The entry as printed, label and all. */
  line: string;
  file: string;
  page: number;
}

const NUMERALS = '一二三四五六七八九';
/** 「四」→4, 「十二」→12, 「5」→5. */
function numberOf(numeral: string): number | null {
  if (/^\d{1,2}$/u.test(numeral)) return Number(numeral);
  const match = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/u.exec(numeral);
  if (!match || numeral === '') return null;
  const [, tens, ten, units] = match;
  const unit = units ? NUMERALS.indexOf(units) + 1 : 0;
  if (!ten) return tens && !units ? NUMERALS.indexOf(tens) + 1 : null;
  return (tens ? NUMERALS.indexOf(tens) + 1 : 1) * 10 + unit;
}

/** 「参考答案：」「【参考答案】」「## 参考答案」: where the 教参's keys start. */
const KEYS_HEADING = /^[#\s【〔[]*(参考答案|答案与提示|练习答案|习题答案)[】〕\]]?[:：]?$/u;
/** 「思考探究四：……」「积累拓展五示例：……」「练习2：……」 */
const KEY_LINE = /^([\p{Script=Han}]{2,6}?)([一二三四五六七八九十]{1,3}|\d{1,2})(?:示例|答案)?[:：]\s*(.+)$/u;
/** 「#### 思考探究」「【思考探究】」: a heading line of the book, marks stripped. */
const HEADING_MARKS = /^[#\s【〔[]+|[】〕\]\s:：]+$/gu;
/** 「四、两首诗歌都写到了思乡……」「4. ……」: a numbered question as the book prints it. */
const ITEM_NUMBER = /^([一二三四五六七八九十]{1,3})、|^(\d{1,2})\s*[.．、]/u;

/**
 * The keys a 教参 prints under its 参考答案 heading, each with the box and
 * number of the question it answers. Lines that name no question (「易错提示：……」)
 * are not keys.
 *
 * @example
 * guideKeys([jiaocan]) // [{ section: '思考探究', number: 4, text: '王湾借“归雁”传书表达乡思……', … }]
 */
export function guideKeys(files: DigestFile[]): GuideKey[] {
  const keys: GuideKey[] = [];
  for (const file of files.filter((f) => f.kind === 'teacherGuide')) {
    let inside = false;
    for (const page of file.pages.filter((p) => p.quality === 'good')) {
      for (const raw of page.text.split(/\r?\n/u)) {
        const line = raw.trim();
        if (KEYS_HEADING.test(line)) inside = true;
        else if (/^#/u.test(line)) inside = false;
        const match = inside ? KEY_LINE.exec(line) : null;
        const number = match ? numberOf(match[2]!) : null;
        if (match && number !== null)
          keys.push({ section: match[1]!, number, text: match[3]!.trim(), line, file: file.name, page: page.page });
      }
    }
  }
  return keys;
}

/**
 * The 教参's key for one of the book's questions: the question's number as
 * printed before it, under a heading that is the key's box. Null when the
 * book's line is not found or no key names both.
 *
 * @example
 * guideKeyFor({ text: '两首诗歌都写到了思乡……', page: 3, file: textbook }, keys) // the key of 思考探究四
 */
export function guideKeyFor(exercise: Located & { file: DigestFile }, keys: GuideKey[]): GuideKey | null {
  if (keys.length === 0) return null;
  const lines = exercise.file.pages.filter((p) => p.quality === 'good' && p.page <= exercise.page).flatMap((p) => p.text.split(/\r?\n/u));
  const start = exercise.text.slice(0, 12);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    const marker = ITEM_NUMBER.exec(line);
    if (!marker || !line.slice(marker[0].length).trim().startsWith(start)) continue;
    const number = numberOf(marker[1] ?? marker[2]!);
    // The box the question stands in is the nearest heading above it that a key names.
    for (let j = i - 1; j >= 0; j--) {
      const heading = lines[j]!.trim().replace(HEADING_MARKS, '');
      if (keys.some((k) => k.section === heading)) return keys.find((k) => k.section === heading && k.number === number) ?? null;
    }
    return null;
  }
  return null;
}
