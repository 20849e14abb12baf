import type { StepRole } from '../../domain/index.js';
import type { PartKind } from '../v2-chapters/discourse.js';

/**
 * How well a part of the video suits a step of the given role, 0–1. The
 * diagonal is the lesson's own logic (the video's 导入 for the class's 导入,
 * its 例题 for 新授 and 指导练习, its 练一练 for 检测, its 总结 for 小结); the
 * off-diagonal values say what a teacher could still use (a worked example
 * also works as practice). The role is the plan's, never read from a name.
 */
const TEACH = { intro: 0.3, concept: 1, example: 1, practice: 0.4, summary: 0, extension: 0.5, outro: 0 };
const PRACTICE = { intro: 0, concept: 0.1, example: 0.5, practice: 1, summary: 0.2, extension: 0.6, outro: 0 };

const AFFINITY: Record<StepRole, Record<PartKind, number>> = {
  'lead-in': { intro: 1, concept: 0.2, example: 0, practice: 0, summary: 0, extension: 0, outro: 0 },
  // 预学反馈 is the class discussing its own pre-study answers: a video rarely serves it.
  'pre-study-feedback': { intro: 0.2, concept: 0.4, example: 0.2, practice: 0, summary: 0, extension: 0, outro: 0 },
  // A 范读 or the text read aloud is explanation of the text as far as the video's cue words tell.
  reading: { intro: 0.3, concept: 0.8, example: 0.3, practice: 0.2, summary: 0, extension: 0.3, outro: 0 },
  'new-content': TEACH,
  'group-inquiry': TEACH,
  'guided-practice': { ...TEACH, practice: 0.8 },
  check: PRACTICE,
  summary: { intro: 0, concept: 0, example: 0, practice: 0.2, summary: 1, extension: 0, outro: 0 },
  homework: { intro: 0, concept: 0, example: 0, practice: 0, summary: 0, extension: 0, outro: 0 },
};

/**
 * @example
 * affinity('example', 'new-content') // 1
 * affinity('intro', 'summary') // 0
 */
export function affinity(part: PartKind, role: StepRole): number {
  return AFFINITY[role][part];
}
