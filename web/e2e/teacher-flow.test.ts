import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';
import { addUser, type SignedIn, signIn } from '../../test/support/accounts.js';
import { api } from '../../test/support/http.js';
import { launchBrowser, SCREENSHOTS } from './browser.js';
import { startWebService, watchPage } from './web-service.js';

/**
 * The teacher's evening, in a real Chromium against `npm start`'s service on
 * an ephemeral port: the first admin set up on the fresh service, the teacher
 * signed in (seeing only her own lessons), create a lesson, drop the textbook PDF and the lesson
 * video's subtitles (and a scanned PDF, which is refused with what to do),
 * run the nine steps and watch them, read the plan, look at the sheets, deck
 * and video outline, download the deck and the plan, and edit the plan in place.
 */
const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const PDF = path.join(DEMO, 'materials/textbook-p82-84.pdf');
const SRT = path.join(DEMO, 'video/zhouchang.srt');
const SCANNED = packagePath('test/fixtures/ingest/scanned.pdf');
const VIDEO_URL = 'https://basic.smartedu.cn/syncClassroom/classActivity?activityId=demo-zhouchang';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-e2e-'));
let web: Awaited<ReturnType<typeof startWebService>>;
let base: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const pageErrors: string[] = [];
/** The teacher's own HTTP session, for checking what the page did through the API. */
let teacher: SignedIn;

beforeAll(async () => {
  web = await startWebService(path.join(root, 'data'));
  base = web.base;
  browser = await launchBrowser({ width: 1366, height: 768 });
  page = await browser.context.newPage();
  watchPage(page, pageErrors);
});

afterAll(async () => {
  await browser?.close();
  web?.stop();
  fs.rmSync(root, { recursive: true, force: true });
  console.log(`screenshots: ${SCREENSHOTS}`);
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** Drops files on the drop zone as a desktop drag would: one DataTransfer carrying them all. */
async function dropFiles(files: string[]) {
  const payload = files.map((file) => ({
    name: path.basename(file),
    type: file.endsWith('.pdf') ? 'application/pdf' : 'text/plain',
    base64: fs.readFileSync(file).toString('base64'),
  }));
  await page.locator('.drop').evaluate((zone, items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name, { type: item.type }));
    }
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, payload);
}

async function download(selector: string, name: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).first().click()]);
  const target = path.join(root, name);
  await file.saveAs(target);
  return { bytes: fs.readFileSync(target), suggested: file.suggestedFilename() };
}

