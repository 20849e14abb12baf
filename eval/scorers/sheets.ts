import { type LessonPlan, TIER_LABEL, type Tier } from '../../src/domain/index.js';
import { clip } from '../../src/text/segment.js';
import { defineScorer, type Finding, shareWithoutProblems } from './define.js';
import { hasContent, isReferralOnly } from './placeholder.js';
import { SHEET_KEYS, sheetLabel } from './plan-parts.js';

const PHASE = { preStudy: 'before', exploration: 'in', masteryCheck: 'after' } as const;
const PHASE_LABEL = { before: '课前', in: '课中', after: '课后' } as const;

type Check = () => Finding[];

/** The checks, one per item or per sheet, so a missing sheet costs as much as its items would. */
function checksOf(plan: LessonPlan): Check[] {
  const checks: Check[] = [];
  for (const key of SHEET_KEYS) {
    const sheet = plan.sheets[key];
    const field = `T3.sheets.${key}`;
    checks.push(() => {
      const problems: Finding[] = [];
      if (sheet.items.length === 0) problems.push({ field, message: `${sheetLabel(key)}没有题目` });
      if (sheet.phase !== PHASE[key])
        problems.push({ field: `${field}.phase`, message: `${sheetLabel(key)}应在${PHASE_LABEL[PHASE[key]]}使用` });
      return problems;
    });
  }
  const mastery = plan.sheets.masteryCheck.items;
  mastery.forEach((item, i) => {
    const field = `T3.sheets.masteryCheck.items[${i}]`;
    checks.push(() => {
      const problems: Finding[] = [];
      const answer = item.answer?.text;
      if (!answer || !hasContent(answer)) problems.push({ field: `${field}.answer`, message: `达标检测单 ${item.id} 没有答案` });
      else if (isReferralOnly(answer))
        problems.push({ field: `${field}.answer`, message: `达标检测单 ${item.id} 没有给出答案，只提示“${clip(answer, 40)}”` });
      if (item.type === 'choice' && (item.options?.length ?? 0) < 2)
        problems.push({ field: `${field}.options`, message: `达标检测单 ${item.id} 是选择题却没有选项` });
      if (item.tier === null) problems.push({ field: `${field}.tier`, message: `达标检测单 ${item.id} 没有标明层次（基础/提高/拓展）` });
      return problems;
    });
  });
  checks.push(() => {
    const tiers = new Set(mastery.map((item) => item.tier));
    const layered = tiers.has('basic') && (tiers.has('advanced') || tiers.has('challenge'));
    return layered ? [] : [{ field: 'T3.sheets.masteryCheck', message: '达标检测单没有分层（至少要有基础题和提高或拓展题）' }];
  });
  for (const tier of ['basic', 'advanced', 'challenge'] as const satisfies readonly Tier[]) {
    checks.push(() =>
      plan.homework[tier].some((b) => hasContent(b.text))
        ? []
        : [{ field: `T3.homework.${tier}`, message: `分层作业缺少「${TIER_LABEL[tier]}」层` }],
    );
  }
  return checks;
}

/**
 * 三单完整: the three sheets exist in their phase, every 达标检测 item has a
 * real answer key (not "请教师依据教参核对") and a tier, choice items have
 * options, the check is layered, and homework has all three tiers.
 */
export const sheetsComplete = defineScorer({
  id: 'sheets-complete',
  title: '三单完整',
  definition: '预学单、探究单、达标检测单齐全；检测题都有真正的答案和层次；作业分基础、提高、拓展三层',
  needs: ['T3'],
  targets: ['remove-sheets'],
  threshold: 0.9,
  tolerance: 0.05,
  score: ({ results }) => shareWithoutProblems(checksOf(results.T3), (check) => check(), { score: null, findings: [] }),
});
