import { HeadingLevel, type IParagraphOptions, Paragraph, TextRun } from 'docx';
import { NOTE_COLOR, SIZE } from './fonts.js';
import { STYLE } from './styles.js';

/** One run per line, joined by line breaks: keeps the author's line structure inside one paragraph. */
export function lineRuns(text: string, run: { bold?: boolean; size?: number; color?: string } = {}): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...run }));
}

/** A grey, smaller run for citations such as 〔教材.pdf 第 3 页〕; nothing when there is no tag. */
export function noteRuns(tag: string): TextRun[] {
  return tag ? [new TextRun({ text: tag, size: SIZE.小五, color: NOTE_COLOR })] : [];
}

export function heading1(text: string, options: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)], ...options });
}

export function heading2(text: string, options: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)], ...options });
}

/**
 * A numbered line, "1. 文字〔出处〕". Numbers are typed, not Word list numbering:
 * WPS and LibreOffice restart and indent auto-numbered lists differently, and a
 * teacher copying an item elsewhere should keep its number.
 */
export function numbered(n: number, text: string, tag = '', options: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({
    indent: { left: 360, hanging: 360 },
    children: [...lineRuns(`${n}. ${text}`), ...noteRuns(tag)],
    ...options,
  });
}

/** Text pieces each followed by its grey 来源 tag: 易错点〔…〕 then 对策〔…〕 in one paragraph. */
function taggedRuns(line: readonly { text: string; tag: string }[]): TextRun[] {
  return line.flatMap(({ text, tag }) => [...lineRuns(text), ...noteRuns(tag)]);
}

/** `prose` for a line of tagged pieces. */
export function proseLine(line: readonly { text: string; tag: string }[]): Paragraph {
  return new Paragraph({ style: STYLE.body, children: taggedRuns(line) });
}

/** `numbered` for a line of tagged pieces. */
export function numberedLine(n: number, line: readonly { text: string; tag: string }[]): Paragraph {
  const [first, ...rest] = line;
  const pieces = first ? [{ ...first, text: `${n}. ${first.text}` }, ...rest] : [{ text: `${n}. `, tag: '' }];
  return new Paragraph({ indent: { left: 360, hanging: 360 }, children: taggedRuns(pieces) });
}

/** Small grey text, e.g. the provenance line at the end of the plan. */
export function note(text: string, options: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({ style: STYLE.note, children: lineRuns(text), ...options });
}
