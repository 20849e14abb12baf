import { z } from 'zod';
import { materialWithoutSource, TextBlock, textBlocksOf } from './origin.js';
import { Provenance } from './provenance.js';
import { named } from './schema-names.js';
import { SourceRef } from './source-ref.js';
import { Misconception, Objective, StandardRequirement } from './teaching-analysis.js';

/**
 * What a 环节 is for. The deck, the video alignment and the eval read this,
 * never the step's name: 「情境导入」「激趣引入」「Warm-up」 are all `lead-in`.
 */
export const StepRole = z.enum([
  'lead-in', // 导入
  'pre-study-feedback', // 预学反馈: the class discusses its 预学单
  /**
   * 诵读 / 朗读 / 听读: the class reads or hears the studied text itself (语文 诵读, 英语 listening
   * and reading the dialogue). Its slides show the text, not ideas about it, and a video's 范读
   * serves it; no other role says that.
   */
  'reading',
  'new-content', // 新授 / 探究新知
  'guided-practice', // 例题与指导练习
  'group-inquiry', // 合作探究
  'check', // 当堂检测 / 达标测评
  'summary', // 课堂小结
  'homework', // 布置作业
]);
export type StepRole = z.infer<typeof StepRole>;

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

/** The piece of a lesson video a 环节 plays; times are seconds from the start of the video. */
export const StepClip = z.object({
  videoId: z.string().regex(/^V\d+$/),
  start: z.number().nonnegative(),
  end: z.number().positive(),
});
export type StepClip = z.infer<typeof StepClip>;

/** One 环节 of 教学过程. */
export const ProcessStep = named(
  'ProcessStep',
  z.object({
    /** "S1", "S2" … unique in the plan: clips, slides and comments point at steps by id. */
    id: z.string().regex(/^S\d+$/),
    role: StepRole,
    name: z.string().min(1), // 环节, e.g. 情境导入
    minutes: z.number().int().positive(),
    teacherActivity: TextBlock, // 教师活动
    studentActivity: TextBlock, // 学生活动
    intent: TextBlock, // 设计意图
    objectiveIds: z.array(z.string()),
    /** The video clip this step plays, or null. */
    clip: StepClip.nullable(),
  }),
);
export type ProcessStep = z.infer<typeof ProcessStep>;

export const Tier = z.enum(['basic', 'advanced', 'challenge']); // 基础 / 提高 / 拓展
export type Tier = z.infer<typeof Tier>;
export const TIER_LABEL: Record<Tier, string> = { basic: '基础', advanced: '提高', challenge: '拓展' };

/** A table printed on a sheet; an empty cell is a blank for the student to fill. */
export const SheetTable = z.object({
  columns: z.array(z.string()).min(1),
  rows: z.array(z.array(z.string())).min(1),
});
export type SheetTable = z.infer<typeof SheetTable>;

/** Room to write: ruled lines, or a grid of squares (方格) for characters and short compositions. */
export const WritingSpace = z.object({
  kind: z.enum(['lines', 'grid']),
  /** Lines, or squares in the grid. */
  count: z.number().int().positive().max(400),
});
export type WritingSpace = z.infer<typeof WritingSpace>;

/**
 * One item of a sheet, self-contained on paper: what a figure shows is said
 * in words, the text studied is printed with the item (`passage`), and a
 * "填写表格" comes with its table.
 */
export const SheetItem = named(
  'SheetItem',
  z.object({
    /** P1… on the 预学单, E1… on the 探究单, M1… on the 达标检测单; unique in the plan. */
    id: z.string().min(1),
    type: z.enum(['fill', 'choice', 'short', 'task', 'reflection']),
    prompt: TextBlock,
    /** The text printed above the prompt (a poem, a passage, a dialogue), or null. */
    passage: TextBlock.nullable(),
    /** Choices for `choice` items, else null. */
    options: z.array(z.string()).nullable(),
    /** A table to print (and fill in), or null. */
    table: SheetTable.nullable(),
    /** Room to write the answer; null leaves it to the item type. */
    writing: WritingSpace.nullable(),
    /** The answer key; open tasks may have none. Every mastery-check item has one. */
    answer: TextBlock.nullable(),
    objectiveIds: z.array(z.string()),
    tier: Tier.nullable(),
  }),
);
export type SheetItem = z.infer<typeof SheetItem>;

/** A student sheet: 一案三单's 单, placed before, in or after class. */
export const Sheet = named(
  'Sheet',
  z.object({
    title: z.string().min(1),
    phase: z.enum(['before', 'in', 'after']),
    instructions: z.string().min(1),
    items: z.array(SheetItem).min(1),
  }),
);
export type Sheet = z.infer<typeof Sheet>;

export const Sheets = z.object({
  preStudy: Sheet, // 预学单
  exploration: Sheet, // 探究单
  masteryCheck: Sheet, // 达标检测单
});
export type Sheets = z.infer<typeof Sheets>;
export const SHEET_KEYS = ['preStudy', 'exploration', 'masteryCheck'] as const;

export const Homework = z.object({
  basic: z.array(TextBlock).min(1),
  advanced: z.array(TextBlock).min(1),
  challenge: z.array(TextBlock).min(1),
});

