import { describe, expect, it } from 'vitest';
import { renderPlanDocx } from '../../../src/render/plan-docx.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderSheetsDocx } from '../../../src/render/sheets-docx.js';
import { withoutTypedNumber } from '../../../src/text/list-markers.js';
import { readDocx } from './docx-xml.js';
import { makePlan } from './fixture.js';

describe('numbers a model typed itself are not printed twice ("1. 1.")', () => {
  it('drops a typed list number, but not a decimal or a word', () => {
    expect(withoutTypedNumber('1. 能说出几分之一的含义')).toBe('能说出几分之一的含义');
    expect(withoutTypedNumber('（2）比较大小')).toBe('比较大小');
    expect(withoutTypedNumber('③ 背诵全诗')).toBe('背诵全诗');
    expect(withoutTypedNumber('二、写一写')).toBe('写一写');
    expect(withoutTypedNumber('1.5 米是几分之几米？')).toBe('1.5 米是几分之几米？');
    expect(withoutTypedNumber('10 个苹果平均分')).toBe('10 个苹果平均分');
  });

  const base = makePlan();
  const plan = makePlan({
    homework: {
      basic: base.homework.basic.map((b, i) => ({ ...b, text: `${i + 1}. ${b.text}` })),
      advanced: base.homework.advanced,
      challenge: base.homework.challenge,
    },
    sheets: {
      ...base.sheets,
      masteryCheck: {
        ...base.sheets.masteryCheck,
        items: base.sheets.masteryCheck.items.map((item, i) => ({
          ...item,
          prompt: { ...item.prompt, text: `${i + 1}. ${item.prompt.text}` },
        })),
      },
    },
  });

  it('in plan.md and plan.docx', async () => {
    const first = base.homework.basic[0]!.text;
    const md = renderPlanMarkdown(plan);
    expect(md).toContain(`1. ${first}`);
    expect(md).not.toMatch(/\d\. \d\. /);
    const { blocks } = await readDocx(await renderPlanDocx(plan));
    expect(blocks.some((b) => b.text.startsWith(`1. ${first}`))).toBe(true);
    expect(blocks.some((b) => /^\d\. \d\. /.test(b.text))).toBe(false);
  });

  it('on the sheets', async () => {
    const { blocks } = await readDocx(await renderSheetsDocx(plan));
    expect(blocks.some((b) => /^\d+\. \d+\. /.test(b.text))).toBe(false);
    const stem = base.sheets.masteryCheck.items[0]!.prompt.text;
    expect(blocks.some((b) => b.text.includes(stem))).toBe(true);
  });
});