// Each step waits on the service (a run, an upload's parsing): more room than a unit test gets on a loaded machine.
describe('teacher flow in Chromium', { timeout: 180_000 }, () => {
  let lessonId = '';

  it('sets up the first admin on a fresh service, signs out, and signs the teacher in', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole('link', { name: '创建管理员账号' }).click();
    // The form appears once the page knows the service still needs its admin: typing starts after that.
    await page.waitForURL(/\/setup$/);
    await page.getByRole('heading', { name: '创建第一位管理员' }).waitFor();
    await page.getByLabel('登录名').fill('admin');
    await page.getByLabel('姓名').fill('刘校长');
    await page.getByLabel('密码', { exact: true }).fill('short');
    await page.getByRole('button', { name: '创建并登录' }).click();
    expect(await page.locator('#setup-password-error').textContent()).toBe('密码至少 8 位');
    await page.getByLabel('密码', { exact: true }).fill('admin-password-1');
    await page.getByLabel('再输一次密码').fill('admin-password-1');
    await shot('0-setup');
    await page.getByRole('button', { name: '创建并登录' }).click();
    await page.getByRole('heading', { name: '我的备课' }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('刘校长（管理员）');

    // The admin opens accounts for two teachers (over the API: that screen is not in the app); one already has a lesson.
    const admin = await signIn(base, 'admin', 'admin-password-1');
    teacher = await addUser(admin, 'wang.li', '王丽');
    const other = await addUser(admin, 'zhao.min', '赵敏');
    await api(other, 'POST', '/api/lessons', { title: '赵老师的课：认识分数', subject: '数学', grade: 3 });

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel('登录名').fill('wang.li');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('登录名或密码错误');
    await page.getByLabel('密码').fill('password-123');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '我的备课' }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('王丽');
    expect(await page.getByText('赵老师的课').count()).toBe(0);
  });

  it('creates a lesson: inline errors first, then saved and on to the materials', async () => {
    await page.getByRole('button', { name: '保存，下一步上传材料' }).click();
    await expect.poll(() => page.locator('#lesson-title-error').textContent()).toContain('请填写课题');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lesson-title');

    await page.getByLabel('课题', { exact: true }).fill('长方形和正方形的周长');
    await page.getByLabel('学科', { exact: true }).fill('数学');
    await page.getByLabel('年级', { exact: true }).selectOption({ label: '三年级' });
    await page.getByLabel('教材版本').fill('人教版');
    await page.getByLabel('学情（选填）').fill('乡镇小学三年级，32 人，计算基础较弱');
    await shot('1-create-lesson');
    await page.getByRole('button', { name: '保存，下一步上传材料' }).click();
    await page.waitForURL(/\/lessons\/[^/]+\/materials$/);
    lessonId = /\/lessons\/([^/]+)\//.exec(page.url())![1]!;
    await page.getByRole('heading', { name: '长方形和正方形的周长' }).waitFor();
  });

  it('takes a PDF and subtitles dropped together, reports what it read, and refuses a scanned PDF with what to do', async () => {
    await dropFiles([PDF, SRT]);
    await page.setInputFiles('#material-files', SCANNED);
    const stored = page.locator('li.material[data-state="stored"]');
    await expect.poll(() => stored.count(), { timeout: 120_000 }).toBe(2);
    const pdfCard = stored.filter({ hasText: 'textbook-p82-84.pdf' });
    await expect.poll(() => pdfCard.textContent()).toMatch(/PDF，\d+ 页，约 [\d,]+ 字/);
    expect(await pdfCard.locator('.pages li').count()).toBeGreaterThan(1);
    const srtCard = stored.filter({ hasText: 'zhouchang.srt' });
    expect(await srtCard.textContent()).toMatch(/SRT 字幕.*\d+ 条字幕/);

    const refused = page.locator('li.material[data-state="refused"]');
    await expect.poll(() => refused.count(), { timeout: 120_000 }).toBe(1);
    expect(await refused.textContent()).toContain('scanned.pdf');
    expect(await refused.textContent()).toContain('文字识别');

    await srtCard.getByLabel('视频地址').fill(VIDEO_URL);
    await srtCard.getByRole('button', { name: '保存视频信息' }).click();
    await expect
      .poll(
        async () =>
          (await api(teacher, 'GET', `/api/lessons/${lessonId}/materials`)).body.find((m: { kind: string }) => m.kind === 'transcript')
            ?.videoUrl,
        {
          timeout: 30_000,
        },
      )
      .toBe(VIDEO_URL);
    await expect.poll(() => page.locator('li.material[data-state="stored"]').count()).toBe(2);
    await shot('2-materials');
  });

  it('runs the nine steps on the 三阶九步 grid with live progress from the event stream', async () => {
    await page.getByRole('link', { name: '下一步：生成 →' }).click();
    await page.waitForURL(/\/run$/);
    await expect.poll(() => page.locator('[data-step]').count()).toBe(9);
    // Every change of a step's status, as the page shows it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver((records) => {
        for (const r of records) seen.push(`${(r.target as HTMLElement).dataset.step}:${(r.target as HTMLElement).dataset.status}`);
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
    });
    expect(await page.getByText('本服务没有配置 AI 模型').count()).toBe(1);
    await page.getByRole('button', { name: '开始生成' }).click();
    await page.getByText('生成完成。').waitFor({ timeout: 150_000 });
    await shot('3-run');

    const statuses = await page.locator('[data-step]').evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.status));
    expect(statuses.every((s) => s === 'done' || s === 'cached' || s === 'skipped')).toBe(true);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).toContain('C3:done');
    // Times in the cells come only from the event stream's events.
    expect(await page.locator('[data-step] time[datetime]').count()).toBe(9);
    expect(await page.getByTestId('engine').textContent()).toContain('离线规则引擎');
  });

  it('shows the plan by section, says no AI model wrote it, and cites the material’s pages', async () => {
    await page.getByRole('link', { name: '查看教学设计 →' }).click();
    await page.waitForURL(/\/plan$/);
    const provenance = page.getByTestId('plan-provenance');
    await provenance.waitFor();
    expect(await provenance.textContent()).toContain('没有使用 AI 模型');
    expect(await provenance.textContent()).toContain('第 1 版 · AI初稿');
    expect(await provenance.textContent()).toContain('教学设计：长方形和正方形的周长');
    // Text blocks are shown as their words, never as the JSON they are stored as.
    expect(await page.locator('main').textContent()).not.toMatch(/"(text|origin|sources)"/);
    expect(await page.locator('table.process tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('table.process tfoot').textContent()).toContain('40 分钟');
    expect(await page.locator('.plan .source', { hasText: 'textbook-p82-84.pdf 第' }).count()).toBeGreaterThan(0);
    await shot('4-plan');
    // A citation opens the page it points at, as the service read it.
    await page.locator('.plan button.source', { hasText: 'textbook-p82-84.pdf 第' }).first().click();
    const passage = page.getByTestId('source-passage');
    await expect.poll(() => passage.locator('blockquote').textContent()).toContain('长方形');
    await shot('4-plan-source');
    await passage.press('Escape');
    expect(await passage.count()).toBe(0);

    const plan = await download('a[data-file="plan.docx"]', 'plan.docx');
    expect(plan.suggested).toBe('长方形和正方形的周长-教学设计.docx');
    const docx = await JSZip.loadAsync(plan.bytes);
    expect(await docx.file('word/document.xml')!.async('string')).toContain('长方形和正方形的周长');
  });

  it('previews the three sheets for print, with the answers on request', async () => {
    await page.getByRole('link', { name: '三单', exact: true }).click();
    await expect.poll(() => page.locator('article.sheet').count()).toBe(3);
    expect(await page.locator('.answer').count()).toBe(0);
    await page.getByLabel('显示答案（教师版）').check();
    expect(await page.locator('.answer').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.tabs').isVisible()).toBe(false);
    await shot('5-sheets-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows every slide of the deck as an HTML thumbnail and one large, and downloads the real .pptx', async () => {
    await page.getByRole('link', { name: '课件', exact: true }).click();
    const artifacts = (await api(teacher, 'GET', `/api/lessons/${lessonId}/artifacts`)).body as { id: string; stepId: string }[];
    const spec = (await api(teacher, 'GET', `/api/artifacts/${artifacts.find((a) => a.stepId === 'C2')!.id}`)).body.json;
    await expect.poll(() => page.locator('[data-testid="thumbnails"] li').count()).toBe(spec.slides.length);
    await page.locator('[data-testid="thumbnails"] button').nth(1).click();
    expect(await page.locator('.large .title').textContent()).toBe(spec.slides[1].title);
    await shot('6-deck');
    await page.locator('.viewer').press('ArrowRight');
    expect(await page.locator('.large .title').textContent()).toBe(spec.slides[2].title);

    const deck = await download('a[data-file="deck.pptx"]', 'deck.pptx');
    expect(deck.suggested).toBe('长方形和正方形的周长-课件.pptx');
    const pptx = await JSZip.loadAsync(deck.bytes);
    expect(Object.keys(pptx.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(spec.slides.length);
  });

  it('puts the video outline on a timeline whose clips open the video at their start', async () => {
    await page.getByRole('link', { name: '视频提纲', exact: true }).click();
    const clips = page.locator('a.clip');
    await expect.poll(() => clips.count()).toBeGreaterThan(0);
    for (const href of await clips.evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
      expect(href).toMatch(new RegExp(`^${VIDEO_URL.replace(/[?.]/g, '\\$&')}#t=\\d+$`));
    }
    await shot('7-video');
    // A reload on a client route is answered with the app, not a 404.
    await page.reload();
    await expect.poll(() => page.locator('a.clip').count()).toBeGreaterThan(0);
  });

  it('edits the plan in place: an objective and the minutes, the sum checked before saving, saved as version 2 with her origin', async () => {
    await page.getByRole('link', { name: '教学设计', exact: true }).click();
    await page.getByTestId('plan-provenance').waitFor();
    await page.getByRole('button', { name: '修改教学设计' }).click();
    const objective = page.locator('#f-objectives-0');
    await objective.fill('能用自己的话说出什么是周长，并指出长方形和正方形的周长');
    expect(await page.locator('[data-objective="O1"] .origin').textContent()).toBe('教师填写');

    // Two minutes more for the first 环节, taken from the longest one.
    const minutes = await page
      .locator('table.process input.minutes')
      .evaluateAll((inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)));
    const longest = minutes.indexOf(Math.max(...minutes.slice(1)));
    const first = page.locator('#f-process-0-minutes');
    const second = page.locator(`#f-process-${longest}-minutes`);
    const [a, b] = [minutes[0]!, minutes[longest]!];
    await first.fill(String(a + 2));
    const sum = page.locator('#process-total-error');
    await expect.poll(() => sum.textContent()).toBe('各环节合计 42 分钟，比课时 40 分钟多 2 分钟，请调整各环节的用时。');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    // Refused on the page, before anything is sent: the cursor goes to the minutes.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-process-0-minutes');
    await shot('8-plan-edit-minutes');
    await second.fill(String(b - 2));
    expect(await sum.count()).toBe(0);
    await page.getByRole('button', { name: '保存为新版本' }).click();
    const outcome = page.getByRole('status').filter({ hasText: '已保存' }).or(page.getByRole('alert'));
    await outcome.first().waitFor();
    expect(await outcome.first().textContent()).toContain('已保存为第 2 版');

    await page.reload();
    await page.getByTestId('plan-provenance').waitFor();
    expect(await page.getByTestId('plan-version').textContent()).toBe('第 2 版 · 修订');
    const saved = page.locator('[data-objective="O1"]');
    expect(await saved.locator('.text').textContent()).toBe('能用自己的话说出什么是周长，并指出长方形和正方形的周长');
    expect(await saved.locator('.origin').textContent()).toBe('教师填写');
    expect(await page.locator('table.process tbody tr').first().locator('td.c-min').textContent()).toBe(`${a + 2} 分钟`);
    await shot('8-plan-edited');
    const latest = (await api(teacher, 'GET', `/api/lessons/${lessonId}/plan`)).body;
    expect(latest.author).toBe('王丽');
    expect(latest.plan.objectives[0].origin).toBe('teacher');
    expect(latest.plan.process[longest].minutes).toBe(b - 2);
    // The save re-makes the deck and the video outline from the edited plan; that run ends before the next step.
    const ended = async () => (await api(teacher, 'GET', `/api/lessons/${lessonId}/runs/latest`)).body.status as string;
    await expect.poll(ended, { timeout: 150_000 }).not.toMatch(/^(queued|running)$/);
    expect(await ended()).toBe('succeeded');
  });

  it('lists the lesson with its version and last run, and fits a 10-inch tablet (1024 × 768)', async () => {
    await page.goto(`${base}/`);
    const row = page.locator(`tr[data-lesson="${lessonId}"]`);
    await expect.poll(() => row.textContent()).toContain('第 2 版 · 修订');
    expect(await row.textContent()).toContain('已完成');
    await shot('9-lessons');

    await page.setViewportSize({ width: 1024, height: 768 });
    for (const [name, route] of [
      ['tablet-run', 'run'],
      ['tablet-plan', 'plan'],
      ['tablet-materials', 'materials'],
    ] as const) {
      await page.goto(`${base}/lessons/${lessonId}/${route}`);
      await page.locator('.lesson-head').waitFor();
      await page.locator('main section').first().waitFor();
      if (route === 'materials') {
        // A later visit shows what the last run read from each file.
        await expect.poll(() => page.locator('li.material', { hasText: 'textbook-p82-84.pdf' }).textContent()).toMatch(/PDF，\d+ 页/);
      }
      // Nothing wider than the screen: no sideways scrolling on a tablet.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
      await shot(name);
    }
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
