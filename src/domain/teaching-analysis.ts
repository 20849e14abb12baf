import { z } from 'zod';
import { Grounded, SourceRef } from './source-ref.js';

/** A learning objective 教学目标. The verb must be observable (说出, 运用…), not 了解/掌握. */
export const Objective = z.object({
  /** "O1", "O2" … — steps and sheet items point at objectives by id. */
  id: z.string().regex(/^O\d+$/),
  text: z.string().min(4),
  /** The measurable behaviour verb used in `text`. */
  verb: z.string().min(1),
  /** 核心素养 dimension, or 知识与技能 / 过程与方法 / 情感态度价值观. */
  dimension: z.string().min(1),
  sources: z.array(SourceRef),
});
export type Objective = z.infer<typeof Objective>;

/** T2 — 教学分析. */
export const TeachingAnalysis = z.object({
  standards: z.array(Grounded), // 课标要求
  textbookAnalysis: Grounded, // 教材分析
  learnerAnalysis: Grounded, // 学情分析
  objectives: z.array(Objective).min(1),
  keyPoints: z.array(Grounded).min(1), // 教学重点
  difficultPoints: z.array(Grounded).min(1), // 教学难点
  misconceptions: z.array(z.object({ text: z.string().min(1), remedy: z.string().min(1) })), // 易错点
  keyTerms: z.array(z.string()),
});
export type TeachingAnalysis = z.infer<typeof TeachingAnalysis>;
