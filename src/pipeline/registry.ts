import { briefStep } from '../steps/c1-brief/definition.js';
import { specStep } from '../steps/c2-spec/definition.js';
import { pptxStep } from '../steps/c3-pptx/definition.js';
import { digestStep } from '../steps/t1-digest/definition.js';
import { analysisStep } from '../steps/t2-analysis/definition.js';
import { planStep } from '../steps/t3-plan/definition.js';
import { transcriptStep } from '../steps/v1-transcript/definition.js';
import { chaptersStep } from '../steps/v2-chapters/definition.js';
import { outlineStep } from '../steps/v3-outline/definition.js';
import type { Step, StepId } from './step.js';

/**
 * The nine steps of 三阶九步, in the order a teacher reads them. This list is
 * the only place the steps are enumerated: the runner, the CLI's progress,
 * the API and the eval suite all read it.
 */
export const STEPS: readonly Step[] = [
  digestStep,
  analysisStep,
  planStep,
  transcriptStep,
  chaptersStep,
  outlineStep,
  briefStep,
  specStep,
  pptxStep,
];

export function stepById(id: StepId): Step {
  return STEPS.find((step) => step.id === id)!;
}
