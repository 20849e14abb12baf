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
/** How long a page may take to show what the service answered: generous, as the machine may be busy (a poll ends as soon as it holds). */
const WAIT = { timeout: 30_000 };

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
    await expect.poll(() => bar.textContent(), WAIT).toContain('第 1 版 · AI初稿');
    expect(await step(leadPage, 'S2').count()).toBe(1);
    await leadPage.getByRole('button', { name: '标为初案' }).click();
    await expect.poll(() => bar.textContent(), WAIT).toContain('第 2 版 · 初案');
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

  it('the colleague rewords her comment (marked 已修改) and deletes one she posted by mistake', async () => {
    const s2 = step(colleaguePage, 'S2');
    const thread = s2.getByTestId('thread');
    await thread.getByRole('button', { name: '修改我的评论' }).click();
    await thread.getByLabel('我的意见').fill('设计意图要写出学生在这一环节能做到什么');
    expect(await thread.getByLabel('建议改为').inputValue()).toBe(SUGGESTION);
    await thread.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => thread.getByTestId('thread-body').textContent(), WAIT).toBe('设计意图要写出学生在这一环节能做到什么');
    expect(await thread.getByTestId('edited').textContent()).toBe('已修改');

    const board = colleaguePage.locator('[data-part="board:board"]');
    await board.getByRole('button', { name: /评论这一项/ }).click();
    await board.getByLabel('我的意见').fill('（发错了）');
    await board.getByRole('button', { name: '发表评论' }).click();
    await board.getByTestId('thread').waitFor();
    colleaguePage.once('dialog', (dialog) => void dialog.accept());
    await board.getByRole('button', { name: '删除李老师的评论' }).click();
    await expect.poll(() => board.getByTestId('thread').count(), WAIT).toBe(0);
    await shot(colleaguePage, '1b-colleague-edits');
  });

  it('the lead sees the suggestion beside the step and accepts it as a new version', async () => {
    // Her page was open all along: 刷新 reads the colleague's new thread.
    await leadPage.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => leadPage.getByTestId('open-count').textContent(), WAIT).toBe('1 条意见未解决');
    const thread = step(leadPage, 'S2').getByTestId('thread');
    expect(await thread.textContent()).toContain(SUGGESTION);
    await thread.getByRole('button', { name: '采纳建议（生成新版本）' }).click();
    await expect.poll(() => thread.getByTestId('thread-status').textContent(), WAIT).toBe('建议已采纳（第 3 版）');
    await expect.poll(() => leadPage.getByTestId('lead-bar').textContent(), WAIT).toContain('第 3 版 · 修订');
    expect(await step(leadPage, 'S2').textContent()).toContain(SUGGESTION);
    await shot(leadPage, '2-accepted');
  });

  it('the comparison says what changed, in words, old beside new', async () => {
    await leadPage.getByRole('button', { name: '版本与对比' }).click();
    const diff = leadPage.getByTestId('diff');
    await expect.poll(() => diff.textContent(), WAIT).toContain('第 2 版（初案） → 第 3 版（修订）');
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
    await expect.poll(() => revision.textContent(), WAIT).toContain('离线规则引擎');
    expect(await revision.textContent()).toContain('没有可以直接修改的内容，没有生成新版本。');
    expect(await revision.getByTestId('todo').textContent()).toContain('教学目标 O1：这条目标在达标检测单里有对应的题吗？');
    await shot(leadPage, '4-revision-todo');

    await leadPage.getByRole('button', { name: '逐项研讨' }).click();
    await leadPage.getByLabel('只看有讨论的部分').check();
    expect(await leadPage.locator('[data-part]').count()).toBe(2);
    const question = leadPage.locator('[data-part="objective:O1"]').getByTestId('thread');
    await question.getByRole('button', { name: '标为已解决' }).click();
    await expect.poll(() => question.getByTestId('thread-status').textContent(), WAIT).toBe('已解决');
    await expect.poll(() => leadPage.getByTestId('open-count').textContent(), WAIT).toBe('没有未解决的意见');
  });

  it('the lead marks 共案 once the deck is re-made, then finalises the 终案, which locks the plan', async () => {
    const bar = leadPage.getByTestId('lead-bar');
    // The button waits for the run that re-makes the deck from version 3 (the page follows its events).
    await leadPage.getByRole('button', { name: '标为共案' }).click({ timeout: 150_000 });
    await expect.poll(() => bar.textContent(), WAIT).toContain('第 4 版 · 共案');
    await leadPage.getByRole('button', { name: '定为终案…' }).click();
    await leadPage.getByRole('button', { name: '确定，定为终案' }).click();
    await expect.poll(() => bar.textContent(), WAIT).toContain('第 5 版 · 终案');
    expect(await bar.textContent()).toContain('已定稿锁定');
    await expect.poll(() => leadPage.getByRole('button', { name: '开始新一轮' }).isEnabled(), WAIT).toBe(true);
    const versions = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan/versions`)).body.map((v: { labelName: string }) => v.labelName);
    expect(versions).toEqual(['终案', '共案', '修订', '初案', 'AI初稿']);
    await shot(leadPage, '5-final');

    // The colleague's page, reloaded, shows the 终案 and no way to accept anything.
    await colleaguePage.reload();
    await expect.poll(() => colleaguePage.getByTestId('lead-bar').textContent(), WAIT).toContain('第 5 版 · 终案');
    expect(await colleaguePage.getByRole('button', { name: '开始新一轮' }).isDisabled()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('in a new round the lead restructures 教学过程: adds a 环节 of a chosen role, moves it up, removes one after confirming', async () => {
    await leadPage.getByRole('button', { name: '开始新一轮' }).click();
    await expect.poll(() => leadPage.getByTestId('lead-bar').textContent(), WAIT).toContain('第 6 版 · 修订');
    const before = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body.plan.process as {
      id: string;
      name: string;
      minutes: number;
    }[];
    const onLast = { part: 'step', id: before.at(-1)!.id };
    expect((await api(lead, 'POST', `/api/lessons/${lessonId}/comments`, { anchor: onLast, body: '这个环节可以并到小结里' })).status).toBe(
      201,
    );
    await leadPage.goto(`${base}/lessons/${lessonId}/plan`);
    await leadPage.getByRole('button', { name: '修改教学设计' }).click();

    // After the second step, a 合作探究 of 4 minutes taken from the first.
    await leadPage.getByLabel('新环节放在哪个环节之后').selectOption({ index: 1 });
    await leadPage.getByLabel('新环节的类型').selectOption({ label: '合作探究' });
    await leadPage.getByRole('button', { name: '＋ 添加环节' }).click();
    const name = leadPage.locator('#f-process-2-name');
    await expect.poll(() => leadPage.evaluate(() => document.activeElement?.id), WAIT).toBe('f-process-2-name');
    expect(await name.inputValue()).toBe('合作探究');
    expect(await leadPage.locator('#f-process-2-minutes-error').textContent()).toContain('请填写大于 0 的整数分钟');
    await name.fill('小组比一比');
    await leadPage.locator('#f-process-2-minutes').fill('4');
    await leadPage.locator('#f-process-0-minutes').fill(String(before[0]!.minutes - 4));
    await leadPage.locator('#f-process-2-teacherActivity').fill('出示两个花坛，请各组量一量、算一算哪个围栏更长。');
    await leadPage.locator('#f-process-2-studentActivity').fill('小组分工测量，汇报各自的算法。');
    await leadPage.locator('#f-process-2-intent').fill('在比较中巩固周长的算法。');
    await leadPage.getByRole('button', { name: '上移“小组比一比”' }).click();
    expect(await leadPage.locator('tbody tr').nth(1).getAttribute('data-step')).toBe(`S${before.length + 1}`);

    // Removing the last step asks first; its minutes go to the first step so the sum still matches.
    const last = before.at(-1)!;
    let asked = '';
    leadPage.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await leadPage.getByRole('button', { name: `删除环节“${last.name}”` }).click();
    expect(asked).toContain(`删除环节“${last.name}”吗？`);
    await expect.poll(() => leadPage.locator('#process-total-error').textContent(), WAIT).toContain(`少 ${last.minutes} 分钟`);
    await leadPage.locator('#f-process-0-minutes').fill(String(before[0]!.minutes - 4 + last.minutes));
    await expect.poll(() => leadPage.locator('#process-total-error').count(), WAIT).toBe(0);
    await shot(leadPage, '6-steps-edited');
    await leadPage.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => leadPage.getByTestId('plan-version').textContent(), WAIT).toBe('第 7 版 · 修订');

    const saved = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body.plan.process as { id: string; role: string }[];
    expect(saved.map((s) => s.id)).toEqual([before[0]!.id, `S${before.length + 1}`, ...before.slice(1, -1).map((s) => s.id)]);
    expect(saved[1]!.role).toBe('group-inquiry');

    // The thread on the removed step is still a thread in 研讨: listed where it pointed, and the lead can settle it.
    await leadPage.goto(`${base}/lessons/${lessonId}/review`);
    const gone = leadPage.locator('[aria-labelledby="group-elsewhere"]').getByTestId('thread');
    await gone.waitFor();
    expect(await gone.textContent()).toContain(`原位置：教学过程 ${last.id}`);
    await gone.getByRole('button', { name: '标为已解决' }).click();
    await expect.poll(() => gone.getByTestId('thread-status').textContent(), WAIT).toBe('已解决');
    expect(pageErrors).toEqual([]);
  });
});
