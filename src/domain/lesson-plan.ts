import { z } from 'zod';
import { Provenance } from './provenance.js';
import { Grounded, SourceRef } from './source-ref.js';
import { Objective } from './teaching-analysis.js';

/** One 环节 of 教学过程. */
export const ProcessStep = z.object({
  name: z.string().min(1), // 环节, e.g. 情境导入
  minutes: z.number().int().positive(),
  teacherActivity: z.string().min(1), // 教师活动
  studentActivity: z.string().min(1), // 学生活动
  intent: z.string().min(1), // 设计意图
  objectiveIds: z.array(z.string()),
  sources: z.array(SourceRef),
});
export type ProcessStep = z.infer<typeof ProcessStep>;

export const Tier = z.enum(['basic', 'advanced', 'challenge']); // 基础 / 提高 / 拓展
export type Tier = z.infer<typeof Tier>;
export const TIER_LABEL: Record<Tier, string> = { basic: '基础', advanced: '提高', challenge: '拓展' };

export const SheetItem = z.object({
  id: z.string().min(1),
  type: z.enum(['fill', 'choice', 'short', 'task', 'reflection']),
  prompt: z.string().min(1),
  /** Choices for `choice` items, else null. */
  options: z.array(z.string()).nullable(),
  /** The answer key; open tasks may have none. Every mastery-check item has one. */
  answer: z.string().nullable(),
  objectiveIds: z.array(z.string()),
  tier: Tier.nullable(),
  sources: z.array(SourceRef),
});
export type SheetItem = z.infer<typeof SheetItem>;

/** A student sheet: 一案三单's 单, placed before, in or after class. */
export const Sheet = z.object({
  title: z.string().min(1),
  phase: z.enum(['before', 'in', 'after']),
  instructions: z.string().min(1),
  items: z.array(SheetItem).min(1),
});
export type Sheet = z.infer<typeof Sheet>;

export const Sheets = z.object({
  preStudy: Sheet, // 预学单
  exploration: Sheet, // 探究单
  masteryCheck: Sheet, // 达标检测单
});
export type Sheets = z.infer<typeof Sheets>;

export const Homework = z.object({
  basic: z.array(z.string().min(1)).min(1),
  advanced: z.array(z.string().min(1)).min(1),
  challenge: z.array(z.string().min(1)).min(1),
});

/** The part of the plan that T3 designs (a model writes exactly this; see `LessonDesign`). */
const designShape = {
  methods: z.array(z.string().min(1)).min(1), // 教学方法
  preparation: z.array(z.string().min(1)).min(1), // 教学准备
  process: z.array(ProcessStep).min(2), // 教学过程
  boardDesign: z.string().min(1), // 板书设计
  homework: Homework, // 分层作业
  sheets: Sheets,
};

/** What T3 designs on top of the analysis: the process, board, homework and sheets. */
export const LessonDesign = z.object(designShape);
export type LessonDesign = z.infer<typeof LessonDesign>;

export const LessonPlanShape = z.object({
  title: z.string().min(1), // 课题
  subject: z.string().min(1),
  grade: z.number().int().min(1).max(12),
  edition: z.string().nullable(),
  periodMinutes: z.number().int().positive(),
  standards: z.array(Grounded), // 课标要求
  textbookAnalysis: Grounded, // 教材分析
  learnerAnalysis: Grounded, // 学情分析
  objectives: z.array(Objective).min(1), // 教学目标
  keyPoints: z.array(Grounded).min(1), // 教学重点
  difficultPoints: z.array(Grounded).min(1), // 教学难点
  ...designShape,
  /** 教学反思: written after teaching, empty in a draft. */
  reflection: z.string().nullable(),
  /** Every file and page the plan cites, for the 参考资料 list. */
  sources: z.array(SourceRef),
  provenance: Provenance,
});

/**
 * T3 — 教学设计 plus 三单. The rules a prep lead would check by eye are enforced
 * here so no step, engine or edit can produce a plan that breaks them.
 */
export const LessonPlan = LessonPlanShape.superRefine((plan, ctx) => {
  const total = plan.process.reduce((sum, step) => sum + step.minutes, 0);
  if (total !== plan.periodMinutes) {
    ctx.addIssue({
      code: 'custom',
      path: ['process'],
      message: `教学过程各环节用时合计 ${total} 分钟，与课时 ${plan.periodMinutes} 分钟不符`,
    });
  }
  const ids = new Set(plan.objectives.map((o) => o.id));
  const checkRefs = (refs: string[], path: (string | number)[]) => {
    for (const id of refs) {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `引用了不存在的教学目标 ${id}` });
    }
  };
  plan.process.forEach((step, i) => checkRefs(step.objectiveIds, ['process', i, 'objectiveIds']));
  for (const key of ['preStudy', 'exploration', 'masteryCheck'] as const) {
    plan.sheets[key].items.forEach((item, i) => checkRefs(item.objectiveIds, ['sheets', key, 'items', i, 'objectiveIds']));
  }
  plan.sheets.masteryCheck.items.forEach((item, i) => {
    if (item.objectiveIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['sheets', 'masteryCheck', 'items', i], message: '达标检测题必须注明所检测的教学目标' });
    }
  });
});
export type LessonPlan = z.infer<typeof LessonPlan>;
