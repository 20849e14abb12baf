import type { PartKind } from '../v2-chapters/discourse.js';

/**
 * What a 环节 of 教学过程 is for, read from its name. Plans name steps in a
 * small common vocabulary (情境导入, 探究新知, 巩固练习, 课堂小结…), so the
 * name is enough to know which parts of a lesson video can serve it.
 */
export type StepKind = 'intro' | 'teach' | 'feedback' | 'practice' | 'summary' | 'homework' | 'other';

/** First match wins: "课堂小结与作业" is a 小结 step that also sets homework. */
const STEP_NAME_RULES: [RegExp, StepKind][] = [
  [/小结|总结|回顾|梳理|收获/u, 'summary'],
  [/作业|布置/u, 'homework'],
  [/导入|情境|激趣|谈话|揭题|引入|温故|复习旧知/u, 'intro'],
  [/巩固|练习|检测|达标|应用|提升|闯关|测学|拓展/u, 'practice'],
  // 预学反馈 is the class discussing its own pre-study answers: a video rarely serves it.
  [/预学|预习|反馈/u, 'feedback'],
  [/新授|探究|新知|讲解|合作|感知|认识|建构|探索|体验|自学|共学|例题|精讲/u, 'teach'],
];

/**
 * @example
 * stepKind('探究新知') // 'teach'
 * stepKind('课堂小结与作业') // 'summary'
 */
export function stepKind(name: string): StepKind {
  return STEP_NAME_RULES.find(([re]) => re.test(name))?.[1] ?? 'other';
}

/**
 * How well a part of the video suits a kind of step, 0–1. The diagonal is the
 * lesson's own logic (the video's 导入 for the class's 导入, its 例题 for
 * 新授/探究, its 练一练 for 巩固, its 总结 for 小结); the off-diagonal values
 * say what a teacher could still use (a worked example also works as practice).
 */
const AFFINITY: Record<PartKind, Partial<Record<StepKind, number>>> = {
  intro: { intro: 1, teach: 0.3, feedback: 0.2, other: 0.3 },
  concept: { teach: 1, intro: 0.2, feedback: 0.4, practice: 0.1, other: 0.5 },
  example: { teach: 1, practice: 0.5, feedback: 0.2, other: 0.5 },
  practice: { practice: 1, teach: 0.4, other: 0.5 },
  summary: { summary: 1, practice: 0.2, other: 0.3 },
  extension: { practice: 0.6, teach: 0.5, other: 0.5 },
  outro: {},
};

export function affinity(part: PartKind, step: StepKind): number {
  return AFFINITY[part][step] ?? 0;
}
