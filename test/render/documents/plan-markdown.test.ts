import { describe, expect, it } from 'vitest';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { AI, makePlan, PLAN_HEADINGS } from './fixture.js';

describe('renderPlanMarkdown', () => {
  const md = renderPlanMarkdown(makePlan());
  const lines = md.split('\n');

  it('starts with the 课题 and the subject / grade / edition / period line', () => {
    expect(lines[0]).toBe('# 几分之一');
    expect(md).toContain('学科：数学　年级：三年级　版本：人教版　课时：40 分钟　课题来源：〔教师〕');
  });

  it('has every section heading, in order', () => {
    const headings = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
    expect(headings).toEqual(PLAN_HEADINGS);
  });

  it('numbers the objectives with their dimension and tags each with where it comes from', () => {
    expect(md).toContain('1. 【数感】能说出几分之一的含义，会读、写几分之一 〔数学三上.pdf 第 90 页〕');
    expect(md).toContain('2. 【推理意识】能比较两个几分之一的大小并说明理由 〔模型生成；依据 数学三上.pdf 第 91 页；微课.srt 02:15〕');
    expect(md).toContain('理解几分之一的含义 〔数学三上.pdf 第 90 页〕');
  });

  it('marks every origin: the book’s page, 模型生成, 规则模板, 教师, and a blank by itself', () => {
    expect(md).toContain('本课是第八单元"分数的初步认识"的第一课时，借助分物情境引入几分之一。 〔模型生成；依据 数学三上.pdf 第 90 页〕');
    expect(md).toContain('## 三、学情分析\n\n【待教师补充：本班学生对平均分的掌握情况】\n');
    expect(md).toContain('1. 比较几分之一的大小 〔教师〕');
    expect(md).toContain('情境教学法、动手操作法。 〔规则模板〕');
  });

  it('prints 重点, 难点 and key terms together, and each 易错点 with its 对策', () => {
    const section = md.slice(md.indexOf('## 五、教学重点与难点'), md.indexOf('## 七、'));
    expect(section).toContain('**教学重点**\n\n1. 理解几分之一的含义');
    expect(section).toContain('**教学难点**\n\n1. 比较几分之一的大小');
    expect(section).toContain('关键术语：平均分、几分之一 〔数学三上.pdf 第 90 页〕');
    expect(section).toContain(
      '## 六、易错点与对策\n\n1. 认为 1/4 比 1/2 大 〔数学三上.pdf 第 91 页〕  \n对策：折纸对比两份的大小 〔模型生成〕',
    );
  });

  it('prints the process as a table: header, separator, one row per step, a total row', () => {
    const table = lines.filter((l) => l.startsWith('|'));
    expect(table[0]).toBe('| 环节 | 时间 | 教师活动 | 学生活动 | 设计意图 |');
    expect(table).toHaveLength(2 + 4 + 1);
    expect(table[2]).toMatch(/^\| 情境导入 \| 5 分钟 \|/);
    expect(table.at(-1)).toBe('| 合计 | 40 分钟 |  |  |  |');
    // A newline inside a cell becomes <br>, the step's sources follow its 设计意图.
    expect(table[3]).toContain('引导学生折纸表示二分之一、四分之一。<br>组织小组交流。');
    expect(table[3]).toContain('（指向目标 1、2）<br>〔数学三上.pdf 第 90、91 页；微课.srt 02:15〕');
  });

  it('keeps the table clear of origin tags: one legend for the usual origin, a tag only where a cell differs', () => {
    expect(md).toContain('*来源：表中文字除另有标注外为〔规则模板〕；各行末的〔…〕为该环节所依据的材料。*');
    const plan = makePlan();
    const edited = {
      ...plan.process[0]!,
      studentActivity: { text: '说出每人分得几块，再说说怎样分。', origin: 'teacher' as const, sources: [] },
    };
    const row = renderPlanMarkdown({ ...plan, process: [edited, ...plan.process.slice(1)] })
      .split('\n')
      .find((l) => l.startsWith('| 情境导入'))!;
    expect(row).toContain('（指向目标 1）<br>〔学生活动：教师〕〔数学三上.pdf 第 90 页〕');
  });

  it('escapes | inside a cell so the row keeps its five columns', () => {
    const plan = makePlan();
    const step = plan.process[0]!;
    const md2 = renderPlanMarkdown({
      ...plan,
      process: [{ ...step, teacherActivity: { ...step.teacherActivity, text: '比较 a|b' } }, ...plan.process.slice(1)],
    });
    const row = md2.split('\n').find((l) => l.startsWith('| 情境导入'))!;
    expect(row).toContain('比较 a\\|b');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(7);
  });

  it('keeps the board design line by line and tiers the homework', () => {
    expect(md).toContain('```text\n几分之一\n  把一个物体平均分成 2 份，每份是它的 1/2\n  1/2 > 1/4\n```\n\n〔规则模板〕');
    expect(md.indexOf('**基础**')).toBeLessThan(md.indexOf('**提高**'));
    expect(md.indexOf('**提高**')).toBeLessThan(md.indexOf('**拓展**'));
  });

  it('leaves lines to fill for the reflection when none is written, and prints it when it is', () => {
    expect(md).toMatch(/## 十二、教学反思\n\n（课后填写[^\n]*）\n\n＿{30}/);
    const reflection = { text: '学生对折纸兴趣很高。', origin: 'teacher' as const, sources: [] };
    expect(renderPlanMarkdown(makePlan({ reflection }))).toContain('## 十二、教学反思\n\n学生对折纸兴趣很高。 〔教师〕');
  });

  it('lists each source once, formatted', () => {
    const refs = md.slice(md.indexOf('## 参考资料'), md.indexOf('\n---\n'));
    expect(refs).toContain('1. 数学三上.pdf 第 90 页\n2. 数学三上.pdf 第 91 页\n3. 课程标准2022.pdf 第 21 页\n4. 微课.srt 02:15');
    expect(refs.match(/第 90 页/g)).toHaveLength(1);
  });

  it('says which engine made the plan and when', () => {
    expect(md).toContain('本教学设计由 离线规则引擎 生成，未使用 AI 模型。生成日期：2025-03-01。');
    const ai = renderPlanMarkdown(makePlan({ provenance: AI }));
    expect(ai).toContain('由 AI 模型 deepseek-chat 生成（提示词版本 T2 3f9a1c2d，T3 a1b2c3d4）');
    expect(ai).not.toContain('离线规则引擎');
  });

  it('dates the plan in China time, where a UTC evening is already the next day', () => {
    const late = renderPlanMarkdown(makePlan({ provenance: { ...AI, createdAt: '2025-03-01T18:30:00.000Z' } }));
    expect(late).toContain('生成日期：2025-03-02');
  });
});
