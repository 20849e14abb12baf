import type { Clip, LessonPlan, SheetItem, SourceRef, TextBlock, VideoOutline } from '../../src/domain/index.js';

/**
 * The parts of a plan and a video outline that make claims (论述), each with
 * the path an engineer follows, the name a prep lead reads and its sources.
 * Citation and coverage scorers walk this list instead of the raw JSON, so
 * every finding names the part the way the printed 教学设计 does.
 */
export interface PlanPart {
  /** e.g. `T3.objectives[1]`. */
  field: string;
  /** e.g. 教学目标 O2, 第 3 环节「探究新知」, 达标检测单 M4. */
  label: string;
  /** The words of the claim (all of the part's text). */
  text: string;
  sources: SourceRef[];
  /** Set for the outline's clips: the span the clip's sources must fall in. */
  clip?: Clip;
}

const SHEET_LABEL = { preStudy: '预学单', exploration: '探究单', masteryCheck: '达标检测单' } as const;
export const SHEET_KEYS = ['preStudy', 'exploration', 'masteryCheck'] as const;

/** A part's sources once each: a prompt and its answer often cite the same page. */
function distinct(refs: SourceRef[]): SourceRef[] {
  return [...new Map(refs.map((r) => [`${r.file}|${r.page}|${r.at}|${r.quote}`, r])).values()];
}

const itemBlocks = (item: SheetItem): TextBlock[] => [
  item.prompt,
  ...(item.passage ? [item.passage] : []),
  ...(item.answer ? [item.answer] : []),
];
const itemText = (item: SheetItem) =>
  [item.passage?.text ?? '', item.prompt.text, ...(item.options ?? []), ...(item.table?.columns ?? []), item.answer?.text ?? '']
    .filter(Boolean)
    .join('\n');

/** 「第 3 环节「探究新知」」 for process[2]. */
export function stepLabel(plan: Pick<LessonPlan, 'process'>, index: number): string {
  const name = plan.process[index]?.name;
  return name ? `第 ${index + 1} 环节「${name}」` : `第 ${index + 1} 环节`;
}

/**
 * Every claim-bearing part of a plan, in the printed order.
 *
 * @example
 * planParts(plan).find((p) => p.field === 'T3.objectives[0]')?.label // '教学目标 O1'
 */
export function planParts(plan: LessonPlan): PlanPart[] {
  const parts: PlanPart[] = [];
  plan.standards.forEach((g, i) => parts.push({ field: `T3.standards[${i}]`, label: '课标要求', text: g.text, sources: g.sources }));
  parts.push({ field: 'T3.textbookAnalysis', label: '教材分析', text: plan.textbookAnalysis.text, sources: plan.textbookAnalysis.sources });
  parts.push({ field: 'T3.learnerAnalysis', label: '学情分析', text: plan.learnerAnalysis.text, sources: plan.learnerAnalysis.sources });
  plan.objectives.forEach((o, i) =>
    parts.push({ field: `T3.objectives[${i}]`, label: `教学目标 ${o.id}`, text: o.text, sources: o.sources }),
  );
  plan.keyPoints.forEach((g, i) =>
    parts.push({ field: `T3.keyPoints[${i}]`, label: `教学重点 ${i + 1}`, text: g.text, sources: g.sources }),
  );
  plan.difficultPoints.forEach((g, i) =>
    parts.push({ field: `T3.difficultPoints[${i}]`, label: `教学难点 ${i + 1}`, text: g.text, sources: g.sources }),
  );
  plan.process.forEach((step, i) =>
    parts.push({
      field: `T3.process[${i}]`,
      label: stepLabel(plan, i),
      text: [step.name, step.teacherActivity.text, step.studentActivity.text, step.intent.text].join('\n'),
      sources: distinct([step.teacherActivity, step.studentActivity, step.intent].flatMap((b) => b.sources)),
    }),
  );
  for (const key of SHEET_KEYS) {
    plan.sheets[key].items.forEach((item, i) =>
      parts.push({
        field: `T3.sheets.${key}.items[${i}]`,
        label: `${SHEET_LABEL[key]} ${item.id}`,
        text: itemText(item),
        sources: distinct(itemBlocks(item).flatMap((b) => b.sources)),
      }),
    );
  }
  return parts;
}

/** The outline's clips as claims about the video. */
export function clipParts(outline: VideoOutline): PlanPart[] {
  return outline.clips.map((clip, i) => ({
    field: `V3.clips[${i}]`,
    label: `视频片段 ${i + 1}「${clip.title}」`,
    text: [clip.title, clip.purpose, clip.teacherBefore, clip.teacherAfter, ...clip.pauseQuestions.map((q) => q.question)].join('\n'),
    sources: clip.sources,
    clip,
  }));
}

export function sheetLabel(key: (typeof SHEET_KEYS)[number]): string {
  return SHEET_LABEL[key];
}
