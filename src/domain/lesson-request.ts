import { z } from 'zod';

/** What the teacher asks for: the lesson's context, before any material is read. */
export const LessonRequest = z.object({
  /** 课题. Null lets T1 take it from the material's lesson heading. */
  title: z.string().min(1).nullable(),
  subject: z.string().min(1),
  /** 1–6 小学, 7–9 初中, 10–12 高中. */
  grade: z.number().int().min(1).max(12),
  /** Null means the default for the grade (see `defaultPeriodMinutes`). */
  periodMinutes: z.number().int().min(10).max(120).nullable(),
  /** 教材版本, e.g. 人教版. */
  edition: z.string().nullable(),
  unit: z.string().nullable(),
  /** 学情: what the teacher says about her class. */
  classProfile: z.string().nullable(),
});
export type LessonRequest = z.infer<typeof LessonRequest>;

/** 小学 lessons are 40 minutes, 初中 and 高中 45. */
export function defaultPeriodMinutes(grade: number): number {
  return grade <= 6 ? 40 : 45;
}

export function schoolStage(grade: number): '小学' | '初中' | '高中' {
  if (grade <= 6) return '小学';
  return grade <= 9 ? '初中' : '高中';
}

const GRADE_NAMES = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** 3 → "三年级", 8 → "八年级", 11 → "高二". */
export function gradeLabel(grade: number): string {
  if (grade >= 10) return `高${GRADE_NAMES[grade - 10]}`;
  return `${GRADE_NAMES[grade - 1]}年级`;
}
