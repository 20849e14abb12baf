import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  type ITableBordersOptions,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { TEXT_WIDTH } from './page.js';
import { STYLE } from './styles.js';
import { lineRuns, noteRuns } from './text.js';

export interface Column {
  header: string;
  /** Relative width; the columns share the full text width by weight. */
  weight: number;
}

/** A cell: plain text (newlines become separate paragraphs), or text with a citation tag below it, a span or emphasis. */
export type CellSpec = string | { text: string; tag?: string; span?: number; bold?: boolean; center?: boolean };

const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const ALL_LINES: ITableBordersOptions = {
  top: line,
  bottom: line,
  left: line,
  right: line,
  insideHorizontal: line,
  insideVertical: line,
};

function cellParagraphs(spec: Exclude<CellSpec, string>): Paragraph[] {
  const alignment = spec.center ? AlignmentType.CENTER : AlignmentType.LEFT;
  const paragraphs = spec.text
    .split('\n')
    .map((text) => new Paragraph({ style: STYLE.cell, alignment, children: [new TextRun({ text, bold: spec.bold })] }));
  // The citation gets its own line so it never splits the teacher's sentence.
  if (spec.tag) paragraphs.push(new Paragraph({ style: STYLE.cell, alignment, children: noteRuns(spec.tag) }));
  return paragraphs;
}

/**
 * A bordered table with a shaded header row that repeats on every page. The
 * layout is fixed and every cell has a width, so long Chinese text wraps inside
 * its column instead of stretching the table (WPS and LibreOffice otherwise
 * size columns by content).
 */
export function gridTable(
  columns: readonly Column[],
  rows: readonly (readonly CellSpec[])[],
  options: { minRowHeight?: number } = {},
): Table {
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = columns.map((c) => Math.floor((TEXT_WIDTH * c.weight) / total));
  const cell = (spec: CellSpec, col: number, shaded = false) => {
    const s = typeof spec === 'string' ? { text: spec } : spec;
    const span = s.span ?? 1;
    const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
    return new TableCell({
      children: cellParagraphs(s),
      columnSpan: span > 1 ? span : undefined,
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      shading: shaded ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
    });
  };
  const row = (specs: readonly CellSpec[]) => {
    let col = 0;
    return new TableRow({
      // A table to fill in needs rows a child can write in, not rows as tall as their (empty) text.
      height: options.minRowHeight ? { value: options.minRowHeight, rule: HeightRule.ATLEAST } : undefined,
      children: specs.map((spec) => {
        const c = cell(spec, col);
        col += typeof spec === 'string' ? 1 : (spec.span ?? 1);
        return c;
      }),
    });
  };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => cell({ text: c.header, bold: true, center: true }, i, true)),
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: ALL_LINES,
    rows: [header, ...rows.map(row)],
  });
}

/** A bordered one-cell box, e.g. for 板书设计; line breaks and leading spaces are kept as the teacher typed them. */
export function boxedText(text: string): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    layout: TableLayoutType.FIXED,
    borders: {
      ...ALL_LINES,
      top: { ...line, size: 8 },
      bottom: { ...line, size: 8 },
      left: { ...line, size: 8 },
      right: { ...line, size: 8 },
    },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            margins: { top: 160, bottom: 160, left: 240, right: 240 },
            children: [new Paragraph({ children: lineRuns(text) })],
          }),
        ],
      }),
    ],
  });
}

/**
 * Ruled lines to write on. Drawn as the row lines of a borderless table:
 * consecutive bordered empty paragraphs merge into one border group in Word,
 * and underscore runs wrap unevenly, while table rows print the same everywhere.
 */
export function ruledLines(count: number): Table {
  const rows = Array.from(
    { length: count },
    () =>
      new TableRow({
        height: { value: 480, rule: HeightRule.EXACT },
        children: [new TableCell({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, children: [new Paragraph('')] })],
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    layout: TableLayoutType.FIXED,
    borders: { top: none, left: none, right: none, insideVertical: none, bottom: line, insideHorizontal: line },
    rows,
  });
}

/** Squares per row of a writing grid: about 1.4 cm each on A4, the size of an exercise-book 方格. */
const GRID_COLUMNS = 12;

/**
 * A grid of empty squares (方格) to write characters in, `count` squares in
 * rows of twelve. Square because the row height equals the column width.
 */
export function squareGrid(count: number): Table {
  const side = Math.floor(TEXT_WIDTH / GRID_COLUMNS);
  const rows = Math.max(1, Math.ceil(count / GRID_COLUMNS));
  const cells = Math.min(GRID_COLUMNS, count);
  return new Table({
    width: { size: side * cells, type: WidthType.DXA },
    columnWidths: Array.from({ length: cells }, () => side),
    layout: TableLayoutType.FIXED,
    borders: ALL_LINES,
    rows: Array.from(
      { length: rows },
      () =>
        new TableRow({
          height: { value: side, rule: HeightRule.EXACT },
          cantSplit: true,
          children: Array.from(
            { length: cells },
            () => new TableCell({ width: { size: side, type: WidthType.DXA }, children: [new Paragraph('')] }),
          ),
        }),
    ),
  });
}
