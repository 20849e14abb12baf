import { AlignmentType, type IStylesOptions } from 'docx';
import { FONT, LANG, NOTE_COLOR, SIZE } from './fonts.js';

/** Paragraph style ids used by the renderers, beyond Word's built-in Title and Heading 1–2. */
export const STYLE = { body: 'BodyIndent', cell: 'TableText', note: 'Note', meta: 'Meta' } as const;

/**
 * The shared style sheet. Fonts and language sit in the document defaults and
 * in every style, not only on runs, so a teacher who types into the document
 * in Word or WPS keeps the same look.
 */
export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT.body, size: SIZE.小四, language: LANG },
      // 1.25 lines: airy enough for handwritten notes, compact enough that the plan stays a few pages.
      paragraph: { spacing: { line: 300, before: 0, after: 60 } },
    },
    title: {
      run: { font: FONT.heading, size: SIZE.小二, bold: true, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 } },
    },
    heading1: {
      run: { font: FONT.heading, size: SIZE.四号, bold: true, color: '000000' },
      paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, outlineLevel: 0 },
    },
    heading2: {
      run: { font: FONT.heading, size: SIZE.小四, bold: true, color: '000000' },
      paragraph: { spacing: { before: 120, after: 60 }, keepNext: true, outlineLevel: 1 },
    },
  },
  paragraphStyles: [
    {
      id: STYLE.body,
      name: 'Body Indent',
      basedOn: 'Normal',
      quickFormat: true,
      // 首行缩进两字: how Chinese prose paragraphs are set.
      paragraph: { indent: { firstLineChars: 200, firstLine: 480 } },
    },
    {
      id: STYLE.cell,
      name: 'Table Text',
      basedOn: 'Normal',
      run: { size: SIZE.五号 },
      paragraph: { spacing: { line: 264, before: 0, after: 0 } },
    },
    {
      id: STYLE.note,
      name: 'Note',
      basedOn: 'Normal',
      run: { size: SIZE.小五, color: NOTE_COLOR },
      paragraph: { spacing: { before: 0, after: 60 } },
    },
    {
      id: STYLE.meta,
      name: 'Meta',
      basedOn: 'Normal',
      run: { size: SIZE.五号 },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
    },
  ],
};
