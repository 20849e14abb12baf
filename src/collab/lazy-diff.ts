import { lazily } from '../lazy.js';

/**
 * The plan comparison of diff.ts for the service, which loads the character
 * diff library (jsdiff) at the first comparison instead of at start. Same
 * parameters as in diff.ts; the results come as promises.
 *
 * @example
 * const diff = await diffPlans(from.json, to.json);
 * const text = await diffText(diff);
 */
export const diffPlans = lazily(() => import('./diff.js'), 'diffPlans');
export const diffText = lazily(() => import('./diff.js'), 'diffText');
