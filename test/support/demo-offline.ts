import fs from 'node:fs';
import path from 'node:path';
import { runCase } from '../../eval/run-case.js';
import { packagePath } from '../../src/paths.js';
import type { Results } from '../../src/pipeline/step.js';
import { madeOncePer } from './input-cache.js';
import { tempDataDir } from './temp-db.js';

/** The demo case: 长方形和正方形的周长, with its textbook pages, 教参 and lesson video. */
export const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');

/** What an offline run of the demo case reads: the steps and what they load, the case, the runner of cases, the dependencies. */
const INPUTS = [
  'src',
  'prompts',
  'templates',
  'eval/run-case.ts',
  'eval/case-schema.ts',
  'eval/cases/demo-shuxue-g3-zhouchang',
  'package-lock.json',
];

/**
 * What the offline engine makes of the demo case, for tests that script a model with it
 * (`answerLikeOffline`). The whole offline run takes tens of seconds on a loaded machine, so it is made
 * once per state of its inputs and shared by the test files that need it.
 *
 * @example
 * const model = await startOpenAIServer({ respond: answerLikeOffline(await demoOfflineResults()) });
 */
export async function demoOfflineResults(): Promise<Results> {
  const folder = await madeOncePer('demo-offline', INPUTS, async (into) => {
    const scratch = tempDataDir();
    try {
      const { outcome } = await runCase(DEMO, { db: scratch.db, store: scratch.store, engine: { kind: 'offline' } });
      if (outcome.status !== 'succeeded') throw new Error(`the demo case's offline run ${outcome.status}: ${outcome.error?.message}`);
      fs.writeFileSync(path.join(into, 'results.json'), JSON.stringify(outcome.results));
    } finally {
      scratch.cleanup();
    }
  });
  return JSON.parse(fs.readFileSync(path.join(folder, 'results.json'), 'utf8'));
}
