import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';
import { addUser, type SignedIn, setupAdmin, signIn } from '../../test/support/accounts.js';
import { api, upload, waitForRun } from '../../test/support/http.js';
import { launchBrowser, SCREENSHOTS } from './browser.js';
import { startWebService, watchPage } from './web-service.js';

/**
 * The observer at the back of the classroom, on a 10-inch tablet (1280×800) in
 * a real Chromium against `npm start`'s service: she opens the lesson's 观课
 * tab, starts recording 三(2)班, answers the S-T prompts (one she misses),
 * taps questions and answers, then the Wi-Fi drops: she goes on recording,
 * the page is reloaded with no network at all (the app's service worker
 * serves it), and once the Wi-Fi is back the report counts exactly what she tapped. Time is Playwright's
 * fake clock: no test waits 30 seconds for a prompt.
 */
const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-e2e-observe-'));
let web: Awaited<ReturnType<typeof startWebService>>;
let base: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let observer: SignedIn;
let lessonId = '';
let steps: { id: string; name: string; minutes: number }[] = [];
const pageErrors: string[] = [];
/** The lesson starts at 09:00 Beijing time, by the tablet's (fake) clock. */
const T0 = Date.parse('2026-03-12T09:00:00+08:00');

beforeAll(async () => {
  web = await startWebService(path.join(root, 'data'));
  base = web.base;

  const admin = await setupAdmin(base);
  const lead = await addUser(admin, 'lead', '张主备');
  observer = await addUser(admin, 'chen', '陈老师');
  const groupId = (
    await api(admin, 'POST', '/api/groups', { name: '三年级数学组', school: '城关小学', subject: '数学', gradeFrom: 3, gradeTo: 3 })
  ).body.id;
  await api(admin, 'PUT', `/api/groups/${groupId}/members/${lead.userId}`, { role: 'lead' });
  await api(admin, 'PUT', `/api/groups/${groupId}/members/${observer.userId}`, { role: 'observer' });
  lessonId = (await api(lead, 'POST', '/api/lessons', { title: '长方形和正方形的周长', subject: '数学', grade: 3, groupId })).body.id;
  for (const file of ['materials/textbook-p82-84.pdf', 'materials/jiaocan.md']) await upload(lead, lessonId, path.join(DEMO, file));
  const run = (await api(lead, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'offline' })).body;
  expect((await waitForRun(lead, run.id)).status).toBe('succeeded');
  steps = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body.plan.process;

  browser = await launchBrowser({ width: 1280, height: 800 });
  page = await browser.context.newPage();
  watchPage(page, pageErrors);
});

afterAll(async () => {
  await browser?.close();
  web?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `observer-${name}.png`) });
const banner = () => page.getByTestId('st-banner');
const status = () => page.getByTestId('upload-status');
const answer = (code: 'T' | 'S' | 'D') => page.locator(`button.code-${code}`).click();

