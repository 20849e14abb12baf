import { type FileChild, Paragraph, TextRun } from 'docx';
import type { LessonPlan } from '../domain/index.js';
import { packA4 } from './docx/page.js';
import { STYLE } from './docx/styles.js';
import { boxedText, type CellSpec, gridTable, ruledLines } from './docx/table.js';
import { heading1, heading2, lineRuns, note, numberedLine, proseLine } from './docx/text.js';
import { type PlanBlock, planContent } from './plan-content.js';

/** Column weights of 教学过程: the activity columns get the room, 环节 and 时间 stay narrow. */
const PROCESS_WEIGHTS = [12, 12, 29, 25, 22];

function blockChildren(b: PlanBlock): FileChild[] {
  switch (b.kind) {
    case 'prose':
      return [proseLine(b.line)];
    case 'numbered':
      return b.items.map((item, i) => numberedLine(i + 1, item));
    case 'labelled':
      return [heading2(b.label), ...b.items.map((item, i) => numberedLine(i + 1, item))];
    case 'process': {
      const columns = b.columns.map((header, i) => ({ header, weight: PROCESS_WEIGHTS[i] ?? 20 }));
      const rows: CellSpec[][] = b.rows.map((r) =>
        r.cells.map((text, i): CellSpec => {
          // 环节 and 时间 are labels, centred; the citation goes under the 设计意图.
          if (i < 2) return { text, center: true, bold: i === 0 };
          return i === r.cells.length - 1 ? { text, tag: r.tag } : text;
        }),
      );
      const total: CellSpec[] = [
        { text: b.total[0], center: true, bold: true },
        { text: b.total[1], center: true, bold: true },
        { text: '', span: b.columns.length - 2 },
      ];
      return [gridTable(columns, [...rows, total])];
    }
    case 'board':
      return b.tag ? [boxedText(b.text), note(b.tag)] : [boxedText(b.text)];
    case 'note':
      return [note(b.text)];
    case 'blank':
      return [note(b.hint), ruledLines(b.lines)];
  }
}

/**
 * The 教学设计 as a Word document (A4, 宋体/黑体, zh-CN) that opens in Word, WPS
 * and LibreOffice; same sections and order as `renderPlanMarkdown`.
 *
 * @example
 * await writeFile('plan.docx', await renderPlanDocx(plan));
 */
export async function renderPlanDocx(plan: LessonPlan, status: string | null = null): Promise<Uint8Array> {
  const content = planContent(plan, status);
  const children: FileChild[] = [
    new Paragraph({ style: 'Title', children: [new TextRun(content.title)] }),
    new Paragraph({ style: STYLE.meta, children: lineRuns(content.meta) }),
    ...(content.status ? [new Paragraph({ style: STYLE.meta, children: [new TextRun({ text: content.status, bold: true })] })] : []),
  ];
  for (const section of content.sections) {
    children.push(heading1(section.heading), ...section.blocks.flatMap(blockChildren));
  }
  children.push(note(content.provenance, { spacing: { before: 480 } }));
  return packA4({ title: `${content.title} 教学设计`, description: content.provenance }, children);
}
