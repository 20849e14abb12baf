/**
 * Chinese-aware word and sentence splitting on top of `Intl.Segmenter`
 * (ICU's dictionary segmentation, built into Node), plus the keyword scoring
 * the offline engine uses to decide what a text is about.
 */
const wordSegmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });

const CJK = /\p{Script=Han}/u;

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** Words (ICU word-like segments), in order. Punctuation and spaces are dropped. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const segment of wordSegmenter.segment(text)) {
    if (segment.isWordLike) out.push(segment.segment);
  }
  return out;
}

/**
 * Sentences ending in 。！？；… or a line break. Kept short and whole, because
 * they are quoted back to teachers as evidence.
 */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？!?；;…])|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Characters a teacher reads: CJK counts one, other non-space characters one each. */
export function visibleLength(text: string): number {
  return text.replace(/\s+/g, '').length;
}

/** Cuts `text` to at most `max` characters at a clause boundary when one is near. */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const boundary = Math.max(...['，', '。', '；', '、', ',', ' '].map((p) => cut.lastIndexOf(p)));
  return `${boundary > max * 0.6 ? cut.slice(0, boundary) : cut}…`;
}
