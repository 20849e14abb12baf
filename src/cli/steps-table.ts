import { STEPS } from '../pipeline/registry.js';
import { PHASE_LABEL, STAGE_LABEL } from '../pipeline/step.js';

/** The nine steps as a Markdown table, read from their definitions (`lessonprep steps`; the README embeds it). */
export function stepsTable(): string {
  const rows = STEPS.map(
    (step) =>
      `| ${step.id} | ${step.title} | ${STAGE_LABEL[step.stage]} · ${PHASE_LABEL[step.phase]} | ${step.needs.join(', ') || '—'} | ${step.prompt ? `prompts/${step.prompt.name}/` : '— (parsing/rendering)'} | ${step.summary} |`,
  );
  return ['| step | 名称 | stage · phase | needs | prompt | what it does |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
