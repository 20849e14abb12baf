import { type DeckBrief, DeckSpec, type LessonPlan, type VideoOutline } from '../../domain/index.js';
import { fence, UNTRUSTED_MATERIAL_RULE } from '../../llm/untrusted.js';
import { defineStep } from '../../pipeline/step.js';
import { fitSlides } from './fit-slides.js';
import { writeDeckSpec } from './offline.js';

interface SpecInput {
  brief: DeckBrief;
  plan: LessonPlan;
  outline: VideoOutline | null;
}

/** C2 课件脚本 (courseware / process): every slide's title, body and speaker notes, fitted to its layout's budget. */
export const specStep = defineStep<'C2', SpecInput, DeckSpec>({
  id: 'C2',
  stage: 'courseware',
  phase: 'process',
  title: '课件脚本',
  summary:
    'Writes every slide — layout, title, body, speaker notes, clip links, question and answer pairs — within the text budget of its layout.',
  needs: ['C1', 'T3', 'V3'],
  output: DeckSpec,
  input: (_inputs, results) => ({ brief: results.C1!, plan: results.T3!, outline: results.V3 ?? null }),
  model: {
    prompt: 'c2-spec',
    schemaName: 'deck_spec',
    response: () => DeckSpec,
    view: ({ brief, plan, outline }) => ({
      rule: UNTRUSTED_MATERIAL_RULE,
      brief: JSON.stringify(brief),
      process: JSON.stringify(plan.process.map((step, index) => ({ index, name: step.name, teacherActivity: step.teacherActivity }))),
      items: fence(
        '三单题目（JSON）',
        JSON.stringify(
          Object.values(plan.sheets).flatMap((sheet) =>
            sheet.items.map(({ id, prompt, options, answer }) => ({ id, prompt, options, answer })),
          ),
        ),
      ),
      clips: JSON.stringify(outline?.clips ?? []),
      videos: JSON.stringify(outline?.videos ?? []),
    }),
    // Models count characters badly: the budgets are enforced here, whatever the model wrote.
    toOutput: (spec, { brief }) => fitSlides({ ...spec, theme: brief.theme }),
  },
  offline: ({ brief, plan, outline }) => writeDeckSpec(brief, plan, outline),
});
