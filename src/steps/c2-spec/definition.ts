import { z } from 'zod';
import { type DeckBrief, DeckSpec, type LessonPlan, Slide, type VideoOutline } from '../../domain/index.js';
import { fence, UNTRUSTED_MATERIAL_RULE } from '../../llm/untrusted.js';
import { defineStep } from '../../pipeline/step.js';
import { fitSlides } from './fit-slides.js';
import { writeDeckSpec } from './offline.js';
import { withSlideIds } from './slide-ids.js';

interface SpecInput {
  brief: DeckBrief;
  plan: LessonPlan;
  outline: VideoOutline | null;
}

/** What the model writes: the slides without ids and origins, which the product gives. */
const SpecAnswer = DeckSpec.extend({ slides: z.array(Slide.omit({ id: true, origin: true })).min(3) });
type SpecAnswer = z.infer<typeof SpecAnswer>;

/** C2 课件脚本 (courseware / process): every slide's title, body and speaker notes, fitted to its layout's budget. */
export const specStep = defineStep<'C2', SpecInput, SpecAnswer>({
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
    response: () => SpecAnswer,
    view: ({ brief, plan, outline }) => ({
      rule: UNTRUSTED_MATERIAL_RULE,
      brief: JSON.stringify(brief),
      process: JSON.stringify(
        plan.process.map((step) => ({ id: step.id, role: step.role, name: step.name, teacherActivity: step.teacherActivity.text })),
      ),
      items: fence(
        '三单题目（JSON）',
        JSON.stringify(
          Object.values(plan.sheets).flatMap((sheet) =>
            sheet.items.map(({ id, prompt, options, answer }) => ({ id, prompt: prompt.text, options, answer: answer?.text ?? null })),
          ),
        ),
      ),
      clips: JSON.stringify(outline?.clips ?? []),
      videos: JSON.stringify(outline?.videos ?? []),
    }),
    // Models count characters badly: the budgets are enforced here, whatever the model wrote.
    toOutput: (spec, { brief }) =>
      fitSlides({
        ...spec,
        theme: brief.theme,
        slides: withSlideIds(spec.slides.map((slide) => ({ ...slide, origin: 'model' as const }))),
      }),
  },
  offline: ({ brief, plan, outline }) => writeDeckSpec(brief, plan, outline),
});
