import type { SlideLayout } from '../../domain/deck.js';
import { BODY_MARKER, type Box, INSET_PT, paraSpacePt, pitchPt, SLIDE, type TextFrame, TITLE_RULE } from './geometry.js';
import type { PptxSlide, TextOptions, TextRun } from './pptxgen.js';
import type { Theme } from './theme.js';

/**
 * Drawing primitives (绘制): every text run goes through `run`, so none can
 * miss the theme's font or `lang: 'zh-CN'` (without both, Chinese breaks
 * outside Windows PowerPoint).
 */

function run(text: string, fontFace: string, pt: number, color: string, extra: Partial<TextOptions> = {}): TextRun {
  return { text, options: { fontFace, lang: 'zh-CN', fontSize: pt, color, ...extra } };
}

/**
 * Options every text box shares: no autofit (we fit the text ourselves), exact
 * line pitch, fixed insets. The object name (title, body, link) lets checks
 * and teachers (PowerPoint's selection pane) tell the boxes apart.
 */
function boxOptions(frame: TextFrame, valign: 'top' | 'middle', objectName: 'title' | 'body' | 'link'): TextOptions {
  return {
    ...frame.box,
    objectName,
    fit: 'none',
    wrap: true,
    margin: INSET_PT,
    valign,
    align: frame.align,
    lineSpacing: pitchPt(frame.pt),
  };
}

export function drawTitle(slide: PptxSlide, title: string, frame: TextFrame, theme: Theme): void {
  slide.addText([run(title, theme.fonts.title, frame.pt, theme.colors.title, { bold: true })], boxOptions(frame, 'middle', 'title'));
}

/** A label such as 答案： 基础： 暂停 02:10： (full-width colon only, so a time never splits) is drawn bold in the emphasis colour. */
const LABEL = /^([^：]{1,10}：)(.+)$/su;

function marker(layout: SlideLayout, frame: TextFrame): Partial<TextOptions> {
  switch (BODY_MARKER[layout]) {
    case 'number':
      return { bullet: { type: 'number', indent: frame.indentPt } };
    case 'bullet':
      return { bullet: { characterCode: '25CF', indent: frame.indentPt } };
    case 'none':
      return {};
  }
}

/**
 * Body lines as paragraphs. `colorOf` lets a layout tone lines down (a
 * restated question) or up (an answer).
 */
export function drawBody(
  slide: PptxSlide,
  layout: SlideLayout,
  lines: string[],
  frame: TextFrame,
  theme: Theme,
  colorOf: (index: number) => string,
): void {
  if (lines.length === 0) return;
  const paragraph = { ...marker(layout, frame), paraSpaceBefore: paraSpacePt(frame.pt) };
  const runs: TextRun[] = lines.flatMap((line, i) => {
    const color = colorOf(i);
    const breakLine = i < lines.length - 1;
    const label = LABEL.exec(line);
    const font = theme.fonts.body;
    if (!label) return [run(line, font, frame.pt, color, { ...paragraph, breakLine })];
    return [
      run(label[1] as string, font, frame.pt, theme.colors.emphasis, { ...paragraph, bold: true }),
      run(label[2] as string, font, frame.pt, color, { breakLine }),
    ];
  });
  slide.addText(runs, boxOptions(frame, 'top', 'body'));
}

/** The clip layout's play button: the whole button is the link. */
export function drawLink(slide: PptxSlide, label: string, url: string, frame: TextFrame, theme: Theme): void {
  // A hyperlink run is underlined unless told otherwise; on a button the underline is noise.
  const link = { bold: true, hyperlink: { url, tooltip: url }, underline: { style: 'none' as const } };
  slide.addText([run(label, theme.fonts.body, frame.pt, theme.colors.onAccent, link)], {
    ...boxOptions(frame, 'middle', 'link'),
    shape: 'roundRect',
    rectRadius: 0.2,
    fill: { color: theme.colors.accent },
  });
}

/** A soft card behind a question or answer, so the exercise reads as one block. */
export function drawCard(slide: PptxSlide, box: Box, theme: Theme): void {
  slide.addShape('roundRect', {
    ...box,
    rectRadius: 0.12,
    fill: { color: theme.colors.surface },
    line: { color: theme.colors.surface, width: 0 },
  });
}

function rect(slide: PptxSlide, box: Box, color: string): void {
  slide.addShape('rect', { ...box, fill: { color }, line: { color, width: 0 } });
}

/** Background decoration; kept inside the slide and clear of the text frames. */
export function drawDecor(slide: PptxSlide, layout: SlideLayout, theme: Theme, band: Box | null): void {
  const { colors } = theme;
  slide.background = { color: colors.background };
  if (band) rect(slide, band, colors.surface);
  switch (theme.decor) {
    case 'sidebar':
      rect(slide, { x: 0, y: 0, w: 0.22, h: SLIDE.h }, colors.decor);
      break;
    case 'ribbon':
      rect(slide, { x: 0, y: 0, w: SLIDE.w, h: 0.22 }, colors.decor);
      rect(slide, { x: 0, y: SLIDE.h - 0.1, w: SLIDE.w, h: 0.1 }, colors.decor);
      break;
    case 'chalkboard': {
      const frameIn = 0.18;
      const wood = colors.decor;
      rect(slide, { x: 0, y: 0, w: SLIDE.w, h: frameIn }, wood);
      // The bottom rail is deeper: the chalk tray.
      rect(slide, { x: 0, y: SLIDE.h - frameIn - 0.12, w: SLIDE.w, h: frameIn + 0.12 }, wood);
      rect(slide, { x: 0, y: 0, w: frameIn, h: SLIDE.h }, wood);
      rect(slide, { x: SLIDE.w - frameIn, y: 0, w: frameIn, h: SLIDE.h }, wood);
      break;
    }
  }
  if (layout !== 'cover' && layout !== 'section') rect(slide, TITLE_RULE, colors.accent);
}
