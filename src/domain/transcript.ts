import { z } from 'zod';

export const Cue = z.object({
  index: z.number().int().positive(),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  text: z.string(),
});
export type Cue = z.infer<typeof Cue>;

/** A lesson video as the teacher describes it: its subtitles plus what she knows of it. */
export const Video = z.object({
  /** "V1", "V2" … in the order the transcripts were given. */
  id: z.string().regex(/^V\d+$/),
  title: z.string().min(1),
  url: z.string().nullable(),
  durationSec: z.number().positive(),
});
export type Video = z.infer<typeof Video>;

/** V1 — 规范字幕: each video's cues, decoded and cleaned, with what was skipped. */
export const NormalizedTranscripts = z.object({
  videos: z
    .array(
      Video.extend({
        file: z.string().min(1),
        /** `asr`: heard by the configured speech recognizer from the video itself, not read from subtitles. */
        format: z.enum(['srt', 'vtt', 'plain', 'asr']),
        encoding: z.string(),
        timingEstimated: z.boolean(),
        cues: z.array(Cue).min(1),
        warnings: z.array(z.string()),
      }),
    )
    .min(1),
});
export type NormalizedTranscripts = z.infer<typeof NormalizedTranscripts>;
