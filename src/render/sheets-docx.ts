import { AlignmentType, type FileChild, Paragraph, TextRun } from 'docx';
import { gradeLabel, type LessonPlan, type Sheet, type SheetItem, TIER_LABEL, type Tier } from '../domain/index.js';
import { packA4 } from './docx/page.js';
import { STYLE } from './docx/styles.js';
import { boxedText, gridTable, ruledLines, squareGrid } from './docx/table.js';
import { heading1, heading2, lineRuns, note, numbered } from './docx/text.js';
import { originTag } from './plan-content.js';

const SHEET_KEYS = ['preStudy', 'exploration', 'masteryCheck'] as const;

/** Lines to write on per item type: an open task needs room for working, a short answer a few lines. */
const WRITING_LINES: Record<SheetItem['type'], number> = { fill: 0, choice: 0, short: 3, reflection: 3, task: 6 };

interface Numbered {
  no: number;
  item: SheetItem;
}

interface Group {
  /** "基础题" etc., or null for items without a tier. */
  label: string | null;
  items: Numbered[];
}

/**
 * The sheet's items in print order, numbered once so the student part and the
 * answer key agree. Tiered items are grouped 基础 → 提高 → 拓展 (分层推进);
 * untiered ones come first, without a heading.
 */
function groups(sheet: Sheet): Group[] {
  const order: (Tier | null)[] = [null, 'basic', 'advanced', 'challenge'];
  let no = 0;
  return order
    .map((tier) => ({ tier, items: sheet.items.filter((item) => item.tier === tier) }))
    .filter((g) => g.items.length > 0)
    .map((g) => ({ label: g.tier ? `${TIER_LABEL[g.tier]}题` : null, items: g.items.map((item) => ({ no: ++no, item })) }));
}

/** Teachers paste options as "A. 3" or "3"; strip any letter so it is not printed twice. */
const bareOption = (option: string) => option.replace(/^\s*[A-Ha-h]\s*[.．、:：)）]\s*/u, '');
const hasBlank = (prompt: string) => /[＿_]{2,}|[（(]\s*[）)]/u.test(prompt);

/** Space to write when the item does not say: none under a table to fill, else by item type. */
function writingOf(item: SheetItem): { kind: 'lines' | 'grid'; count: number } | null {
  if (item.writing) return item.writing;
  if (item.table) return null;
  const lines = item.type === 'fill' && !hasBlank(item.prompt.text) ? 1 : WRITING_LINES[item.type];
  return lines > 0 ? { kind: 'lines', count: lines } : null;
}

/** Rows of a table to fill in are tall enough to write a phrase in (about 1 cm). */
const FILL_ROW_HEIGHT = 560;

function itemChildren({ no, item }: Numbered): FileChild[] {
  const prompt = item.prompt.text;
  // A choice stem ends in （　　） for the letter, as on every Chinese test paper.
  const stem = item.type === 'choice' && !hasBlank(prompt) ? `${prompt}（　　）` : prompt;
  // Space above each item keeps a crowded sheet readable for young pupils.
  const children: FileChild[] = [numbered(no, stem, '', { spacing: { before: 160 } })];
  // The text studied is printed with the item, so the sheet works without the book open.
  if (item.passage) children.push(boxedText(item.passage.text));
  if (item.type === 'choice' && item.options) {
    const options = item.options.map((o, i) => `${String.fromCharCode(65 + i)}. ${bareOption(o)}`);
    // Short options share one line; long ones get a line each so none wraps mid-option.
    const oneLine = options.every((o) => [...o].length <= 12);
    const lines = oneLine ? [options.join('　　　')] : options;
    children.push(...lines.map((text) => new Paragraph({ indent: { left: 360 }, children: lineRuns(text) })));
  }
  if (item.table) {
    const weight = 100 / item.table.columns.length;
    const columns = item.table.columns.map((header) => ({ header, weight }));
    children.push(gridTable(columns, item.table.rows, { minRowHeight: FILL_ROW_HEIGHT }));
  }
  const writing = writingOf(item);
  if (writing) children.push(writing.kind === 'grid' ? squareGrid(writing.count) : ruledLines(writing.count));
  return children;
}

