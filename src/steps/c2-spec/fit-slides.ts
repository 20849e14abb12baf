import type { DeckSpec } from '../../domain/deck.js';
import { guardSlide } from '../../render/pptx/guard.js';

/**
 * Holds a model-written spec to the layout budgets (预算把关): titles and
 * bodies are fitted by the same rules the offline engine uses, and whatever
 * is cut moves into the slide's speaker notes, never dropped.
 *
 * @example
 * toOutput: (spec, { brief }) => fitSlides({ ...spec, theme: brief.theme })
 */
export function fitSlides(spec: DeckSpec): DeckSpec {
  return { ...spec, slides: spec.slides.map((slide, i) => guardSlide(slide, i + 1).slide) };
}
