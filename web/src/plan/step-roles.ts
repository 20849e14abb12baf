import type { LessonPlan } from '../api/client.js';

/** What a 环节 is for (导入, 新授 …): the plan schema's fixed set, which the deck and video alignment read. */
export type StepRole = LessonPlan['process'][number]['role'];

/**
 * The roles in the order a lesson usually runs, with the words the editor
 * shows. Typed by the generated schema, so a role added on the server is a
 * type error here until it has its word.
 */
export const STEP_ROLE_LABEL: Record<StepRole, string> = {
  'lead-in': '导入',
  'pre-study-feedback': '预学反馈',
  reading: '诵读感知',
  'new-content': '新授',
  'guided-practice': '指导练习',
  'group-inquiry': '合作探究',
  check: '当堂检测',
  summary: '课堂小结',
  homework: '布置作业',
};

export const STEP_ROLES = Object.keys(STEP_ROLE_LABEL) as StepRole[];

/** The plan schema's least number of 环节 (`process: z.array(ProcessStep).min(2)`). */
export const MIN_STEPS = 2;
