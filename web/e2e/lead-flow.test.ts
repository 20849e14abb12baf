import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';
import { addUser, type SignedIn, setupAdmin } from '../../test/support/accounts.js';
import { api, upload, waitForRun } from '../../test/support/http.js';
import { CHROMIUM, FLAGS, SCREENSHOTS } from './browser.js';
import { signInOnPage, startWebService, watchPage } from './web-service.js';

/**
 * The prep lead's review loop in a real Chromium, two people at once (two
 * browser contexts, two sessions): the lead marks the offline AI draft 初案,
 * her colleague comments on a 环节 with a suggestion, the lead accepts it as a
 * new version, reads the comparison, marks it 共案 and finalises the 终案.
 * Accounts, the group and the draft are made over the API: those screens are
 * tested elsewhere.
 */
const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const SUGGESTION = '让学生在描一描、量一量中说出周长的含义。';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-e2e-lead-'));
let web: Awaited<ReturnType<typeof startWebService>>;
let base: string;
let browser: Browser;
let leadPage: Page;
let colleaguePage: Page;
let lead: SignedIn;
let lessonId: string;
const pageErrors: string[] = [];

async function openAs(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  watchPage(page, pageErrors, username);
  await signInOnPage(page, base, username, 'password-123');
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `lead-${name}.png`), fullPage: true });
const step = (page: Page, id: string) => page.locator(`[data-part="step:${id}"]`);

beforeAll(async () => {
  web = await startWebService(path.join(root, 'data'));
  base = web.base;

  const admin = await setupAdmin(base);
  lead = await addUser(admin, 'zhang.lead', '张主备');
  const colleague = await addUser(admin, 'li.t1', '李老师');
  const group = (
    await api(admin, 'POST', '/api/groups', { name: '三年级数学组', school: '城关小学', subject: '数学', gradeFrom: 3, gradeTo: 3 })
  ).body.id;
  await api(admin, 'PUT', `/api/groups/${group}/members/${lead.userId}`, { role: 'lead' });
  await api(admin, 'PUT', `/api/groups/${group}/members/${colleague.userId}`, { role: 'teacher' });
  lessonId = (
    await api(lead, 'POST', '/api/lessons', { title: '长方形和正方形的周长', subject: '数学', grade: 3, edition: '人教版', groupId: group })
  ).body.id;
  for (const file of ['materials/textbook-p82-84.pdf', 'materials/jiaocan.md']) await upload(lead, lessonId, path.join(DEMO, file));
  const run = (await api(lead, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'offline' })).body;
  expect((await waitForRun(lead, run.id)).status).toBe('succeeded');

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  [leadPage, colleaguePage] = await Promise.all([openAs('zhang.lead'), openAs('li.t1')]);
});

