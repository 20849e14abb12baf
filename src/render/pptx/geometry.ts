import { LAYOUT_BUDGETS, type LayoutBudget, type SlideLayout } from '../../domain/deck.js';

/**
 * Where each layout puts its text (版式几何), in inches on the 16:9 wide slide.
 * Boxes are computed from `LAYOUT_BUDGETS`, so a text within its budget fits
 * its box by construction; the deck test measures the written XML to prove it.
 */

/** pptxgenjs' LAYOUT_WIDE: 12192000 × 6858000 EMU. */
export const SLIDE = { w: 12192000 / 914400, h: 7.5 } as const;

/** Extra width per em: real fonts' Latin runs wider than the 0.55 em estimate, and renderers round. */
const EM_SLACK = 1.08;
/** Inner margin of every text box, all four sides. */
export const INSET_PT = 6;
/** Exact line pitch as a multiple of the font size: the same in PowerPoint and LibreOffice whatever the font's own leading. */
const LINE_PITCH = 1.4;
/** Space before each body paragraph, as a multiple of the font size. */
const PARA_SPACE = 0.3;

/** Line pitch and paragraph space in whole points, as the XML stores them. */
export function pitchPt(pt: number): number {
  return Math.round(pt * LINE_PITCH);
}

export function paraSpacePt(pt: number): number {
  return Math.round(pt * PARA_SPACE);
}

/** Hanging indent for bullets and numbers, as a multiple of the font size. */
const BULLET_INDENT = 1.2;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TextFrame {
  box: Box;
  pt: number;
  /** Bullet or number indent in points (0 when the lines carry no marker). */
  indentPt: number;
  align: 'left' | 'center';
}

export interface LayoutGeometry {
  title: TextFrame;
  body: TextFrame;
  /** The clip layout's play button. */
  link: TextFrame | null;
}

export type BodyMarker = 'bullet' | 'number' | 'none';

/** Which marker each layout's body lines get. */
export const BODY_MARKER: Record<SlideLayout, BodyMarker> = {
  cover: 'none',
  objectives: 'number',
  section: 'none',
  content: 'bullet',
  question: 'none',
  answer: 'none',
  clip: 'none',
  summary: 'bullet',
  homework: 'none',
};

/** Characters (ems) the play button holds: "▶ 播放视频 1:02:03–1:04:05" measures about 16. */
const LINK_CHARS = 17;

const MARGIN_X = 0.8;
const TITLE_Y = 0.5;
const BODY_Y = 2.0;

function inches(pt: number): number {
  return pt / 72;
}

function width(chars: number, pt: number, indentPt: number): number {
  return chars * inches(pt) * EM_SLACK + inches(indentPt + 2 * INSET_PT);
}

/** Height in inches of `lines` wrapped lines in `paragraphs` paragraphs, insets included. */
export function textHeight(lines: number, pt: number, paragraphs: number): number {
  return inches(lines * pitchPt(pt) + paragraphs * paraSpacePt(pt) + 2 * INSET_PT);
}

function frame(x: number | 'center', y: number, w: number, h: number, pt: number, indentPt: number): TextFrame {
  const left = x === 'center' ? (SLIDE.w - w) / 2 : x;
  return { box: { x: left, y, w, h }, pt, indentPt, align: x === 'center' ? 'center' : 'left' };
}

function geometryOf(layout: SlideLayout, budget: LayoutBudget): LayoutGeometry {
  const indentPt = BODY_MARKER[layout] === 'none' ? 0 : budget.bodyPt * BULLET_INDENT;
  const titleW = width(budget.titleChars, budget.titlePt, 0);
  const titleH = textHeight(1, budget.titlePt, 0);
  const bodyW = width(budget.lineChars, budget.bodyPt, indentPt);
  const bodyH = textHeight(budget.maxLines, budget.bodyPt, budget.maxLines);
  if (layout === 'cover' || layout === 'section') {
    const titleY = layout === 'cover' ? 2.1 : 2.6;
    const bodyY = titleY + titleH + 0.45;
    return {
      title: frame('center', titleY, titleW, titleH, budget.titlePt, 0),
      body: frame('center', bodyY, bodyW, bodyH, budget.bodyPt, 0),
      link: null,
    };
  }
  const body = frame(MARGIN_X, BODY_Y, bodyW, bodyH, budget.bodyPt, indentPt);
  const linkY = BODY_Y + bodyH + 0.3;
  const link =
    layout === 'clip'
      ? {
          ...frame(MARGIN_X, linkY, width(LINK_CHARS, budget.bodyPt, 0), textHeight(1, budget.bodyPt, 0) + 0.2, budget.bodyPt, 0),
          align: 'center' as const,
        }
      : null;
  return { title: frame(MARGIN_X, TITLE_Y, titleW, titleH, budget.titlePt, 0), body, link };
}

/** Every layout's frames, computed once. */
export const GEOMETRY: Record<SlideLayout, LayoutGeometry> = Object.fromEntries(
  Object.entries(LAYOUT_BUDGETS).map(([layout, budget]) => [layout, geometryOf(layout as SlideLayout, budget)]),
) as Record<SlideLayout, LayoutGeometry>;

/** The band under the title where the theme draws its rule. */
export const TITLE_RULE: Box = {
  x: MARGIN_X + 0.08,
  y: TITLE_Y + textHeight(1, LAYOUT_BUDGETS.content.titlePt, 0) + 0.12,
  w: 1.4,
  h: 0.08,
};
