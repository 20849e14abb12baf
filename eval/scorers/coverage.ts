import type { LessonPlan } from '../../src/domain/index.js';
import { containsNormalized, recall } from '../text/overlap.js';
import { defineScorer, type Finding, shareWithoutProblems } from './define.js';
import { planParts } from './plan-parts.js';

/** Share of a key phrase's content found in one text that still counts as naming it ("长方形的周长" in "长方形和正方形周长的计算方法"). */
const LOOSE = 0.6;

const names = (text: string, phrase: string) => containsNormalized(text, phrase) || recall(phrase, text) >= LOOSE;

/**
 * 重点覆盖: the case's expected key points are named among the plan's
 * 教学重点, 教学难点 or 教学目标 — where the case format says a good plan
 * names them (eval/case-schema.ts).
 */
export const keyPoints = defineScorer({
  id: 'key-points',
  title: '重点覆盖',
  definition: '用例预期的教学重点在教学设计的重点、难点或教学目标中写明',
  needs: ['T3'],
  targets: ['swap-subject'],
  threshold: 0.9,
  tolerance: 0.05,
  score: ({ results, evalCase }) => {
    const plan = results.T3;
    const named = [...plan.keyPoints, ...plan.difficultPoints, ...plan.objectives].map((part) => part.text);
    return shareWithoutProblems(
      evalCase.expect.keyPoints,
      (phrase): Finding[] =>
        named.some((text) => names(text, phrase)) ? [] : [{ field: 'T3.keyPoints', message: `重点、难点和目标都没有写到「${phrase}」` }],
      { score: null, findings: [] },
    );
  },
});

/** All the words of a plan a student or teacher reads: analysis, objectives, process, sheets, board and homework. */
function planText(plan: LessonPlan): string {
  const { basic, advanced, challenge } = plan.homework;
  return [
    ...planParts(plan).map((part) => part.text),
    plan.boardDesign.text,
    ...[...basic, ...advanced, ...challenge].map((b) => b.text),
  ].join('\n');
}

/** 术语覆盖: the terms the lesson is about appear somewhere in the plan or its sheets. */
export const vocabulary = defineScorer({
  id: 'vocabulary',
  title: '术语覆盖',
  definition: '用例预期的学科术语或生字词在教学设计或三单中出现',
  needs: ['T3'],
  targets: ['swap-subject'],
  threshold: 0.9,
  tolerance: 0.05,
  score: ({ results, evalCase }) => {
    const text = planText(results.T3);
    return shareWithoutProblems(
      evalCase.expect.vocabulary,
      (term): Finding[] => (containsNormalized(text, term) ? [] : [{ field: 'T3', message: `没有用到术语「${term}」` }]),
      { score: null, findings: [] },
    );
  },
});
