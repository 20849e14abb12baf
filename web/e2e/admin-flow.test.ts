import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, setupAdmin, signIn } from '../../test/support/accounts.js';
import { api } from '../../test/support/http.js';
import { launchBrowser, SCREENSHOTS } from './browser.js';
import { signInOnPage, startWebService, watchPage } from './web-service.js';

/**
 * The admin's afternoon, in a real Chromium against the service: she adds a
 * teacher and makes a 教研组 with her in it from the admin screens; the
 * teacher signs in, sees only her own lessons (not a colleague's private one),
 * cannot open the admin screens, and makes a lesson that belongs to the group.
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
    expect(pageErrors).toEqual([]);
  });
});
