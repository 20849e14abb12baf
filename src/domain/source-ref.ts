import { z } from 'zod';
import { named } from './schema-names.js';

/**
 * Where a claim comes from: a page (or numbered section of a text file) of a
 * material, or a moment of a video transcript. Every claim the product makes
 * should carry one, so a teacher can check it against her own book.
 */
export const SourceRef = named(
  'SourceRef',
  z.object({
    /** The material or transcript file name, as the teacher gave it. */
    file: z.string().min(1),
    /** 1-based page of a PDF, or section number of a text file; null for a transcript. */
    page: z.number().int().positive().nullable(),
    /** Seconds into the video, for transcripts; null for documents. */
    at: z.number().nonnegative().nullable(),
    /** A short quote from the source that supports the claim. */
    quote: z.string().nullable(),
  }),
);
export type SourceRef = z.infer<typeof SourceRef>;

/** A short label a teacher reads: 「教材.pdf 第 3 页」 or 「微课.srt 02:15」. */
export function formatSource(ref: SourceRef): string {
  if (ref.at !== null) return `${ref.file} ${formatClock(ref.at)}`;
  if (ref.page !== null) return `${ref.file} 第 ${ref.page} 页`;
  return ref.file;
}

/** 75 → "01:15", 3675 → "1:01:15". */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hh > 0 ? `${hh}:${two(mm)}:${two(ss)}` : `${two(mm)}:${two(ss)}`;
}
