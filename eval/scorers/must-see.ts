import { type LessonPlan, sheetItems, textBlocksOf } from '../../src/domain/index.js';
import type { MustSee } from '../case-schema.js';
import type { ScoreContext } from '../core/context.js';
import { slideText } from '../deck/read-pptx.js';
import { containsNormalized } from '../text/overlap.js';
import { sheetItemTexts } from '../text/sheet-item.js';
import { defineScorer, type Finding } from './define.js';
import { withoutBlanks } from './placeholder.js';

type Place = MustSee['in'][number];

const PLACE_LABEL: Record<Place, string> = { plan: '教学设计', sheets: '三单', deck: '课件' };
const PLACE_FIELD: Record<Place, string> = { plan: 'T3', sheets: 'T3.sheets', deck: 'C3' };

/** The 教学设计 without its sheets: analysis, objectives, key points, process, board, homework. */
function planText(plan: LessonPlan): string {
  const { sheets: _sheets, ...rest } = plan;
  return textBlocksOf(rest)
    .map(({ block }) => block.text)
    .join('\n');
}

/** What a student holds: every item's passage, prompt, options, table and answer, and each sheet's instructions. */
function sheetsText(plan: LessonPlan): string {
  const items = sheetItems(plan.sheets).map(({ item }) => sheetItemTexts(item).join('\n'));
  return [plan.sheets.preStudy.instructions, plan.sheets.exploration.instructions, plan.sheets.masteryCheck.instructions, ...items].join(
    '\n',
  );
}

/** The words a class sees on the slides of the rendered .pptx (not the notes). */
const deckText = (ctx: ScoreContext) => (ctx.deck?.slides ?? []).map(slideText).join('\n');

/**
 * 必见内容 (key content): what a teacher of this lesson expects to find — the
 * poems' titles and lines, the worked example, the dialogue, the formula —
 * each where the case says it belongs (教学设计, 三单, 课件). The score is the
 * share of (item, place) pairs found, word for word after normalisation. A
 * draft that talks about 《饮湖上初晴后雨》 without printing it is what it
 * catches; the case lists, not the engine, say what must be there.
 */
export const mustSee = defineScorer({
  id: 'must-see',
  title: '必见内容',
  definition: '用例列出的必见内容（诗题与诗句、例题、对话、公式、术语）原样出现在教学设计、三单和课件中用例要求的位置',
  // The deck is read when there is one; a failed C3 leaves the deck's items unfound rather than zeroing the plan's.
  needs: ['T3'],
  appliesTo: (ctx) => ctx.evalCase.expect.mustSee.length > 0,
  targets: ['strip-material-text'],
  threshold: 0.8,
  tolerance: 0.05,
  // Strict since the offline engine reached the threshold (90 over the cases with a list): a draft
  // that loses the material's own text fails the gate whatever the baseline says.
  strict: true,
  score: (ctx) => {
    const plan = ctx.results.T3;
    // A line quoted inside a gap (【待教师补充：“枯藤老树昏鸦……”的参考答案】) is not shown to anyone.
    const texts: Record<Place, string> = {
      plan: withoutBlanks(planText(plan)),
      sheets: withoutBlanks(sheetsText(plan)),
      deck: withoutBlanks(deckText(ctx)),
    };
    let checked = 0;
    let found = 0;
    const findings: Finding[] = [];
    for (const item of ctx.evalCase.expect.mustSee) {
      const missing = item.in.filter((place) => !containsNormalized(texts[place], item.text));
      checked += item.in.length;
      found += item.in.length - missing.length;
      if (missing.length > 0)
        findings.push({
          field: PLACE_FIELD[missing[0]!],
          message: `${missing.map((p) => PLACE_LABEL[p]).join('、')}中没有${item.what}「${item.text}」`,
        });
    }
    return { score: found / checked, findings };
  },
});
