import { type DeckSpec, LAYOUT_BUDGETS, type Slide } from '../../src/domain/deck.js';
import { countChars } from '../../src/render/pptx/fit.js';
import { loadTheme, renderDeck } from '../../src/render/pptx/index.js';
import { sentences } from '../../src/text/segment.js';
import { hasDeck, withDeck } from './deck-files.js';
import { defineMutation } from './define.js';

/** Layouts whose body is free text a writer could overfill. */
const WORDY = new Set<Slide['layout']>(['content', 'summary']);

/**
 * The spec with every content and summary slide's body overfilled to about
 * twice its budget, from the slide's own notes: the C2 mistake of putting
 * the teacher's words on the screen.
 */
export function overlongSpec(spec: DeckSpec): DeckSpec {
  return {
    ...spec,
    slides: spec.slides.map((slide) => {
      if (!WORDY.has(slide.layout)) return slide;
      const budget = LAYOUT_BUDGETS[slide.layout];
      const extra = sentences(slide.notes);
      const body = [...slide.body];
      for (let i = 0; countChars(body.join('')) <= budget.bodyChars * 2; i++) body.push(extra[i % extra.length] ?? slide.title);
      return { ...slide, body };
    }),
  };
}

const hasWordySlide = (spec: DeckSpec | undefined) => spec?.slides.some((s) => WORDY.has(s.layout)) ?? false;

export const overflowDeckText = defineMutation({
  id: 'overflow-deck-text',
  title: '课件文字过多',
  description: '把讲稿塞进内容页和小结页正文（约为版式预算的两倍），用正式渲染器重新生成课件',
  artifact: 'deck',
  appliesTo: (r) => hasDeck(r) && hasWordySlide(r.C2),
  apply: async (r, tools) => {
    const spec = overlongSpec(r.C2!);
    const rendered = await renderDeck(spec, { theme: await loadTheme(spec.theme), edition: r.T3?.edition ?? null });
    return withDeck(r, rendered, tools, spec);
  },
});

/** The plan step with the most slides of its own (cover and objectives belong to none). */
function busiestStep(spec: DeckSpec): string | null {
  const counts = new Map<string, number>();
  for (const slide of spec.slides) if (slide.stepId !== null) counts.set(slide.stepId, (counts.get(slide.stepId) ?? 0) + 1);
  // Ties go to the step whose slides come first.
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export const dropStepSlides = defineMutation({
  id: 'drop-step-slides',
  title: '某环节没有课件',
  description: '删去页数最多的那个环节的全部课件页，再用正式渲染器重新生成课件',
  artifact: 'deck',
  appliesTo: (r) => hasDeck(r) && busiestStep(r.C2!) !== null,
  apply: async (r, tools) => {
    const dropped = busiestStep(r.C2!);
    const spec = { ...r.C2!, slides: r.C2!.slides.filter((slide) => slide.stepId !== dropped) };
    const rendered = await renderDeck(spec, { theme: await loadTheme(spec.theme), edition: r.T3?.edition ?? null });
    return withDeck(r, rendered, tools, spec);
  },
});
