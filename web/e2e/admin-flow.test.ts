import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD, TEXTBOOK } from '../../test/standards/made-standard.js';
import { addUser, setupAdmin, signIn } from '../../test/support/accounts.js';
import { api } from '../../test/support/http.js';
import { launchBrowser, SCREENSHOTS } from './browser.js';
import { signInOnPage, startWebService, watchPage } from './web-service.js';

/**
 * The admin's afternoon, in a real Chromium against the service: she adds a
 * teacher and makes a 教研组 with her in it from the admin screens; the
 * teacher signs in, sees only her own lessons (not a colleague's private one),
 * cannot open the admin screens, and makes a lesson that belongs to the group.
 * The admin also keeps the school's 课标库: she drops a 课标 file in (and a
 * textbook by mistake, refused with a sentence), checks the 条目 extracted,
 * the teacher reads it but cannot change it, and the admin removes it after
 * being told what that does to lessons.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-admin-e2e-'));
let web: Awaited<ReturnType<typeof startWebService>>;
let base: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const pageErrors: string[] = [];

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
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

const signInAs = (username: string, password: string) => signInOnPage(page, base, username, password);

describe('admin flow in Chromium', { timeout: 180_000 }, () => {
  it('the admin adds a teacher and a 教研组 with her in it from the admin screens', async () => {
    await setupAdmin(base, 'admin', 'admin-password-1');
    // A colleague with a lesson she keeps to herself: the teacher must never see it.
    const admin = await signIn(base, 'admin', 'admin-password-1');
    const colleague = await addUser(admin, 'zhao.min', '赵敏');
    await api(colleague, 'POST', '/api/lessons', { title: '赵老师的课：认识分数', subject: '数学', grade: 3 });

    await signInAs('admin', 'admin-password-1');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '用户管理' }).click();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.getByLabel('登录名').fill('wang li');
    await page.getByLabel('姓名').fill('王丽');
    await page.getByLabel('初始密码').fill('first-pass-1');
    await page.getByRole('button', { name: '添加用户' }).click();
    await expect.poll(() => page.locator('#user-username-error').textContent()).toContain('登录名只能用字母');
    await page.getByLabel('登录名').fill('wang.li');
    await page.getByRole('button', { name: '添加用户' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已添加用户 王丽（登录名 wang.li）');
    await page.locator('tr[data-user="wang.li"]').waitFor();
    await shot('admin-1-users');

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '教研组管理' }).click();
    await page.getByRole('heading', { name: '新建教研组' }).waitFor();
    await page.getByLabel('教研组名称').fill('三年级数学教研组');
    await page.getByLabel('学校').fill('城关小学');
    await page.getByLabel('学科').fill('数学');
    await page.getByLabel('起始年级').selectOption({ label: '三年级' });
    await page.getByLabel('结束年级').selectOption({ label: '四年级' });
    await page.getByRole('button', { name: '建立教研组' }).click();
    await page.getByRole('heading', { name: '三年级数学教研组 的成员' }).waitFor();
    expect(await page.locator('tr[data-group="三年级数学教研组"]').textContent()).toContain('三年级至四年级');
    await page.getByLabel('添加成员').selectOption({ label: '王丽（wang.li）' });
    await page.getByLabel('角色', { exact: true }).selectOption({ label: '组员' });
    await page.getByRole('button', { name: '加入教研组' }).click();
    await page.locator('tr[data-member="wang.li"]').waitFor();
    expect(await page.getByLabel('王丽 的角色').inputValue()).toBe('teacher');
    await shot('admin-2-group');
    // A reload keeps the open group (it is in the address).
    await page.reload();
    await page.locator('tr[data-member="wang.li"]').waitFor();
  });

  it('the admin drops a 课标 into the 课标库, sees what was read, and checks its 条目', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '课标库' }).click();
    await page.getByRole('heading', { name: '学校课标库' }).waitFor();
    await page.getByText('课标库里还没有课标。').waitFor();
    await dropFiles([{ name: '分数教材.txt', text: TEXTBOOK }]);
    // Subject and 学段 first: nothing is sent without them.
    await expect.poll(() => page.locator('#standard-subject-error').textContent()).toBe('请先选择或填写学科');
    await page.getByLabel('学科').fill('数学');
    await page.getByLabel('学段').selectOption('义务教育');
    await dropFiles([
      { name: '义务教育数学课程标准.txt', text: STANDARD },
      { name: '分数教材.txt', text: TEXTBOOK },
    ]);
    const added = page.locator('.upload', { hasText: '义务教育数学课程标准.txt' });
    await expect.poll(() => added.getByRole('status').textContent()).toMatch(/已加入课标库：义务教育数学课程标准\.txt，\d+ 条。/);
    expect(await added.locator('.summary').textContent()).toContain('每节文字都清楚');
    const refused = page.locator('.upload', { hasText: '分数教材.txt' });
    await expect
      .poll(() => refused.getByRole('alert').textContent())
      .toContain('分数教材.txt 没有加入课标库：分数教材.txt: 没有识别出课标条目（课程目标、内容要求、学业要求等）');
    const row = page.locator('tr[data-standard="义务教育数学课程标准.txt"]');
    await expect.poll(() => row.textContent()).toMatch(/\d+ 条/);
    expect(await page.getByRole('heading', { name: '数学 · 义务教育' }).count()).toBe(1);
    await shot('admin-2b-standards');

    await row.getByRole('link', { name: /查看.*条目/ }).click();
    await page.getByRole('heading', { name: '义务教育数学课程标准.txt' }).waitFor();
    await page.getByRole('heading', { name: /^内容要求（\d+ 条）$/ }).waitFor();
    const fractions = page.locator('.entry', { hasText: '初步认识分数' });
    expect(await fractions.textContent()).toContain('第二学段（3～4年级）');
    // The preface is listed apart, never quoted.
    expect(await page.locator('details.other summary').textContent()).toContain('不作为课标要求引用');
    await page.getByLabel('在条目中查找').fill('时、分、秒');
    await expect.poll(() => page.locator('.entry').count()).toBe(1);
    await page.getByLabel('在条目中查找').fill('');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await shot('admin-2c-standard-entries-1280x800');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('the teacher sees only her lessons, no admin screens, and makes a lesson in the group', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/sign-in$/);
    await signInAs('wang.li', 'first-pass-1');
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('王丽');
    expect(await page.getByRole('link', { name: '用户管理' }).count()).toBe(0);
    expect(await page.getByText('赵老师的课').count()).toBe(0);

    await page.goto(`${base}/admin/users`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('只有管理员可以管理用户和教研组。');
    await shot('admin-3-teacher-refused');

    // She reads the 课标库 (its 条目 too) but cannot add or remove.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '课标库' }).click();
    await page.locator('tr[data-standard="义务教育数学课程标准.txt"]').waitFor();
    expect(await page.getByText('课标库由学校的管理员维护').count()).toBe(1);
    expect(await page.locator('#standard-files').count()).toBe(0);
    await page.getByRole('link', { name: /查看.*条目/ }).click();
    await page.getByRole('heading', { name: /^内容要求/ }).waitFor();
    expect(await page.getByRole('button', { name: /删除/ }).count()).toBe(0);

    await page.getByRole('link', { name: '我的备课' }).click();
    await page.getByRole('heading', { name: '新建一节课' }).waitFor();
    await page.getByLabel('课题', { exact: true }).fill('长方形和正方形的周长');
    await page.getByLabel('学科', { exact: true }).fill('数学');
    await page.getByLabel('年级', { exact: true }).selectOption({ label: '三年级' });
    await page.getByLabel('教研组').selectOption({ label: '城关小学 三年级数学教研组' });
    await page.getByRole('button', { name: '保存，下一步上传材料' }).click();
    await page.waitForURL(/\/lessons\/[^/]+\/materials$/);

    await page.getByRole('link', { name: '我的备课' }).click();
    const row = page.locator('tr', { hasText: '长方形和正方形的周长' });
    await expect.poll(() => row.textContent()).toContain('三年级数学教研组');
    expect(await page.getByText('赵老师的课').count()).toBe(0);
    await shot('admin-4-teacher-lessons');

    const teacher = await signIn(base, 'wang.li', 'first-pass-1');
    const lessons = (await api(teacher, 'GET', '/api/lessons')).body as { title: string; groupId: string | null }[];
    const groups = (await api(teacher, 'GET', '/api/groups')).body as { id: string; name: string; role: string }[];
    expect(groups).toMatchObject([{ name: '三年级数学教研组', role: 'teacher' }]);
    expect(lessons).toMatchObject([{ title: '长方形和正方形的周长', groupId: groups[0]!.id }]);
  });

  it('the teacher makes an API token that works once shown, and stops working when revoked', async () => {
    await page.getByTestId('signed-in-as').click();
    await page.getByRole('heading', { name: '我的账号' }).waitFor();
    await page.getByLabel('用途').fill('区平台同步');
    await page.getByRole('button', { name: '生成令牌' }).click();
    const token = await page.locator('#token-value').inputValue();
    await shot('admin-5-token');
    const bearer = { url: base, bearer: token };
    expect((await api(bearer, 'GET', '/api/lessons')).body).toMatchObject([{ title: '长方形和正方形的周长' }]);
    expect(await page.locator('tr[data-token="区平台同步"]').textContent()).not.toContain(token);

    await page.locator('tr[data-token="区平台同步"]').getByRole('button', { name: '撤销' }).click();
    await page.getByRole('button', { name: '确认撤销' }).click();
    await page.getByText('还没有令牌。').waitFor();
    expect((await api(bearer, 'GET', '/api/lessons')).status).toBe(401);
  });

  it('the admin removes the 课标 after reading what that does to the lessons citing it', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/sign-in$/);
    await signInAs('admin', 'admin-password-1');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '课标库' }).click();
    await page
      .locator('tr[data-standard="义务教育数学课程标准.txt"]')
      .getByRole('link', { name: /查看.*条目/ })
      .click();
    await page.getByRole('button', { name: '删除这份课标…' }).click();
    const confirm = page.getByRole('group', { name: /确定从课标库删除/ });
    expect(await confirm.textContent()).toContain('目前没有教学设计引用这份课标。');
    expect(await confirm.textContent()).toContain('之后生成数学（义务教育）的课时');
    await shot('admin-6-standard-remove');
    await confirm.getByRole('button', { name: '确认删除' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已从课标库删除“义务教育数学课程标准.txt”');
    await page.getByText('课标库里还没有课标。').waitFor();
    expect(pageErrors).toEqual([]);
  });
});

/** Drops files on the 课标库's drop zone as the desktop would (a DataTransfer with the files). */
async function dropFiles(files: { name: string; text: string }[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const { name, text } of list) transfer.items.add(new File([text], name, { type: 'text/plain' }));
    return transfer;
  }, files);
  await page.getByTestId('standard-drop').dispatchEvent('drop', { dataTransfer });
}
