import { DeckBrief, type LessonPlan, type VideoOutline } from '../../domain/index.js';
import { fence, UNTRUSTED_MATERIAL_RULE } from '../../llm/untrusted.js';
import { defineStep } from '../../pipeline/step.js';
import { buildDeckBrief } from './offline.js';

interface BriefInput {
  plan: LessonPlan;
  outline: VideoOutline | null;
  theme: string;
}

/** Every plan step gets slides, and only real sheet items and clips are referenced. */
function briefFor({ plan, outline }: BriefInput) {
  const itemIds = new Set(Object.values(plan.sheets).flatMap((sheet) => sheet.items.map((item) => item.id)));
  const clipCount = outline?.clips.length ?? 0;
  return DeckBrief.superRefine((brief, ctx) => {
    for (const step of plan.process) {
      if (!brief.steps.some((s) => s.stepId === step.id)) {
        ctx.addIssue({ code: 'custom', path: ['steps'], message: `环节 ${step.id}「${step.name}」没有安排幻灯片` });
      }
    }
    brief.steps.forEach((step, i) => {
      if (!plan.process.some((s) => s.id === step.stepId))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'stepId'], message: `没有环节 ${step.stepId}` });
      for (const id of step.practiceItemIds)
        if (!itemIds.has(id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'practiceItemIds'], message: `没有题目 ${id}` });
      for (const clip of step.clipIndexes)
        if (clip >= clipCount)
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'clipIndexes'], message: `视频提纲只有 ${clipCount} 个片段` });
    });
  });
}

/** C1 课件规划 (courseware / input): the slide budget per plan step — ideas, practice items, clips. */
export const briefStep = defineStep<'C1', BriefInput, DeckBrief>({
  id: 'C1',
  stage: 'courseware',
  phase: 'input',
  title: '课件规划',
  summary:
    'Plans the deck: for each 环节 the ideas (one per slide), the practice items and the video clips it shows, within a slide budget.',
  needs: ['T3', 'V3'],
  output: DeckBrief,
  input: ({ theme }, results) => ({ plan: results.T3!, outline: results.V3 ?? null, theme }),
  model: {
    prompt: 'c1-brief',
    schemaName: 'deck_brief',
    response: briefFor,
    view: ({ plan, outline, theme }) => ({
      rule: UNTRUSTED_MATERIAL_RULE,
      theme,
      plan: fence(
        '教学设计（JSON）',
        JSON.stringify({
          title: plan.title.text,
          objectives: plan.objectives,
          keyPoints: plan.keyPoints,
          process: plan.process,
          sheets: plan.sheets,
        }),
      ),
      clips: JSON.stringify(outline?.clips.map((clip, index) => ({ index, title: clip.title, stepId: clip.stepId })) ?? []),
    }),
    toOutput: (brief, { theme }) => ({ ...brief, theme }),
  },
  offline: ({ plan, outline, theme }) => buildDeckBrief(plan, outline, theme),
});
