import type { SheetItem } from '../../src/domain/index.js';
import { clip } from '../../src/text/segment.js';
import { normalize, recall, visibleChars } from '../text/overlap.js';
import { defineScorer, type Finding, shareWithoutProblems } from './define.js';
import { hasBlank, hasContent, withoutBlanks } from './placeholder.js';

/**
 * Wording that sends the teacher elsewhere or excuses the key instead of
 * giving it: 见教参, 略, 参考教材……, 答案不唯一, 言之有理即可, and a 评分要点 made
 * only of 过程完整、表述清楚. What is left after removing it must say something.
 */
const REFERRAL = [
  /(请|可)?(教师)?(依据|参照|参考|对照|见|详见|参见)(教参|教师用书|教材|课本|课文|书)[^，。；;]*[，。；;]?/gu,
  /(请)?教师.{0,8}(核对|批改|评判|把握|补充)[^，。；;]*[，。；;]?/gu,
  /答案(略|不唯一|开放)|^略[。.]?$|（?略）?$/gu,
  /(言之)?(有理|成理|合理)即可|意思(对|相近)即可|(结合|联系)(实际|生活).{0,6}(作答|回答)即可/gu,
  /评分要点[:：]?/gu,
  /(能)?正确(运用|使用|理解)[^，。；;、]{0,10}/gu,
  /(过程|步骤)完整|表述(清楚|清晰|准确)|书写(工整|规范)|态度认真/gu,
];

/** The key with its referrals and stock grading words taken out. */
function substance(answer: string): string {
  return REFERRAL.reduce((text, pattern) => text.replace(pattern, ''), answer);
}

/** Why an item's key is not an answer, or null when it is one. */
function problemOf(item: SheetItem): string | null {
  const written = item.answer?.text ?? '';
  const answer = withoutBlanks(written);
  if (hasBlank(written) && !hasContent(answer)) return `没有答案，只留了待教师补充的空位「${clip(written, 30)}」`;
  if (!hasContent(answer)) return '没有答案';
  const left = substance(answer);
  if (visibleChars(normalize(left)) < 1) return `没有给出答案，只写了「${clip(answer, 40)}」`;
  // A key that only repeats the question ("你能说出……吗？" → "能说出……") answers nothing.
  if (visibleChars(normalize(left)) >= 6 && recall(left, item.prompt.text) >= 0.9 && item.type !== 'choice' && item.type !== 'fill')
    return `答案只是把题目复述了一遍：「${clip(answer, 40)}」`;
  if (item.type === 'choice' && item.options && item.options.length > 1) {
    const letters = item.options.map((_, i) => String.fromCharCode(65 + i));
    const namesOption =
      letters.some((l) => new RegExp(`(^|[^A-Za-z])${l}([^A-Za-z]|$)`, 'u').test(left.normalize('NFKC'))) ||
      item.options.some((o) => visibleChars(normalize(o)) > 0 && normalize(left).includes(normalize(o).replace(/^[a-d]/u, '')));
    if (!namesOption) return `是选择题，答案「${clip(answer, 30)}」没有指出哪一项`;
  }
  return null;
}

/**
 * 答案可用 (answer keys): every 达标检测 item has a key a teacher can mark
 * with — the answer itself (the computed number, the word for the blank, the
 * letter of the choice, the points an open answer must make), not a referral
 * to the 教参 (见教参、略、参考教材……), stock grading words (过程完整、表述清楚),
 * a visible blank (【待教师补充：…的参考答案】 is honest, and still no key),
 * or the question said again.
 */
export const answerKeys = defineScorer({
  id: 'answer-keys',
  title: '答案可用',
  definition: '达标检测单的每道题都给出可据以批改的答案（选择题指明选项），而不是“见教参”“略”“过程完整、表述清楚”之类',
  needs: ['T3'],
  targets: ['referral-keys', 'blank-keys', 'remove-sheets'],
  threshold: 0.9,
  tolerance: 0.05,
  // Strict: the offline engine keys its 达标检测单 from the material (eval/README.md, "The gate"), so a
  // draft that falls back to blanks or referrals fails the gate whatever the baseline says.
  strict: true,
  score: ({ results }) =>
    shareWithoutProblems(
      results.T3.sheets.masteryCheck.items,
      (item, i): Finding[] => {
        const problem = problemOf(item);
        return problem ? [{ field: `T3.sheets.masteryCheck.items[${i}].answer`, message: `达标检测单 ${item.id} ${problem}` }] : [];
      },
      { score: 0, findings: [{ field: 'T3.sheets.masteryCheck', message: '达标检测单没有题目' }] },
    ),
});
