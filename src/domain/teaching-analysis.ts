import { z } from 'zod';
import { TextBlock } from './origin.js';
import { named } from './schema-names.js';

/** A learning objective 教学目标. The verb must be observable (说出, 运用…), not 了解/掌握. */
export const Objective = named(
  'Objective',
  TextBlock.extend({
    /** "O1", "O2" … — steps and sheet items point at objectives by id. */
    id: z.string().regex(/^O\d+$/),
    text: z.string().min(4),
    /** The measurable behaviour verb used in `text`. */
    verb: z.string().min(1),
    /** 核心素养 dimension, or 知识与技能 / 过程与方法 / 情感态度价值观. */
    dimension: z.string().min(1),
    /** 对应课标: ids (K1, K2 …) of the 课标要求 items this objective serves; absent in plans made before links. */
    standardIds: z.array(z.string().regex(/^K\d+$/)).optional(),
  }),
);
export type Objective = z.infer<typeof Objective>;

/** One 课标要求: the standard's own words with their page; objectives link to it by `id` (K1, K2 …). */
export const StandardRequirement = named(
  'StandardRequirement',
  TextBlock.extend({
    /** "K1", "K2" …; absent for a requirement a teacher typed or a plan made before links. */
    id: z
      .string()
      .regex(/^K\d+$/)
      .optional(),
  }),
);
export type StandardRequirement = z.infer<typeof StandardRequirement>;

/** 易错点 and its 对策: where students slip, and what the teacher does about it. */
export const Misconception = named(
  'Misconception',
  z.object({
    /** "X1", "X2" … */
    id: z.string().regex(/^X\d+$/),
    text: TextBlock,
    remedy: TextBlock,
  }),
);
export type Misconception = z.infer<typeof Misconception>;

/** T2 — 教学分析. */
export const TeachingAnalysis = z.object({
  standards: z.array(StandardRequirement), // 课标要求
  textbookAnalysis: TextBlock, // 教材分析
  learnerAnalysis: TextBlock, // 学情分析
  objectives: z.array(Objective).min(1),
  keyPoints: z.array(TextBlock).min(1), // 教学重点
  difficultPoints: z.array(TextBlock).min(1), // 教学难点
  misconceptions: z.array(Misconception), // 易错点与对策
  keyTerms: z.array(TextBlock), // 关键术语
});
export type TeachingAnalysis = z.infer<typeof TeachingAnalysis>;
