import type { MaterialDigest, NormalizedTranscripts, SourceRef } from '../../domain/index.js';

/**
 * A test for "does this citation point at something that exists": a readable
 * page of a given file, or a moment inside a given video. Model answers are
 * filtered through it, so a made-up page number never reaches the teacher.
 *
 * @example
 * const exists = citationChecker(digest, null);
 * plan.sources = plan.sources.filter(exists);
 */
export function citationChecker(digest: MaterialDigest | null, transcripts: NormalizedTranscripts | null): (ref: SourceRef) => boolean {
  const pages = new Map<string, Set<number>>();
  for (const file of digest?.files ?? []) {
    pages.set(file.name, new Set(file.pages.filter((p) => p.quality === 'good').map((p) => p.page)));
  }
  const durations = new Map<string, number>();
  for (const video of transcripts?.videos ?? []) durations.set(video.file, video.durationSec);
  return (ref) => {
    if (ref.at !== null) {
      const duration = durations.get(ref.file);
      return duration !== undefined && ref.at <= duration;
    }
    return ref.page !== null && (pages.get(ref.file)?.has(ref.page) ?? false);
  };
}

/** Every distinct source cited anywhere in `value`, in first-seen order. */
export function collectSources(value: unknown): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (Array.isArray(record.sources)) {
      for (const ref of record.sources as SourceRef[]) {
        const key = `${ref.file}|${ref.page}|${ref.at}`;
        if (!seen.has(key)) seen.set(key, { ...ref, quote: null });
      }
    }
    for (const [key, child] of Object.entries(record)) if (key !== 'sources') visit(child);
  };
  visit(value);
  return [...seen.values()];
}

/** Deep copy of `value` with every `sources` array filtered by `keep`. */
export function filterSources<T>(value: T, keep: (ref: SourceRef) => boolean): T {
  return JSON.parse(
    JSON.stringify(value, (key, inner: unknown) =>
      key === 'sources' && Array.isArray(inner) ? (inner as SourceRef[]).filter(keep) : inner,
    ),
  ) as T;
}
