import type { Slide } from '../../domain/deck.js';

/**
 * Gives each slide its stable id: "cover" and "goals" for the opening pages,
 * "S3.1", "S3.2" … for the slides of step S3 in order, "D1"… for any other
 * slide outside a step. An id names the same slide after a re-run as long as
 * its step keeps its slides, whatever the steps before it do.
 *
 * @example
 * withSlideIds(drafts).map((s) => s.id) // ['cover', 'goals', 'S1.1', 'S2.1', 'S2.2', …]
 */
export function withSlideIds(slides: readonly Omit<Slide, 'id'>[]): Slide[] {
  const counts = new Map<string, number>();
  const next = (key: string) => {
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n;
  };
  return slides.map((slide) => {
    if (slide.stepId !== null) return { ...slide, id: `${slide.stepId}.${next(slide.stepId)}` };
    const opening = slide.layout === 'cover' ? 'cover' : slide.layout === 'objectives' ? 'goals' : null;
    // A second cover or objectives page (a model may write one) is numbered like any other.
    if (opening && !counts.has(opening)) {
      counts.set(opening, 1);
      return { ...slide, id: opening };
    }
    return { ...slide, id: `D${next('D')}` };
  });
}
