import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../test/support/accounts.js';
import { compiledBin } from '../../test/support/compiled.js';
import { api } from '../../test/support/http.js';
import { fixed, percent, spread } from '../src/report/figures.js';
import type { Report } from '../src/report/report-types.js';
import { launchBrowser, SCREENSHOTS } from './browser.js';
import { signInOnPage, startWebService, watchPage } from './web-service.js';

/**
 * After the lesson, in a real Chromium: the demo school's 共案 was taught to
 * 三(2)班 and observed by two colleagues (`lessonprep demo --seed-school`, as
 * `npm run demo` seeds it). 张主备, who taught it, opens the 评课报告: the
 * charts are drawn and their text alternatives give the service's figures;
 * she enters the 达标检测 results per item and sees attainment per objective,
 * asks for the reflection draft (offline: the data summary, said so), writes
 * her part, saves it, and is shown the way to the 终案. She exports the report
 * as .docx and it opens. The observer sees the report but no forms; a report
 * that does not exist is a sentence.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-report-e2e-'));
const dataDir = path.join(root, 'data');
let web: Awaited<ReturnType<typeof startWebService>>;
let base: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const pageErrors: string[] = [];
let passwords: Record<string, string>;
let lessonId: string;
let observationId: string;

beforeAll(async () => {
  const seeded = spawnSync(process.execPath, [compiledBin(), 'demo', '--seed-school', '--out', path.join(root, 'out')], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir },
  });
  expect(seeded.status, seeded.stderr).toBe(0);
  const password = (username: string) => seeded.stdout.match(new RegExp(`${username.replace('.', '\\.')}\\s+\\S+　密码 (\\S+)`))![1]!;
  passwords = Object.fromEntries(['demo.lead', 'demo.teacher1', 'demo.observer'].map((u) => [u, password(u)]));
  web = await startWebService(dataDir);
  base = web.base;
  const lead = await signIn(base, 'demo.lead', passwords['demo.lead']);
  lessonId = (await api(lead, 'GET', '/api/lessons')).body[0].id;
  observationId = (await api(lead, 'GET', `/api/lessons/${lessonId}/observations`)).body[0].id;
  browser = await launchBrowser({ width: 1366, height: 768 });
  page = await browser.context.newPage();
  watchErrors(page);
}, 330_000);

afterAll(async () => {
  await browser?.close();
  web?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const watchErrors = (target: Page) => watchPage(target, pageErrors);

const shot = (target: Page, name: string) => target.screenshot({ path: path.join(SCREENSHOTS, `report-${name}.png`), fullPage: true });

async function signInAs(target: Page, username: string) {
  await signInOnPage(target, base, username, passwords[username]!);
}

/** A chart's text alternative as rows of cells, read from the page. */
async function tableRows(target: Page, name: string): Promise<string[][]> {
  return target
    .locator(`table[data-table="${name}"] tbody tr`)
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent!.trim())));
}

const reportOf = async (): Promise<Report> => {
  const lead = await signIn(base, 'demo.lead', passwords['demo.lead']);
  return (await api(lead, 'GET', `/api/observations/${observationId}/report`)).body;
};

