import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutationMatrix } from '../../eval/core/matrix.js';
import { MUTATIONS } from '../../eval/mutations/registry.js';
import type { MatrixJson } from '../../eval/report/schema.js';
import { SCORERS } from '../../eval/scorers/registry.js';
import { DEMO, evaluateOffline } from './support.js';

/** The demo (video, PDF, 教参), a lesson with almost no material, and another with a video in another subject. */
const CASES = [DEMO, 'yuwen-g1-short', 'wuli-g8-guang-fanshe'];

let run: Awaited<ReturnType<typeof evaluateOffline>>;
let matrix: MatrixJson;
beforeAll(async () => {
  run = await evaluateOffline(CASES);
  matrix = await mutationMatrix(run.cases, { files: run.store }, null);
}, 180_000);
afterAll(() => run.cleanup());

describe('the mutation matrix (元评测)', () => {
  it('applies every mutation to some case', () => {
    for (const m of matrix.mutations) expect(m.appliedTo, m.id).toBeGreaterThan(0);
    expect(matrix.mutations.map((m) => m.id)).toEqual(MUTATIONS.map((m) => m.id));
  });

  it.each(SCORERS.map((s) => s.id))('%s catches 100%% of the mutations it targets', (id) => {
    const targeted = matrix.cells.filter((cell) => cell.scorer === id && cell.targeted);
    expect(targeted.length).toBeGreaterThan(0);
    expect(targeted.flatMap((cell) => cell.missed)).toEqual([]);
    expect(matrix.catchRate[id]).toBe(1);
  });

  it('leaves the original results untouched (every mutation works on a copy)', async () => {
    const again = await mutationMatrix(run.cases, { files: run.store }, null);
    expect(again.cells).toEqual(matrix.cells);
  }, 180_000);
});
