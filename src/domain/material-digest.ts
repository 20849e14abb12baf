import { z } from 'zod';
import { TextBlock } from './origin.js';

/** What a teacher's file is. 教参 and 课标 are read differently from the textbook. */
export const MaterialKind = z.enum([
  'textbook', // 教材
  'teacherGuide', // 教参
  'curriculumStandard', // 课程标准
  'reference',
  'other',
]);
export type MaterialKind = z.infer<typeof MaterialKind>;

export const MATERIAL_KIND_LABEL: Record<MaterialKind, string> = {
  textbook: '教材',
  teacherGuide: '教参',
  curriculumStandard: '课程标准',
  reference: '参考资料',
  other: '其他材料',
};

export const PageQuality = z.enum(['good', 'garbled', 'empty']);

const Located = z.object({ text: z.string().min(1), page: z.number().int().positive() });
export type Located = z.infer<typeof Located>;

/** Structure found in one file by its headings and layout. */
export const DocumentStructure = z.object({
  units: z.array(Located), // 单元
  lessons: z.array(Located), // 课 / 节
  sections: z.array(Located), // 一、（一）、例1 …
  /** Lines under a 学习目标 heading, as the book words them. */
  statedObjectives: z.array(Located),
  exercises: z.array(Located), // 练习 / 做一做 / 想一想 items
  vocabulary: z.array(Located), // 生字词, 单词, 概念术语
  definitions: z.array(Located.extend({ term: z.string().min(1) })), // "……叫做……"
  /** 教学重点 / 教学难点 as a 教参 states them ("教学重点：…"). */
  statedKeyPoints: z.array(Located),
  statedDifficultPoints: z.array(Located),
});
export type DocumentStructure = z.infer<typeof DocumentStructure>;

export const DigestFile = z.object({
  name: z.string().min(1),
  sha256: z.string(),
  kind: MaterialKind,
  format: z.enum(['pdf', 'text', 'markdown']),
  encoding: z.string().nullable(),
  /** Text files have no pages; they are cut into numbered sections instead. */
  pageUnit: z.enum(['page', 'section']),
  pages: z.array(
    z.object({
      page: z.number().int().positive(),
      text: z.string(),
      quality: PageQuality,
      chars: z.number().int().nonnegative(),
      note: z.string().nullable(),
    }),
  ),
  structure: DocumentStructure,
  warnings: z.array(z.string()),
});
export type DigestFile = z.infer<typeof DigestFile>;

/** T1 — 材料摘要: every file read, cleaned, structured, its quality reported. */
export const MaterialDigest = z.object({
  /**
   * The lesson title: the teacher's (origin teacher), else the first lesson heading found (material,
   * with its page), else the first file's name (template). Only the teacher's is trusted in prompts.
   */
  title: TextBlock,
  files: z.array(DigestFile).min(1),
  /** Words that stand out across the materials (by frequency and position), for the later steps. */
  keyTerms: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type MaterialDigest = z.infer<typeof MaterialDigest>;
