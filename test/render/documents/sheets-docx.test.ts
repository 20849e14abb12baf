import { describe, expect, it } from 'vitest';
import type { LessonPlan } from '../../../src/domain/index.js';
import { renderSheetsDocx } from '../../../src/render/sheets-docx.js';
import { type Block, count, readDocx } from './docx-xml.js';
import { makePlan } from './fixture.js';

const plan = makePlan();
const { blocks } = await readDocx(await renderSheetsDocx(plan));

/** The document cut at each page break: 预学单, 探究单, 达标检测单, then the teacher's key. */
function pages(all: readonly Block[]): Block[][] {
  const out: Block[][] = [[]];
  for (const b of all) {
    if (b.pageBreakBefore) out.push([]);
    out.at(-1)!.push(b);
  }
  return out;
}
const parts = pages(blocks);
const text = (part: readonly Block[]) => part.map((b) => b.text).join('\n');
const student = parts.slice(0, 3).map(text).join('\n');
const teacher = text(parts[3] ?? []);

const allItems = (p: LessonPlan) => [...p.sheets.preStudy.items, ...p.sheets.exploration.items, ...p.sheets.masteryCheck.items];

describe('renderSheetsDocx', () => {
  it('puts each sheet, then the teacher part, on its own page', () => {
    expect(parts).toHaveLength(4);
    expect(parts.map((p) => p[0]?.text)).toEqual(['预学单', '探究单', '达标检测单', '教师用：答案与评分参考']);
  });

  it('heads every sheet with the name line and its instructions', () => {
    for (const [i, sheet] of [plan.sheets.preStudy, plan.sheets.exploration, plan.sheets.masteryCheck].entries()) {
      const sheetText = text(parts[i]!);
      expect(sheetText).toMatch(/班级＿+　姓名＿+　学号＿+/);
      expect(sheetText).toContain(`【学习指导】${sheet.instructions}`);
    }
  });

  it('gives the students no answers, objective ids or citations', () => {
    for (const item of allItems(plan)) if (item.answer) expect(student).not.toContain(item.answer.text);
    expect(student).not.toMatch(/O\d|目标 \d|〔|\.pdf|\.srt/);
  });

  it('prints choice options as A. B. C. D. under a stem with an answer bracket', () => {
    expect(student).toContain('1. 把一根绳子平均分成 3 段，每段是全长的（　　）');
    expect(student).toContain('A. 1/2　　　B. 1/3　　　C. 3　　　D. 1/4');
  });

  it('keeps fill-in blanks, and rules lines where there is none or where students write', () => {
    const exploration = parts[1]!;
    expect(text(exploration)).toContain('1. 用一张正方形纸折出它的 1/4，并涂色。');
    // The task gets six lines, the fill item without a blank one.
    const ruled = exploration.filter((b) => b.kind === 'tbl').map((b) => count(b.xml, /<w:tr>/));
    // E1's six lines, E2's one, and E3's table (a header and two rows) with no lines under it.
    expect(ruled).toEqual([6, 1, 3]);
    expect(text(parts[0]!)).toContain('每份是它的＿＿＿。');
  });

  it('prints the passage an item is about, in a box above the item’s space', () => {
    const [passage] = parts[0]!.filter((b) => b.kind === 'tbl');
    expect(passage?.text).toBe('中秋节，妈妈把一个月饼平均分成两块，我和弟弟各吃一块。');
    expect(count(passage!.xml, /<w:br\/>/)).toBe(1);
  });

  it('draws a table to fill in with its headers and blank cells tall enough to write in', () => {
    const table = parts[1]!.filter((b) => b.kind === 'tbl').at(-1)!;
    expect(table.text.replace(/\s+/g, ' ').trim()).toBe('分数 怎样折 涂了几份 1/2 1/4');
    expect(count(table.xml, /<w:tc>/)).toBe(9);
    expect(table.xml).toContain('w:hRule="atLeast"');
  });

  it('draws a grid of squares when an item asks for one', () => {
    // P2 asks for 24 squares: two rows of twelve, each row as tall as a square is wide.
    const grid = parts[0]!.filter((b) => b.kind === 'tbl')[1]!;
    expect(count(grid.xml, /<w:tr>/)).toBe(2);
    expect(count(grid.xml, /<w:tc>/)).toBe(24);
    expect(grid.xml).toMatch(/<w:trHeight w:val="(\d+)" w:hRule="exact"\/>/);
    const height = /<w:trHeight w:val="(\d+)"/.exec(grid.xml)![1];
    expect(grid.xml).toContain(`<w:tcW w:type="dxa" w:w="${height}"/>`);
  });

  it('groups the mastery check by tier, numbering straight through', () => {
    const mastery = text(parts[2]!);
    const order = ['基础题', '1. 把一根绳子', '提高题', '2. 1/3', '拓展题', '3. 说一说'].map((s) => mastery.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('gives the teacher every answer key and which objective each mastery item checks', () => {
    for (const item of allItems(plan)) if (item.answer) expect(teacher).toContain(item.answer.text);
    expect(teacher).toContain('开放题，言之有理即可。'); // P2 has no key
    expect(teacher).toMatch(/1 基础 B 标准答案甲\s*〔模型生成〕 目标 1/);
    expect(teacher).toMatch(/3 拓展 标准答案丙\s*〔模型生成〕 目标 2/);
    expect(teacher).toContain('目标 2 能比较两个几分之一的大小并说明理由 第 2、3 题');
  });

  it('flags an objective no mastery item checks', async () => {
    const unchecked = makePlan({
      objectives: [
        ...plan.objectives,
        { id: 'O3', text: '能用分数描述生活现象', origin: 'teacher', verb: '描述', dimension: '应用意识', sources: [] },
      ],
    });
    const doc = await readDocx(await renderSheetsDocx(unchecked));
    expect(text(doc.blocks)).toContain('目标 3 能用分数描述生活现象 无检测题，请补充');
  });
});
