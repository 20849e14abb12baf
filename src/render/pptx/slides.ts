import { LAYOUT_BUDGETS, type Slide, type SlideLayout } from '../../domain/deck.js';
import { playLabel, timedUrl } from './clip-link.js';
import { drawBody, drawCard, drawDecor, drawLink, drawTitle } from './draw.js';
import { measureLines } from './fit.js';
import { type Box, GEOMETRY, SLIDE, textHeight } from './geometry.js';
import type { Presentation } from './pptxgen.js';
import type { Theme } from './theme.js';

/**
 * One slide per spec slide (逐页绘制): decoration, title, body, the clip's
 * play button, and the speaker notes. Every layout shares the frames of
 * `GEOMETRY`; layouts differ only in colour and emphasis.
 */

/** Cover and section pages put their title on a band across the slide. */
function bandOf(layout: SlideLayout): Box | null {
  if (layout !== 'cover' && layout !== 'section') return null;
  const title = GEOMETRY[layout].title.box;
  return { x: 0, y: title.y - 0.35, w: SLIDE.w, h: title.h + 0.7 };
}

/** Question and answer text sits on a card as tall as the text is estimated to be (within the body frame). */
function cardOf(spec: Slide): Box | null {
  if ((spec.layout !== 'question' && spec.layout !== 'answer') || spec.body.length === 0) return null;
  const budget = LAYOUT_BUDGETS[spec.layout];
  const body = GEOMETRY[spec.layout].body.box;
  const lines = spec.body.reduce((sum, line) => sum + measureLines(line, budget.lineChars), 0);
  const h = Math.min(body.h, textHeight(lines, budget.bodyPt, spec.body.length));
  return { x: body.x - 0.2, y: body.y - 0.15, w: body.w + 0.4, h: h + 0.3 };
}

/** Line colours: an answer slide mutes the restated question and stresses the answer. */
function lineColors(layout: SlideLayout, theme: Theme): (index: number) => string {
  const { colors } = theme;
  switch (layout) {
    case 'answer':
      return (i) => (i === 0 ? colors.muted : colors.emphasis);
    case 'cover':
    case 'section':
      return () => colors.muted;
    default:
      return () => colors.text;
  }
}

/**
 * Draws one fitted slide into the presentation.
 *
 * @example
 * for (const slide of spec.slides) addSlide(pptx, slide, theme);
 */
export function addSlide(pptx: Presentation, spec: Slide, theme: Theme): void {
  const slide = pptx.addSlide();
  const geometry = GEOMETRY[spec.layout];
  drawDecor(slide, spec.layout, theme, bandOf(spec.layout));
  const card = cardOf(spec);
  if (card) drawCard(slide, card, theme);
  drawTitle(slide, spec.title, geometry.title, theme);
  drawBody(slide, spec.layout, spec.body, geometry.body, theme, lineColors(spec.layout, theme));
  if (spec.media && geometry.link) {
    drawLink(slide, playLabel(spec.media), timedUrl(spec.media.url, spec.media.start), geometry.link, theme);
  }
  slide.addNotes(spec.notes);
}
