import type { Objective, SheetItem } from '../../src/domain/index.js';
import { clip } from '../../src/text/segment.js';
import { contentWords, hanPairs, sharedContentWords } from '../text/content-words.js';
import { recall } from '../text/overlap.js';
import { sheetItemTexts } from '../text/sheet-item.js';
import { defineScorer, type Finding, shareWithoutProblems } from './define.js';
import { hasContent, withoutBlanks } from './placeholder.js';

/** An item whose prompt holds this much of an objective's wording is the objective asked back, not a task. */
const RESTATED = 0.7;

/** What an item tests, its gaps left out. */
const itemText = (item: SheetItem) => sheetItemTexts(item).map(withoutBlanks).join('\n');

/** Why the item does not test the objectives it claims, or null when it does. */
function problemOf(item: SheetItem, objectives: readonly Objective[]): string | null {
  const claimed = objectives.filter((o) => item.objectiveIds.includes(o.id));
  if (claimed.length === 0) return '没有注明所检测的目标';
  if (!hasContent(withoutBlanks(item.prompt.text))) return `题目还是待教师补充的空位：「${clip(item.prompt.text, 30)}」`;
  if (claimed.some((o) => recall(o.text.replace(/^(学生)?(能够|能|会)/u, ''), item.prompt.text) >= RESTATED))
    return `题目只是把目标改成了问句：「${clip(item.prompt.text, 40)}」`;
  const text = itemText(item);
  const words = contentWords(text);
  const pairs = hanPairs(text);
  const shares = (o: Objective) =>
    sharedContentWords(words, contentWords(o.text)).length > 0 || [...hanPairs(o.text)].some((pair) => pairs.has(pair));
  if (claimed.some(shares)) return null;
  return `与所注目标 ${claimed.map((o) => o.id).join('、')}（${clip(claimed[0]!.text, 24)}）没有共同的内容词`;
}

/**
 * 题目对准目标 (objective–item fit): each 达标检测 item shares content words
 * (Intl.Segmenter words, without the frame words every objective and
 * question is written in — or, where the dictionary cuts a classical line
 * apart, a pair of Han characters outside those words) with an objective it
 * says it checks, and is a task rather than that objective turned into a
 * question ("你能说出……吗？").
 */
export const objectiveFit = defineScorer({
  id: 'objective-fit',
  title: '题目对准目标',
  definition: '达标检测单的每道题与它所检测的教学目标有共同的内容词，且不是把目标原样改成问句',
  needs: ['T3'],
  targets: ['restate-objectives', 'generic-check-items'],
  threshold: 0.8,
  tolerance: 0.05,
  // Strict since the offline engine reached the threshold (90 over all cases): a check item that
  // does not test its objective fails the gate whatever the baseline says.
  strict: true,
  score: ({ results }) =>
    shareWithoutProblems(
      results.T3.sheets.masteryCheck.items,
      (item, i): Finding[] => {
        const problem = problemOf(item, results.T3.objectives);
        return problem ? [{ field: `T3.sheets.masteryCheck.items[${i}]`, message: `达标检测单 ${item.id} ${problem}` }] : [];
      },
      { score: 0, findings: [{ field: 'T3.sheets.masteryCheck', message: '达标检测单没有题目' }] },
    ),
});
