import type { DeckSpec, Slide } from '../../domain/deck.js';
import { fixPackage } from './fixup.js';
import { guardSlide } from './guard.js';
import { PptxGenJS } from './pptxgen.js';
import { addSlide } from './slides.js';
import type { Theme } from './theme.js';

export { listThemes, loadTheme, type Theme } from './theme.js';

/** The cover (the first slide) names the textbook edition (教材版本) when the spec did not. */
function withEdition(slide: Slide, edition: string | null): Slide {
  if (slide.layout !== 'cover' || !edition || slide.body.some((line) => line.includes(edition))) return slide;
  return { ...slide, body: [...slide.body, edition] };
}

/**
 * C3 — draws a deck spec as a 16:9 .pptx (课件文件). Every slide is checked
 * against its layout budget first; text that would not fit is moved into the
 * speaker notes and reported in `warnings` rather than drawn off the slide.
 *
 * @example
 * const theme = await loadTheme(spec.theme);
 * const { bytes, warnings } = await renderDeck(spec, { theme, edition: '人教版' });
 * await writeFile('deck.pptx', bytes);
 */
export async function renderDeck(
  spec: DeckSpec,
  options: { theme: Theme; edition?: string | null },
): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  const { theme } = options;
  const edition = options.edition ?? null;
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = spec.title;
  pptx.subject = edition ?? '';
  pptx.author = 'lessonprep';
  pptx.theme = { headFontFace: theme.fonts.title, bodyFontFace: theme.fonts.body };

  const warnings: string[] = [];
  spec.slides.forEach((slide, i) => {
    const guarded = guardSlide(i === 0 ? withEdition(slide, edition) : slide, i + 1);
    warnings.push(...guarded.warnings);
    addSlide(pptx, guarded.slide, theme);
  });
  const written = (await pptx.write({ outputType: 'nodebuffer' })) as Uint8Array;
  return { bytes: await fixPackage(written, theme), warnings };
}
