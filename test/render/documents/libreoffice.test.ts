import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPlanDocx } from '../../../src/render/plan-docx.js';
import { renderSheetsDocx } from '../../../src/render/sheets-docx.js';
import { makePlan, PLAN_HEADINGS } from './fixture.js';

const run = promisify(execFile);

async function has(command: string): Promise<boolean> {
  try {
    await run('which', [command]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opening the files in LibreOffice proves they are well-formed enough for an
 * office suite, and pdftotext proves the Chinese came out as Chinese glyphs,
 * not boxes or mojibake.
 */
const available = (await has('soffice')) && (await has('pdftotext'));
const dir = await mkdtemp(path.join(tmpdir(), 'lessonprep-docx-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function pdfText(name: string, bytes: Uint8Array): Promise<string> {
  const docx = path.join(dir, `${name}.docx`);
  await writeFile(docx, bytes);
  // A profile of its own, so a LibreOffice the teacher (or another test) has open cannot block the conversion.
  const profile = `file://${path.join(dir, `lo-${name}`)}`;
  await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
    timeout: 120_000,
  });
  const pdf = path.join(dir, `${name}.pdf`);
  await readFile(pdf); // throws if LibreOffice wrote nothing
  const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
  return stdout;
}

describe.skipIf(!available)('LibreOffice round trip', () => {
  const plan = makePlan();

  it('renders plan.docx with every Chinese heading and the process table', { timeout: 130_000 }, async () => {
    const text = await pdfText('plan', await renderPlanDocx(plan));
    for (const heading of PLAN_HEADINGS) expect(text).toContain(heading);
    expect(text).toContain('几分之一');
    expect(text).toMatch(/教师活动\s+学生活动\s+设计意图/);
    expect(text).toMatch(/合计\s+40 分钟/);
  });

  it('renders sheets.docx as four pages: three sheets and the teacher key', { timeout: 130_000 }, async () => {
    const text = await pdfText('sheets', await renderSheetsDocx(plan));
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(4);
    ['预学单', '探究单', '达标检测单', '教师用：答案与评分参考'].forEach((title, i) => expect(pages[i]).toContain(title));
    expect(pages[0]).toMatch(/班级＿+\s+姓名＿+\s+学号＿+/);
  });
});
