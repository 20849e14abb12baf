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
