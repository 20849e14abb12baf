import type { EvalCase } from '../../eval/case-schema.js';
import type { ScoreContext } from '../../eval/core/context.js';
import { type CaseEvaluation, evaluate } from '../../eval/core/evaluate.js';
import type { Judging } from '../../eval/core/score-case.js';
import type { LessonPlan } from '../../src/domain/index.js';
import { packagePath } from '../../src/paths.js';
import { tempDataDir } from '../support/temp-db.js';

export const caseDir = (id: string) => packagePath('eval', 'cases', id);
export const DEMO = 'demo-shuxue-g3-zhouchang';

/**
 * Runs shipped cases through the offline engine into a fresh data directory
 * and scores them, as `npm run eval` does.
 *
 * @example
 * const run = await evaluateOffline([DEMO]); … run.cleanup();
 */
export async function evaluateOffline(ids: string[], judging: Judging | null = null) {
  const data = tempDataDir();
  const cases = await evaluate({
    caseDirs: ids.map(caseDir),
    db: data.db,
    store: data.store,
    engine: { kind: 'offline' },
    judging,
    concurrency: 1,
  });
  return { ...data, cases, byId: (id: string) => cases.find((c) => c.row.id === id) as CaseEvaluation };
}

/** A case for hand-made plans: the fixture's lesson, with what a good plan for it must name. */
export const FIXTURE_CASE: EvalCase = {
  id: 'fixture-zhouchang',
  description: 'makePlan 的课例',
  request: {
    title: '长方形和正方形的周长',
    subject: '数学',
    grade: 3,
    periodMinutes: null,
    edition: '人教版',
    unit: null,
    classProfile: null,
  },
  materials: [{ file: 'materials/book.pdf', kind: 'textbook' }],
  transcripts: [],
  expect: { keyPoints: ['长方形的周长', '正方形的周长'], vocabulary: ['周长', '边长', '长方形', '正方形'], mustSee: [] },
};

/** A scorer context around a hand-made plan alone (no digest, video or deck). */
export function planContext(plan: LessonPlan): ScoreContext {
  return { evalCase: FIXTURE_CASE, results: { T3: plan }, periodMinutes: 40, hasVideo: false, deck: null, deckError: null, peers: null };
}
