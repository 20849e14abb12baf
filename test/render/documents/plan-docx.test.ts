import { describe, expect, it } from 'vitest';
import { renderPlanDocx } from '../../../src/render/plan-docx.js';
import { count, indexOfText, readDocx } from './docx-xml.js';
import { AI, makePlan, PLAN_HEADINGS } from './fixture.js';

const { document, styles, blocks } = await readDocx(await renderPlanDocx(makePlan()));
const tables = blocks.filter((b) => b.kind === 'tbl');

describe('renderPlanDocx', () => {
  it('opens with the 课题 and the subject / grade / edition / period line', () => {
    expect(blocks[0]?.text).toBe('几分之一');
    expect(blocks[0]?.xml).toContain('<w:pStyle w:val="Title"/>');
    expect(blocks[1]?.text).toBe('学科：数学　年级：三年级　版本：人教版　课时：40 分钟　课题来源：〔教师〕');
  });

  it('has every section heading as a Heading 1, in the same order as the Markdown', () => {
    const headings = blocks.filter((b) => b.xml.includes('<w:pStyle w:val="Heading1"/>')).map((b) => b.text);
    expect(headings).toEqual(PLAN_HEADINGS);
  });

  it('tags objectives, key points and 易错点 with where they come from, in small grey type', () => {
    const objective = blocks.find((b) => b.text === '1. 【数感】能说出几分之一的含义，会读、写几分之一〔数学三上.pdf 第 90 页〕');
    expect(objective?.xml).toMatch(/<w:color w:val="[0-9A-F]{6}"\/><w:sz w:val="18"\/>.*〔数学三上.pdf 第 90 页〕/);
    const keyPoints = indexOfText(blocks, '五、教学重点与难点');
    expect(blocks[keyPoints + 1]?.text).toBe('教学重点');
    expect(blocks[keyPoints + 2]?.text).toBe('1. 理解几分之一的含义〔数学三上.pdf 第 90 页〕');
    expect(blocks[indexOfText(blocks, '六、易错点与对策') + 1]?.text).toBe(
      '1. 认为 1/4 比 1/2 大〔数学三上.pdf 第 91 页〕对策：折纸对比两份的大小〔模型生成〕',
    );
  });

  it('prints 教学过程 as a bordered table with a repeating header, a row per step and a total row', () => {
    const processTable = tables[0]!;
    expect(blocks.indexOf(processTable)).toBe(indexOfText(blocks, '九、教学过程') + 1);
    expect(count(processTable.xml, /<w:tr>/)).toBe(1 + 4 + 1);
    // Five cells in the header and each step; the total row spans the three activity columns with one cell.
    expect(count(processTable.xml, /<w:tc>/)).toBe(5 * 5 + 3);
    expect(processTable.xml).toContain('<w:gridSpan w:val="3"/>');
    expect(count(processTable.xml, /<w:tblHeader\/>/)).toBe(1);
    expect(processTable.xml).toMatch(/<w:tblBorders>.*<w:insideH w:val="single"/);
    expect(processTable.xml).toContain('<w:tblLayout w:type="fixed"/>');
    expect(processTable.text).toMatch(/^环节 时间 教师活动 学生活动 设计意图 情境导入 5 分钟 /);
    expect(processTable.text).toContain('〔数学三上.pdf 第 90、91 页；微课.srt 02:15〕');
    expect(processTable.text).toMatch(/合计 40 分钟\s*$/);
  });

  it('boxes the board design, one line per line the teacher typed, with its origin under it', () => {
    const board = blocks[indexOfText(blocks, '十、板书设计') + 1]!;
    expect(board.kind).toBe('tbl');
    expect(count(board.xml, /<w:tc>/)).toBe(1);
    expect(count(board.xml, /<w:br\/>/)).toBe(2);
    expect(blocks[indexOfText(blocks, '十、板书设计') + 2]?.text).toBe('〔规则模板〕');
  });

  it('explains the 教学过程 table’s origins in one line under it', () => {
    expect(blocks[indexOfText(blocks, '九、教学过程') + 2]?.text).toBe(
      '来源：表中文字除另有标注外为〔规则模板〕；各行末的〔…〕为该环节所依据的材料。',
    );
  });

  it('rules lines for the reflection and ends with the sources and provenance', () => {
    const reflection = indexOfText(blocks, '十二、教学反思');
    expect(blocks[reflection + 1]?.text).toMatch(/^（课后填写/);
    expect(blocks[reflection + 2]?.kind).toBe('tbl');
    expect(blocks.map((b) => b.text)).toContain('4. 微课.srt 02:15');
    expect(blocks.at(-1)?.text).toBe('本教学设计由 离线规则引擎 生成，未使用 AI 模型。生成日期：2025-03-01。');
  });

  it('names the model for an AI plan', async () => {
    const ai = await readDocx(await renderPlanDocx(makePlan({ provenance: AI })));
    expect(ai.blocks.at(-1)?.text).toContain('由 AI 模型 deepseek-chat 生成（提示词版本 T2 3f9a1c2d');
  });

  it('is A4, sets East Asian fonts and zh-CN for the whole document', () => {
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    const defaults = styles.slice(styles.indexOf('<w:docDefaults>'), styles.indexOf('</w:docDefaults>'));
    expect(defaults).toMatch(/<w:rFonts [^>]*w:eastAsia="宋体"/);
    expect(defaults).toContain('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>');
    expect(defaults).toContain('<w:sz w:val="24"/>'); // 小四
    const heading = styles.slice(styles.indexOf('w:styleId="Heading1"'));
    expect(heading.slice(0, heading.indexOf('</w:style>'))).toMatch(/<w:rFonts [^>]*w:eastAsia="黑体"/);
  });
});