/** Every button on screen is at least 56 px each way, and the S-T buttons are on screen without scrolling. */
async function checkTargets() {
  const viewport = page.viewportSize()!;
  for (const code of ['T', 'S', 'D']) {
    const box = (await page.locator(`button.code-${code}`).boundingBox())!;
    expect(box.y + box.height, `${code} at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(viewport.height);
  }
  // Nothing wider than the screen: the page never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  const small = await page.locator('.recorder button').evaluateAll((buttons) =>
    buttons
      .map((b) => ({ text: b.textContent?.trim(), box: b.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 56 || box.height < 56))
      .map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small).toEqual([]);
}

describe('observer flow on a tablet', { timeout: 240_000 }, () => {
  let observationId = '';

  it('signs in, lands on the lesson’s 观课 tab (she is its observer), starts recording 三(2)班', async () => {
    await browser.context.clock.install({ time: T0 - 5 * 60_000 });
    // The lesson's own address, as a colleague shares it: an observer is taken to 观课, not 材料.
    await page.goto(`${base}/lessons/${lessonId}`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('登录名').fill('chen');
    await page.getByLabel('密码').fill('password-123');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(new RegExp(`/lessons/${lessonId}/observe$`));
    await page.getByRole('heading', { name: '开始观课' }).waitFor();
    await page.getByRole('button', { name: '开始记录' }).click();
    expect(await page.locator('#observe-class-error').textContent()).toBe('请填写班级，例如 三(2)班');
    await page.getByLabel('班级').fill('三(2)班');
    await page.getByLabel('上课日期').fill('2026-03-12');
    await shot('0-start');
    await page.getByRole('button', { name: '开始记录' }).click();
    await page.waitForURL(/\/observations\/[^/]+\/record$/);
    observationId = page.url().split('/').at(-2)!;
    await page.getByRole('heading', { name: /观课：/ }).waitFor();
    expect(await page.getByTestId('current-step').textContent()).toBe(steps[0]!.name);
    expect(await status().textContent()).toBe('已全部上传');
    await shot('1-ready');
  });

  it('answers the S-T prompts every 30 s, misses one, and taps the interactions', async () => {
    await browser.context.clock.pauseAt(T0);
    await page.getByRole('button', { name: `▶ 开始「${steps[0]!.name}」` }).click();
    await banner().getByText('下一次采样').waitFor();
    expect(await page.locator('button.code-T').isDisabled()).toBe(true);

    await browser.context.clock.runFor(30_000);
    await banner().getByText('第 1 次采样：现在是谁在行为？').waitFor();
    await shot('2-prompt');
    await answer('T');
    await page.getByTestId('count-teacher-question').click();
    await page.getByTestId('count-teacher-question').click();
    await page.getByRole('button', { name: '学生回答：新同学（第一次发言）' }).click();
    await page.getByTestId('count-student-answer').click();

    await browser.context.clock.runFor(30_000);
    await banner().getByText('第 2 次采样').waitFor();
    await answer('S');
    await browser.context.clock.runFor(30_000);
    await banner().getByText('第 3 次采样').waitFor();
    // She looks away: the prompt closes after 20 s and slot 3 is recorded as missed.
    await browser.context.clock.runFor(21_000);
    await banner().getByText('下一次采样').waitFor();
    expect(await page.locator('.strip li').allTextContents()).toEqual(['T', 'S', '×']);
    await expect.poll(() => status().textContent()).toBe('已全部上传');
    expect(await page.getByTestId('step-elapsed').textContent()).toBe('01:51');
    await checkTargets();
    await shot('3-landscape-1280x800');
  });

  it('goes on recording offline, reloads the page with no network at all, and uploads everything once back online', async () => {
    const context = browser.context;
    // The app's service worker has kept the shell and the recorder's code since the first visit.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toBe(`${base}/sw.js`);
    await context.setOffline(true);
    await page.getByText('网络已断开').waitFor();
    await page.getByRole('button', { name: `下一环节：${steps[1]!.name} ▶` }).click();
    await page.getByTestId('count-teacher-question').click();
    await page.getByRole('button', { name: '学生主动提问：新同学（第一次发言）' }).click();
    await page.getByRole('button', { name: /小组合作扫描/ }).click();
    await page.getByRole('group', { name: '在任务上的小组数' }).getByRole('button', { name: '6', exact: true }).click();
    await page.getByRole('textbox', { name: '笔记' }).fill('学生描周长时不会从起点开始');
    await page.getByRole('button', { name: '记下' }).click();
    await context.clock.runFor(9_000); // 09:02:00: the 4th prompt
    await banner().getByText('第 4 次采样').waitFor();
    await answer('D');
    // step-start, question, question, scan, note, sample
    expect(await status().textContent()).toBe('6 条待上传');
    await shot('4-offline');

    // Still no network, and the page is reloaded (a tap on the browser's refresh, a tablet waking up).
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { name: /观课：/ }).waitFor();
    expect(await status().textContent()).toBe('6 条待上传');
    expect(await page.getByTestId('current-step').textContent()).toBe(steps[1]!.name);
    expect(await page.locator('.strip li').allTextContents()).toEqual(['T', 'S', '×', 'D']);
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('陈老师');
    await page.getByText('网络已断开').waitFor();
    await shot('5-reloaded-offline');

    // The Wi-Fi comes back: the queue is sent at once (the session read first, for its CSRF token).
    await context.setOffline(false);
    await expect.poll(() => status().textContent()).toBe('已全部上传');
    await shot('6-all-uploaded');
  });

  it('the report counts exactly what was tapped, once', async () => {
    const me = await signIn(base, 'chen');
    const report = (await api(me, 'GET', `/api/observations/${observationId}/report`)).body;
    const [mine] = report.observers;
    expect(mine.name).toBe('陈老师');
    // Samples T, S, D (slot 3 missed): N = 3, g = 3, Rt = (1 + 0.5) / 3 = 0.5, Ch = (3 − 1) / 3
    expect(mine.st).toMatchObject({ n: 3, nt: 1, ns: 1, nd: 1, g: 3 });
    expect(mine.st.rt).toBeCloseTo(0.5, 10);
    expect(mine.missedSamples).toBe(1);
    expect(mine.warnings).toContain('有 1 次 S-T 采样漏记，未计入 S-T 分析');
    expect(mine.interactions).toEqual({ teacherQuestions: 3, studentAnswers: 2, studentQuestions: 1 });
    expect(mine.studentsSpoke).toBe(2);
    expect(mine.groupEngagement).toBeCloseTo(6 / 8, 10);
    // Step 1 ran 09:00:00–09:01:51, step 2 from 09:01:51 to the last event (the sample stamped 09:02:00).
    expect(report.steps[0].taughtMinutes.mean).toBeCloseTo(111 / 60, 10);
    expect(report.steps[1].notes.map((n: { text: string }) => n.text)).toEqual(['学生描周长时不会从起点开始']);
    const events = (await api(me, 'GET', `/api/observations/${observationId}/events?observerId=${me.userId}`)).body[0].events;
    expect(events).toHaveLength(14); // 8 before the Wi-Fi dropped (the missed sample among them) + 6 after, none twice
  });

  it('the lesson’s 观课 tab lists the taught lesson with her uploads and leads to its report', async () => {
    await page.getByRole('link', { name: '返回观课列表' }).click();
    await page.getByRole('heading', { name: '已观的课' }).waitFor();
    expect(await page.locator('.item .who').textContent()).toContain('观课：陈老师（14 条）');
    await shot('7-list');
    await page.locator('.item').getByRole('link', { name: '评课报告' }).click();
    await page.waitForURL(new RegExp(`/lessons/${lessonId}/report\\?observation=${observationId}$`));
    await page.goBack();
    await page.getByRole('link', { name: '进入记录' }).click();
    await page.getByRole('heading', { name: /观课：/ }).waitFor();
  });

  it('fits a tablet upright and a 1366×768 school PC', async () => {
    await page.setViewportSize({ width: 800, height: 1280 });
    await checkTargets();
    await shot('8-portrait-800x1280');
    await page.setViewportSize({ width: 1366, height: 768 });
    await checkTargets();
    await shot('9-landscape-1366x768');
    expect(pageErrors).toEqual([]);
  });
});
