import type { LessonPlan } from '../domain/index.js';
import { type Line, type PlanBlock, planContent } from './plan-content.js';

/** A Markdown table cell: `|` would end the cell and a newline the row. */
export function mdCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');
}

export function mdRow(cells: readonly string[]): string {
  return `| ${cells.map(mdCell).join(' | ')} |`;
}

/** A fence longer than any backtick run in the text, so a board design containing ``` cannot close it early. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** Markdown joins single newlines into one line; a trailing double space keeps the teacher's line break. */
const lineText = (line: Line) =>
  line
    .map(({ text, tag }) => (tag ? `${text} ${tag}` : text))
    .join('')
    .replace(/\r?\n/g, '  \n');

const list = (items: Line[]) => items.map((item, i) => `${i + 1}. ${lineText(item)}`).join('\n');

function block(b: PlanBlock): string {
  switch (b.kind) {
    case 'prose':
      return lineText(b.line);
    case 'numbered':
      return list(b.items);
    case 'labelled':
      return `**${b.label}**\n\n${list(b.items)}`;
    case 'process': {
      const rows = b.rows.map((r) => {
        const cells = [...r.cells];
        // The citation goes under the 设计意图, the last cell, as in the .docx.
        if (r.tag) cells[cells.length - 1] = `${cells.at(-1) ?? ''}\n${r.tag}`;
        return mdRow(cells);
      });
      const total = mdRow([...b.total, ...b.columns.slice(2).map(() => '')]);
      return [mdRow(b.columns), `|${b.columns.map(() => ' --- |').join('')}`, ...rows, total].join('\n');
    }
    case 'board':
      // A code block keeps the teacher's line breaks and spacing, which lay out the board.
      return b.tag ? `${fenced(b.text)}\n\n${b.tag}` : fenced(b.text);
    case 'note':
      return `*${b.text}*`;
    case 'blank':
      return [b.hint, ...Array.from({ length: b.lines }, () => '＿'.repeat(30))].join('\n\n');
  }
}

/**
 * The 教学设计 as Markdown, in the same order and with the same content as plan.docx.
 *
 * @example
 * await writeFile('plan.md', renderPlanMarkdown(plan));
 */
export function renderPlanMarkdown(plan: LessonPlan, status: string | null = null): string {
  const content = planContent(plan, status);
  const parts = [`# ${content.title}`, content.meta, ...(content.status ? [`**${content.status}**`] : [])];
  for (const section of content.sections) {
    parts.push(`## ${section.heading}`, ...section.blocks.map(block));
  }
  parts.push('---', `*${content.provenance}*`);
  return `${parts.join('\n\n')}\n`;
}