afterAll(async () => {
  await browser?.close();
  web?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the lead flow in Chromium', { timeout: 180_000 }, () => {
  it('the lead opens 研讨 on the AI draft and marks it 初案', async () => {
    await leadPage.goto(`${base}/lessons/${lessonId}/review`);
    const bar = leadPage.getByTestId('lead-bar');
    await expect.poll(() => bar.textContent()).toContain('第 1 版 · AI初稿');
    expect(await step(leadPage, 'S2').count()).toBe(1);
    await leadPage.getByRole('button', { name: '标为初案' }).click();
    await expect.poll(() => bar.textContent()).toContain('第 2 版 · 初案');
    // 初案 cannot be set twice: the button is greyed out and says why.
    expect(await leadPage.getByRole('button', { name: '标为初案' }).isDisabled()).toBe(true);
    expect(await leadPage.locator('#label-reasons').textContent()).toContain('第 2 版已经是初案');
  });

  it('the colleague comments on a 环节 with a suggestion; she cannot label or finalise', async () => {
    await colleaguePage.goto(`${base}/lessons/${lessonId}/review`);
    await colleaguePage.getByTestId('lead-bar').waitFor();
    expect(await colleaguePage.getByTestId('lead-only').textContent()).toContain('只有本课的主备或组长');
    expect(await colleaguePage.getByRole('button', { name: '标为共案' }).isDisabled()).toBe(true);

    const s2 = step(colleaguePage, 'S2');
    await s2.getByRole('button', { name: /评论这个环节/ }).click();
    await s2.getByLabel('评论哪一项').selectOption({ label: '设计意图' });
    await s2.getByLabel('我的意见').fill('设计意图要写出学生能做到什么');
    await s2.getByLabel(/提出修改建议/).check();
    await s2.getByLabel('建议改为').fill(SUGGESTION);
    await s2.getByRole('button', { name: '发表评论' }).click();
    const thread = s2.getByTestId('thread');
    await thread.waitFor();
    expect(await thread.textContent()).toContain('李老师');
    expect(await thread.textContent()).toContain('第 2 版 · 设计意图');
    expect(await thread.getByTestId('thread-status').textContent()).toBe('修改建议待主备处理');
    expect(await thread.getByRole('button', { name: /采纳/ }).count()).toBe(0);
    await shot(colleaguePage, '1-colleague-suggests');
  });

  it('the lead sees the suggestion beside the step and accepts it as a new version', async () => {
    // Her page was open all along: 刷新 reads the colleague's new thread.
    await leadPage.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => leadPage.getByTestId('open-count').textContent()).toBe('1 条意见未解决');
    const thread = step(leadPage, 'S2').getByTestId('thread');
    expect(await thread.textContent()).toContain(SUGGESTION);
    await thread.getByRole('button', { name: '采纳建议（生成新版本）' }).click();
    await expect.poll(() => thread.getByTestId('thread-status').textContent()).toBe('建议已采纳（第 3 版）');
    await expect.poll(() => leadPage.getByTestId('lead-bar').textContent()).toContain('第 3 版 · 修订');
    expect(await step(leadPage, 'S2').textContent()).toContain(SUGGESTION);
    await shot(leadPage, '2-accepted');
  });

  it('the comparison says what changed, in words, old beside new', async () => {
    await leadPage.getByRole('button', { name: '版本与对比' }).click();
    const diff = leadPage.getByTestId('diff');
    await expect.poll(() => diff.textContent()).toContain('第 2 版（初案） → 第 3 版（修订）');
    const text = (await diff.textContent()) ?? '';
    expect(text).toContain('修改 1 处，新增 0 处，删除 0 处');
    expect(text).toMatch(/教学过程 S2「[^」]+」：修改了设计意图。/);
    expect(await diff.locator('ins').allTextContents()).not.toHaveLength(0);
    expect(text).not.toMatch(/"(before|after|segments)"/);
    expect(await leadPage.getByTestId('versions').locator('tbody tr').count()).toBe(3);
    await shot(leadPage, '3-diff');
  });

  it('a question without a suggestion goes on the offline revision’s to-do list; the lead then resolves it', async () => {
    const o1 = colleaguePage.locator('[data-part="objective:O1"]');
    await o1.getByRole('button', { name: /评论这一项/ }).click();
    await o1.getByLabel('我的意见').fill('这条目标在达标检测单里有对应的题吗？');
    await o1.getByRole('button', { name: '发表评论' }).click();
    await o1.getByTestId('thread').waitFor();

    await leadPage.getByRole('button', { name: 'AI 修订' }).click();
    // No model on this service: the page says the rest becomes to-do items, and offers no model.
    expect(await leadPage.getByText('服务没有配置 AI 模型').count()).toBe(1);
    await leadPage.getByRole('button', { name: '开始修订' }).click();
    const revision = leadPage.getByTestId('revision').first();
    await expect.poll(() => revision.textContent()).toContain('离线规则引擎');
    expect(await revision.textContent()).toContain('没有可以直接修改的内容，没有生成新版本。');
    expect(await revision.getByTestId('todo').textContent()).toContain('教学目标 O1：这条目标在达标检测单里有对应的题吗？');
    await shot(leadPage, '4-revision-todo');

    await leadPage.getByRole('button', { name: '逐项研讨' }).click();
    await leadPage.getByLabel('只看有讨论的部分').check();
    expect(await leadPage.locator('[data-part]').count()).toBe(2);
    const question = leadPage.locator('[data-part="objective:O1"]').getByTestId('thread');
    await question.getByRole('button', { name: '标为已解决' }).click();
    await expect.poll(() => question.getByTestId('thread-status').textContent()).toBe('已解决');
    await expect.poll(() => leadPage.getByTestId('open-count').textContent()).toBe('没有未解决的意见');
  });

  it('the lead marks 共案 once the deck is re-made, then finalises the 终案, which locks the plan', async () => {
    const bar = leadPage.getByTestId('lead-bar');
    // The button waits for the run that re-makes the deck from version 3 (the page follows its events).
    await leadPage.getByRole('button', { name: '标为共案' }).click({ timeout: 150_000 });
    await expect.poll(() => bar.textContent()).toContain('第 4 版 · 共案');
    await leadPage.getByRole('button', { name: '定为终案…' }).click();
    await leadPage.getByRole('button', { name: '确定，定为终案' }).click();
    await expect.poll(() => bar.textContent()).toContain('第 5 版 · 终案');
    expect(await bar.textContent()).toContain('已定稿锁定');
    await expect.poll(() => leadPage.getByRole('button', { name: '开始新一轮' }).isEnabled()).toBe(true);
    const versions = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan/versions`)).body.map((v: { labelName: string }) => v.labelName);
    expect(versions).toEqual(['终案', '共案', '修订', '初案', 'AI初稿']);
    await shot(leadPage, '5-final');

    // The colleague's page, reloaded, shows the 终案 and no way to accept anything.
    await colleaguePage.reload();
    await expect.poll(() => colleaguePage.getByTestId('lead-bar').textContent()).toContain('第 5 版 · 终案');
    expect(await colleaguePage.getByRole('button', { name: '开始新一轮' }).isDisabled()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