describe('the review report in Chromium', { timeout: 180_000 }, () => {
  it('shows the teacher her report: the charts drawn, and their figures in words equal to the report', async () => {
    await signInAs(page, 'demo.lead');
    await page.goto(`${base}/lessons/${lessonId}/plan`);
    await page.getByRole('link', { name: '评课报告' }).click();
    await page.waitForURL(/\/report$/);
    await page.getByRole('heading', { name: '评课报告', exact: true }).waitFor();
    for (const chart of ['st-curve', 'rt-ch', 'minutes', 'attainment']) {
      await expect.poll(() => page.locator(`[data-chart="${chart}"] svg path`).count(), { message: chart }).toBeGreaterThan(3);
    }
    const report = await reportOf();
    // The Rt–Ch chart names the four modes on its regions.
    const rtCh = await page.locator('[data-chart="rt-ch"] svg').textContent();
    for (const mode of ['练习型', '讲授型', '对话型', '混合型']) expect(rtCh).toContain(mode);

    expect(await tableRows(page, 'rt-ch')).toEqual([
      ...report.observers.map((o) => [o.name, fixed(o.st!.rt), fixed(o.st!.ch), o.st!.mode]),
      ['平均', spread(report.aggregate.rt), spread(report.aggregate.ch), report.aggregate.mode!],
    ]);
    expect((await tableRows(page, 'st-curve')).map((r) => r.slice(0, 2))).toEqual(report.observers.map((o) => [o.name, String(o.st!.n)]));
    expect((await tableRows(page, 'minutes')).map((r) => r.slice(0, 2))).toEqual(
      report.steps.map((s) => [`${s.stepId} ${s.name}`, String(s.plannedMinutes)]),
    );
    expect((await tableRows(page, 'attainment')).map((r) => [r[0], r[3]])).toEqual(
      report.attainment!.objectives.map((o) => [o.objectiveId, o.rate === null ? '—' : percent(o.rate)]),
    );
    expect((await tableRows(page, 'interactions'))[0]!.slice(0, 2)).toEqual([
      '教师提问（次）',
      spread(report.aggregate.teacherQuestions, (x) => fixed(x, 1)),
    ]);
    // The observers' notes by step, and the rule-written summary said to be so.
    const noted = report.steps.filter((s) => s.notes.length > 0);
    for (const step of noted) expect(await page.locator(`[data-step="${step.stepId}"]`).textContent()).toContain(step.notes[0]!.text);
    expect(await page.getByTestId('report-summary').textContent()).toContain('不是 AI 写的');
    expect(await page.getByTestId('report-summary').textContent()).toContain(report.summary[0]!);
    await shot(page, '1-charts');
  });

  it('takes the 达标检测 results per item with sentences for mistakes, then shows attainment per objective', async () => {
    const card = page.getByTestId('results-card');
    const inputs = card.locator('input[id^="results-item-"]');
    const count = await inputs.count();
    expect(count).toBeGreaterThan(0);
    // What the lead entered at the demo's seeding fills the form.
    const entered = (
      await api(await signIn(base, 'demo.lead', passwords['demo.lead']), 'GET', `/api/observations/${observationId}/results`)
    ).body;
    await expect.poll(() => inputs.first().inputValue()).toBe(String(entered.items[0].correct));
    expect(await card.getByLabel('参测人数').inputValue()).toBe(String(entered.classSize));
    await card.getByLabel('参测人数').fill('36');
    await inputs.first().fill('37');
    for (let i = 1; i < count; i += 1) await inputs.nth(i).fill('27');
    await card.getByRole('button', { name: '保存达标检测结果' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toContain('超过了参测人数 36 人');
    await shot(page, '2-results-refused');
    await inputs.first().fill('36');
    await card.getByRole('button', { name: '保存达标检测结果' }).click();
    const saved = page.getByTestId('results-saved');
    await saved.waitFor();
    const report = await reportOf();
    expect(report.attainment!.classSize).toBe(36);
    for (const objective of report.attainment!.objectives.filter((o) => o.rate !== null)) {
      expect(await saved.textContent()).toContain(`${objective.objectiveId} ${objective.text}：${percent(objective.rate!)}`);
    }
    await expect
      .poll(async () => (await tableRows(page, 'attainment')).map((r) => r[3]))
      .toEqual(report.attainment!.objectives.map((o) => (o.rate === null ? '—' : percent(o.rate))));
    await shot(page, '3-results-saved');
  });

  it('drafts the reflection from the data (offline, said so), refuses it with blanks left, and saves her words', async () => {
    expect(await page.getByTestId('reflection-engine').textContent()).toContain('不是 AI 写的');
    await page.getByRole('button', { name: '起草反思（数据摘要）' }).click();
    const editor = page.getByLabel('反思内容');
    await expect.poll(() => editor.inputValue()).toContain('【数据摘要】');
    expect(await page.getByTestId('draft-origins').textContent()).toContain('数据摘要：规则模板');
    await page.getByRole('button', { name: '保存反思' }).click();
    await expect.poll(() => page.locator('#reflection-text-error').textContent()).toBe('反思中还有 3 处【待教师补充】，请写完后再保存。');

    const text = (await editor.inputValue())
      .replace(/【待教师补充：本课成功的地方及依据】/, '情境导入贴近学生生活，学生参与积极。')
      .replace(/【待教师补充：不足及原因[^】]*】/, '小组合作分工不清，有两组没有动手。')
      .replace(/【待教师补充：下一次教学的改进做法】/, '下次先明确组内分工再开始合作。');
    await editor.fill(text);
    await page.getByRole('button', { name: '保存反思' }).click();
    const saved = page.getByTestId('reflection-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('出处：教师');
    const lead = await signIn(base, 'demo.lead', passwords['demo.lead']);
    const latest = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body;
    expect(latest.plan.reflection).toMatchObject({ origin: 'teacher', text: expect.stringContaining('下次先明确组内分工再开始合作。') });
    expect(await saved.textContent()).toContain(`第 ${latest.number} 版（修订）`);
    expect(await page.getByRole('link', { name: '下一步：定为终案 →' }).getAttribute('href')).toBe(`/lessons/${lessonId}/review`);
    await shot(page, '4-reflection');
    // The next step opens the group's review page, where the lead makes the 终案; then back to the report.
    await page.getByRole('link', { name: '下一步：定为终案 →' }).click();
    await page.waitForURL(/\/review$/);
    await page.locator('.lesson-head').waitFor();
    expect(await page.getByText('找不到这个页面').count()).toBe(0);
    await page.getByRole('link', { name: '评课报告' }).click();
    await page.getByRole('heading', { name: '评课报告', exact: true }).waitFor();
  });

  it('exports the report as a Word document that opens, with its charts as images', async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-file="report.docx"]').click()]);
    expect(file.suggestedFilename()).toMatch(/-三\(2\)班-\d{4}-\d{2}-\d{2}-评课报告\.docx$/);
    const target = path.join(root, 'report.docx');
    await file.saveAs(target);
    const docx = await JSZip.loadAsync(fs.readFileSync(target));
    const body = await docx.file('word/document.xml')!.async('string');
    expect(body).toContain('评课报告');
    expect(body).toContain('参测 36 人');
    expect(Object.keys(docx.files).filter((f) => /^word\/media\/.+\.png$/.test(f)).length).toBeGreaterThanOrEqual(3);
  });

  it('shows an observer the report without the forms, on a tablet; a report that does not exist is a sentence', async () => {
    // One browser profile: she signs out and the observer signs in on a 10-inch tablet's screen.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, 'demo.observer');
    await page.goto(`${base}/lessons/${lessonId}/report`);
    await expect.poll(() => page.locator('[data-chart="rt-ch"] svg path').count()).toBeGreaterThan(3);
    expect(await page.getByText('观课员可以查看报告；达标检测结果和教学反思由执教教师、主备或组员填写。').count()).toBe(1);
    expect(await page.getByTestId('results-card').count()).toBe(0);
    expect(await page.getByLabel('反思内容').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await shot(page, '5-observer-tablet');

    await page.goto(`${base}/lessons/${lessonId}/report?observation=no-such-observation`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('评课报告没有加载出来');
    expect(await alert.textContent()).not.toContain('{');
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
