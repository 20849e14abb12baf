import { sentences } from '../../src/text/segment.js';
import { visibleChars } from '../text/overlap.js';

/** Sentences that only ask the teacher to fill something in, or say there is nothing. */
const FILL_IN = /请教师.{0,12}(补充|填写|核对|对照)|待补充|暂无|^无$|^略$|^（?空）?$|^TODO/u;

/**
 * True when a section has real content: something left after dropping the
 * sentences that only ask the teacher to fill it in. "材料中未提供课程标准原文，
 * 请教师对照课标补充。" alone is a gap; followed by what the book requires, it is content.
 *
 * @example
 * hasContent('待补充') // false
 */
export function hasContent(text: string | null | undefined): boolean {
  if (!text) return false;
  const kept = sentences(text).filter((s) => !FILL_IN.test(s.trim()));
  return visibleChars(kept.join('')) > 0;
}

/** True when an answer key only refers the teacher elsewhere instead of giving the answer. */
export function isReferralOnly(answer: string): boolean {
  return !hasContent(answer.replace(/参考教材[^；;。]*[；;。]?/gu, ''));
}

/** A visible gap for the teacher (【待教师补充：…】): honest, but it says nothing a student reads or a teacher marks with. */
const BLANK_MARKER = /【待教师补充[：:][^】]*】/gu;

/**
 * The text without its blank markers: what is left is what the draft itself
 * says. 「【待教师补充：“以枯藤老树昏鸦……”的参考答案】」 quotes the poem, but a
 * key or a must-see line inside a gap is not there.
 *
 * @example
 * withoutBlanks('答：【待教师补充：本题参考答案】') // '答：'
 */
export function withoutBlanks(text: string): string {
  return text.replace(BLANK_MARKER, '');
}

/** True when the text holds a blank marker. */
export function hasBlank(text: string): boolean {
  return new RegExp(BLANK_MARKER.source, 'u').test(text);
}
