import { z } from 'zod';
import { SourceRef } from './source-ref.js';
import { Video } from './transcript.js';

export const Chapter = z.object({
  start: z.number().nonnegative(),
  end: z.number().positive(),
  title: z.string().min(1),
  summary: z.string().min(1),
  keyPoints: z.array(z.string().min(1)),
});
export type Chapter = z.infer<typeof Chapter>;

/** V2 — 视频分段: chapters per video. */
export const VideoChapters = z.object({
  videos: z.array(z.object({ videoId: z.string(), chapters: z.array(Chapter).min(1) })).min(1),
});
export type VideoChapters = z.infer<typeof VideoChapters>;

export const Clip = z.object({
  videoId: z.string(),
  start: z.number().nonnegative(),
  end: z.number().positive(),
  title: z.string().min(1),
  /** What the clip does for the lesson (讲解新知, 示范例题…). */
  purpose: z.string().min(1),
  /** The plan's 环节 it serves: its id, and its name when the outline was made. */
  stepId: z.string().min(1),
  stepName: z.string().min(1),
  teacherBefore: z.string().min(1), // 播放前教师做什么
  teacherAfter: z.string().min(1), // 播放后教师做什么
  /** Where to pause and what to ask; `at` is seconds from the start of the video, inside [start, end]. */
  pauseQuestions: z.array(z.object({ at: z.number().nonnegative(), question: z.string().min(1) })),
  sources: z.array(SourceRef),
});
export type Clip = z.infer<typeof Clip>;

/** V3 — 视频提纲: which clip serves which step of the plan, in class order. */
export const VideoOutline = z.object({
  videos: z.array(Video).min(1),
  clips: z.array(Clip),
  /** Chapters not used in class, with why (so the teacher knows they were considered). */
  unused: z.array(z.object({ videoId: z.string(), start: z.number(), end: z.number(), reason: z.string() })),
});
export type VideoOutline = z.infer<typeof VideoOutline>;
