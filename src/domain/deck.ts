import { z } from 'zod';
import { Origin } from './origin.js';

/**
 * Slide layouts and the text each can hold. The budgets are the contract
 * between C2 (which writes the words) and C3 (which draws the boxes): C2 must
 * fit every text in its budget, C3 sizes its boxes so a budgeted text never
 * overflows at the layout's font size. A CJK character is counted as one em.
 */
export const SlideLayout = z.enum([
  'cover', // 封面: body is the grade, subject and edition
  'objectives', // 学习目标: one objective per body line, numbered by the renderer
  'section', // 环节过渡页: body is "第二环节 · 8 分钟"
  'content', // 新知，一页一个要点: one idea, its sentences as body lines
  'question', // 练习题: body[0] the prompt, then one line per option
  'answer', // 答案: body[0] restates the question, the rest is the answer
  'clip', // 视频片段: body is the time range and the pause questions; `media` links the video
  'summary', // 课堂小结
  'homework', // 分层作业: one line per tier, "基础：…"
]);
export type SlideLayout = z.infer<typeof SlideLayout>;

export interface LayoutBudget {
  /** Characters (ems) in the title, which is always one line. */
  titleChars: number;
  /** Characters (ems) per body line at the body font size. */
  lineChars: number;
  /** Body lines, counting wrapped lines. */
  maxLines: number;
  /** Characters the body may carry, so title and body stay within `MAX_CHARS_PER_SLIDE`. */
  bodyChars: number;
  titlePt: number;
  bodyPt: number;
}

/** Most Chinese characters a slide may carry, title and body together (DESIGN.md: 100–150). */
export const MAX_CHARS_PER_SLIDE = 150;

/**
 * Body text is 28 pt (DESIGN.md asks ≥ 24): county classrooms project onto
 * small screens, and the back row must read it. 26 ems of 28 pt fill the
 * wide slide's text column with room left for bullets and margins.
 */
function budget(titleChars: number, titlePt: number, lineChars: number, maxLines: number): LayoutBudget {
  const bodyChars = Math.min(lineChars * maxLines, MAX_CHARS_PER_SLIDE - titleChars);
  return { titleChars, lineChars, maxLines, bodyChars, titlePt, bodyPt: 28 };
}

export const LAYOUT_BUDGETS: Record<SlideLayout, LayoutBudget> = {
  cover: budget(16, 44, 24, 3),
  objectives: budget(18, 40, 26, 6),
  section: budget(14, 44, 24, 2),
  content: budget(18, 40, 26, 6),
  question: budget(18, 40, 26, 6),
  answer: budget(18, 40, 26, 6),
  clip: budget(18, 40, 26, 4),
  summary: budget(18, 40, 26, 6),
  homework: budget(18, 40, 26, 6),
};

export const MediaLink = z.object({
  url: z.string().min(1),
  label: z.string().min(1),
  start: z.number().nonnegative(),
  end: z.number().positive(),
});
export type MediaLink = z.infer<typeof MediaLink>;

export const Slide = z.object({
  /** Stable within the deck: "cover", "goals", then "S3.2" for the second slide of step S3. */
  id: z.string().min(1),
  layout: SlideLayout,
  title: z.string().min(1),
  /** Body lines; each may wrap, the wrapped total must stay within the layout's `maxLines`. */
  body: z.array(z.string()),
  /** 讲稿: what the teacher says on this slide. Never empty. */
  notes: z.string().min(1),
  /** Id of the plan step the slide belongs to, or null (cover, objectives). */
  stepId: z.string().nullable(),
  media: MediaLink.nullable(),
  /** Where the title and body come from: the plan block it shows, rule wording, or a model. */
  origin: Origin,
});
export type Slide = z.infer<typeof Slide>;

/** C1 — 课件规划: how many slides each plan step gets and what each says, before wording. */
export const DeckBrief = z.object({
  title: z.string().min(1),
  subtitle: z.string(),
  theme: z.string().min(1),
  steps: z.array(
    z.object({
      stepId: z.string().min(1),
      name: z.string().min(1),
      minutes: z.number().int().positive(),
      /** A 环节过渡页 opens the step (when it has several slides). */
      sectionSlide: z.boolean(),
      /** One idea per slide: the point each content slide makes. */
      ideas: z.array(z.string().min(1)),
      /** Sheet item ids to show as question slides (each followed by its answer slide). */
      practiceItemIds: z.array(z.string()),
      /** Indexes into the video outline's clips shown during this step. */
      clipIndexes: z.array(z.number().int().nonnegative()),
      /** The 课堂小结 and 分层作业 slides close the step that carries these flags. */
      summary: z.boolean(),
      homework: z.boolean(),
      slideBudget: z.number().int().positive(),
    }),
  ),
  totalSlides: z.number().int().positive(),
});
export type DeckBrief = z.infer<typeof DeckBrief>;

/** C2 — 课件脚本: every slide's words, within budget. */
export const DeckSpec = z.object({
  title: z.string().min(1),
  theme: z.string().min(1),
  slides: z.array(Slide).min(3),
});
export type DeckSpec = z.infer<typeof DeckSpec>;

/** C3 — the rendered .pptx, stored by content hash. */
export const DeckFile = z.object({
  fileName: z.string(),
  sha256: z.string(),
  bytes: z.number().int().positive(),
  slides: z.number().int().positive(),
  theme: z.string(),
  warnings: z.array(z.string()),
});
export type DeckFile = z.infer<typeof DeckFile>;
