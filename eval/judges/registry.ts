import { ciddp } from './ciddp.js';
import type { Judge } from './define.js';
import { ppteval } from './ppteval.js';
import { rubric } from './rubric.js';

/** The model judges, run with `--judge` when a judge model is configured. */
export const JUDGES: readonly Judge[] = [ciddp, rubric, ppteval];
