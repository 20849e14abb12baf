import { z } from 'zod';

/**
 * One evaluation case: a lesson request, the materials a teacher would bring,
 * and what any good plan for it must cover. Paths are relative to the case folder.
 */
export const EvalCase = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** One line for the report: what lesson this is and why it is in the suite. */
  description: z.string().min(1),
  request: z.object({
    title: z.string().min(1),
    subject: z.string().min(1),
    grade: z.number().int().min(1).max(12),
    periodMinutes: z.number().int().positive().nullable(),
    edition: z.string().nullable(),
    unit: z.string().nullable(),
    classProfile: z.string().nullable(),
  }),
  materials: z
    .array(
      z.object({
        file: z.string(),
        kind: z.enum(['textbook', 'teacherGuide', 'curriculumStandard', 'reference', 'other']),
      }),
    )
    .min(1),
  transcripts: z.array(
    z.object({
      file: z.string(),
      url: z.string().nullable(),
      title: z.string().nullable(),
      durationSec: z.number().positive().nullable(),
    }),
  ),
  expect: z.object({
    /** Phrases a good plan names among its 教学重点 / objectives (matched loosely, after normalisation). */
    keyPoints: z.array(z.string().min(1)).min(1),
    /** Terms or words the plan or sheets must use somewhere. */
    vocabulary: z.array(z.string().min(1)),
    /**
     * What a teacher expects to see of her material (必见内容): the poem's title and lines, the worked
     * example, the dialogue's key sentence, a formula — each as it is printed in the material, and
     * where it must appear: the 教学设计 (analysis, objectives, process, board), the three sheets,
     * the deck's slides (what the class sees, not the notes).
     */
    mustSee: z
      .array(
        z.object({
          text: z.string().min(1),
          /** What it is, for the report: 诗题, 诗句, 例题, 术语, 对话, 公式… */
          what: z.string().min(1),
          in: z.array(z.enum(['plan', 'sheets', 'deck'])).min(1),
        }),
      )
      .default([]),
  }),
});
export type EvalCase = z.infer<typeof EvalCase>;
export type MustSee = EvalCase['expect']['mustSee'][number];
