import type { StepId } from '../step.js';

/** What a step's result depends on besides its input: where its code starts, and what it reads that is not code. */
export interface StepCode {
  /** The step's definition module, relative to src/ and without extension; its import graph is the step's code. */
  definition: string;
  /** True for steps that read material files through the caller's library: the parsing code and libraries are theirs too. */
  readsMaterials?: boolean;
}

/**
 * Where each of the nine steps is defined (test/pipeline/code-version checks
 * every entry exports the registered step), so each step's cache key hashes
 * only the code it runs.
 */
export const STEP_CODE: Record<StepId, StepCode> = {
  T1: { definition: 'steps/t1-digest/definition', readsMaterials: true },
  T2: { definition: 'steps/t2-analysis/definition' },
  T3: { definition: 'steps/t3-plan/definition' },
  V1: { definition: 'steps/v1-transcript/definition', readsMaterials: true },
  V2: { definition: 'steps/v2-chapters/definition' },
  V3: { definition: 'steps/v3-outline/definition' },
  C1: { definition: 'steps/c1-brief/definition' },
  C2: { definition: 'steps/c2-spec/definition' },
  C3: { definition: 'steps/c3-pptx/definition' },
};

/** Every step runs through the step executor (engine, model calls, provenance): its code is part of every step's. */
export const EXECUTOR_MODULE = 'pipeline/execute-step';

/** Data files a module reads at run time, relative to the package root: a step that reaches the module depends on them. */
export const MODULE_ASSETS: Record<string, string[]> = {
  'render/pptx/theme': ['templates/themes'],
};