/** The part of the plan that T3 designs (a model writes exactly this; see `LessonDesign`). */
const designShape = {
  /** 课题. The teacher's when she gave one; else the model's or the material's lesson heading. */
  title: TextBlock,
  methods: z.array(TextBlock).min(1), // 教学方法
  preparation: z.array(TextBlock).min(1), // 教学准备
  process: z.array(ProcessStep).min(2), // 教学过程
  boardDesign: TextBlock, // 板书设计
  homework: Homework, // 分层作业
  sheets: Sheets,
};

/** What T3 designs on top of the analysis: the title, process, board, homework and sheets. */
export const LessonDesign = z.object(designShape);
export type LessonDesign = z.infer<typeof LessonDesign>;

/** The plan's shape version; plans stored before it (version 1) are upgraded when read. */
export const PLAN_SCHEMA_VERSION = 2 as const;

export const LessonPlanShape = z.object({
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  subject: z.string().min(1),
  grade: z.number().int().min(1).max(12),
  edition: z.string().nullable(),
  periodMinutes: z.number().int().positive(),
  standards: z.array(StandardRequirement), // 课标要求
  textbookAnalysis: TextBlock, // 教材分析
  learnerAnalysis: TextBlock, // 学情分析
  objectives: z.array(Objective).min(1), // 教学目标
  keyPoints: z.array(TextBlock).min(1), // 教学重点
  difficultPoints: z.array(TextBlock).min(1), // 教学难点
  misconceptions: z.array(Misconception), // 易错点与对策
  keyTerms: z.array(TextBlock), // 关键术语
  ...designShape,
  /** 教学反思: written after teaching, empty in a draft. */
  reflection: TextBlock.nullable(),
  /** Every file and page the plan cites, for the 参考资料 list. */
  sources: z.array(SourceRef),
  provenance: Provenance,
});

type Issue = { path: (string | number)[]; message: string };

/** Every item of the three sheets, in print order, with its sheet. */
export function sheetItems(sheets: Sheets): { key: (typeof SHEET_KEYS)[number]; index: number; item: SheetItem }[] {
  return SHEET_KEYS.flatMap((key) => sheets[key].items.map((item, index) => ({ key, index, item })));
}

/** The rules on ids any design must keep (a model's, the rules', a teacher's): unique step and item ids, clips that run forward. */
export function designIssues(design: Pick<LessonDesign, 'process' | 'sheets'>): Issue[] {
  const issues: Issue[] = [];
  const stepIds = new Set<string>();
  design.process.forEach((step, i) => {
    if (stepIds.has(step.id)) issues.push({ path: ['process', i, 'id'], message: `环节编号 ${step.id} 重复` });
    stepIds.add(step.id);
    if (step.clip && step.clip.end <= step.clip.start)
      issues.push({ path: ['process', i, 'clip'], message: '视频片段的结束时间必须晚于开始时间' });
  });
  const itemIds = new Set<string>();
  for (const { key, index, item } of sheetItems(design.sheets)) {
    if (itemIds.has(item.id)) issues.push({ path: ['sheets', key, 'items', index, 'id'], message: `题目编号 ${item.id} 重复` });
    itemIds.add(item.id);
    const columns = item.table?.columns.length;
    if (item.table?.rows.some((row) => row.length !== columns))
      issues.push({ path: ['sheets', key, 'items', index, 'table'], message: '表格每一行的格数须与列数相同' });
  }
  return issues;
}

/**
 * T3 — 教学设计 plus 三单. The rules a prep lead would check by eye are enforced
 * here so no step, engine or edit can produce a plan that breaks them.
 */
export const LessonPlan = LessonPlanShape.superRefine((plan, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const total = plan.process.reduce((sum, step) => sum + step.minutes, 0);
  if (total !== plan.periodMinutes) {
    issue(['process'], `教学过程各环节用时合计 ${total} 分钟，与课时 ${plan.periodMinutes} 分钟不符`);
  }
  const ids = new Set(plan.objectives.map((o) => o.id));
  const checkRefs = (refs: string[], path: (string | number)[]) => {
    for (const id of refs) if (!ids.has(id)) issue(path, `引用了不存在的教学目标 ${id}`);
  };
  plan.process.forEach((step, i) => checkRefs(step.objectiveIds, ['process', i, 'objectiveIds']));
  for (const { key, index, item } of sheetItems(plan.sheets)) checkRefs(item.objectiveIds, ['sheets', key, 'items', index, 'objectiveIds']);
  plan.sheets.masteryCheck.items.forEach((item, i) => {
    if (item.objectiveIds.length === 0) issue(['sheets', 'masteryCheck', 'items', i], '达标检测题必须注明所检测的教学目标');
  });
  for (const { path, message } of designIssues(plan)) issue(path, message);
  const misconceptionIds = new Set<string>();
  plan.misconceptions.forEach((m, i) => {
    if (misconceptionIds.has(m.id)) issue(['misconceptions', i, 'id'], `易错点编号 ${m.id} 重复`);
    misconceptionIds.add(m.id);
  });
  for (const { path, block } of textBlocksOf(plan)) {
    if (materialWithoutSource(block)) issue(path, '标为“材料”的内容必须注明出处（文件与页码或时间）');
  }
});
export type LessonPlan = z.infer<typeof LessonPlan>;