function studentSheet(plan: LessonPlan, sheet: Sheet, first: boolean): FileChild[] {
  return [
    new Paragraph({ style: 'Title', pageBreakBefore: !first, children: [new TextRun(sheet.title)] }),
    new Paragraph({ style: STYLE.meta, children: lineRuns(`${plan.title.text}　${plan.subject} · ${gradeLabel(plan.grade)}`) }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [new TextRun('班级＿＿＿＿＿＿　姓名＿＿＿＿＿＿　学号＿＿＿＿')],
    }),
    new Paragraph({
      spacing: { after: 160 },
      children: [new TextRun({ text: '【学习指导】', bold: true }), ...lineRuns(sheet.instructions)],
    }),
    ...groups(sheet).flatMap((g) => [...(g.label ? [heading2(g.label)] : []), ...g.items.flatMap(itemChildren)]),
  ];
}

/** The key with where it comes from; open items have no single answer, and the key says so rather than stay blank. */
function answerCell(item: SheetItem): { text: string; tag?: string } {
  if (item.answer) return { text: item.answer.text, tag: originTag(item.answer) };
  return { text: item.type === 'choice' || item.type === 'fill' ? '（未提供答案，请教师补充）' : '开放题，言之有理即可。' };
}

function answerKey(plan: LessonPlan, sheet: Sheet, isMasteryCheck: boolean): FileChild[] {
  const objectiveNo = new Map(plan.objectives.map((o, i) => [o.id, i + 1]));
  const targets = (item: SheetItem) => item.objectiveIds.map((id) => `目标 ${objectiveNo.get(id) ?? id}`).join('、') || '—';
  const rows = groups(sheet).flatMap((g) =>
    g.items.map(({ no, item }) => [
      { text: String(no), center: true },
      { text: item.tier ? TIER_LABEL[item.tier] : '—', center: true },
      answerCell(item),
      targets(item),
    ]),
  );
  const columns = [
    { header: '题号', weight: 8 },
    { header: '层次', weight: 8 },
    { header: '参考答案', weight: 58 },
    { header: '检测目标', weight: 16 },
  ];
  const children: FileChild[] = [heading1(sheet.title), gridTable(columns, rows)];
  if (isMasteryCheck) {
    // Which items check which objective: a wrong answer then points at the objective to reteach.
    const coverage = plan.objectives.map((o, i) => {
      const nos = groups(sheet).flatMap((g) => g.items.filter(({ item }) => item.objectiveIds.includes(o.id)).map(({ no }) => no));
      return [{ text: `目标 ${i + 1}`, center: true }, o.text, nos.length > 0 ? `第 ${nos.join('、')} 题` : '无检测题，请补充'];
    });
    const coverageColumns = [
      { header: '目标', weight: 10 },
      { header: '教学目标', weight: 60 },
      { header: '检测题', weight: 20 },
    ];
    children.push(heading2('目标与检测题对照'), gridTable(coverageColumns, coverage));
  }
  return children;
}

/**
 * 三单 as one printable .docx: 预学单, 探究单 and 达标检测单, each on its own
 * page with no answers, objective ids or citations; then, after a page break,
 * the teacher's answer key ("教师用：答案与评分参考") to print separately.
 *
 * @example
 * await writeFile('sheets.docx', await renderSheetsDocx(plan));
 */
export async function renderSheetsDocx(plan: LessonPlan): Promise<Uint8Array> {
  const children: FileChild[] = SHEET_KEYS.flatMap((key, i) => studentSheet(plan, plan.sheets[key], i === 0));
  children.push(
    new Paragraph({ style: 'Title', pageBreakBefore: true, children: [new TextRun('教师用：答案与评分参考')] }),
    new Paragraph({ style: STYLE.meta, children: lineRuns(`${plan.title.text}　本部分供教师使用，请勿发给学生`) }),
    ...SHEET_KEYS.flatMap((key) => answerKey(plan, plan.sheets[key], key === 'masteryCheck')),
    note('题号与学生用单一致；“检测目标”对应教学设计中的教学目标序号；答案后的〔…〕为答案来源。', { spacing: { before: 240 } }),
  );
  return packA4({ title: `${plan.title.text} 三单`, description: '预学单、探究单、达标检测单及教师用答案' }, children);
}
