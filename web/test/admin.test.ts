import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import AccountPage from '../src/admin/AccountPage.vue';
import { validateGroup, validatePasswordChange, validateUser } from '../src/admin/account-forms.js';
import GroupsPage from '../src/admin/GroupsPage.vue';
import UsersPage from '../src/admin/UsersPage.vue';
import { createAppRouter } from '../src/router.js';
import { loadSession } from '../src/session/session.js';

const ADMIN = { id: 'a1', username: 'admin', displayName: '刘校长', admin: true, disabled: false, createdAt: '2026-01-01T00:00:00Z' };
const TEACHER = { id: 'u1', username: 'wang.li', displayName: '王丽', admin: false, disabled: false, createdAt: '2026-01-02T00:00:00Z' };
const GROUP = {
  id: 'g1',
  name: '三年级数学教研组',
  school: '城关小学',
  subject: '数学',
  gradeFrom: 3,
  gradeTo: 4,
  createdAt: '2026-01-03T00:00:00Z',
};

type Answer = (request: Request, body: unknown) => Response;

/** A fetch answering from a table of "METHOD path" → answer, recording each request with its JSON body. */
function fakeService(answers: Record<string, Answer>) {
  const seen: { method: string; path: string; body: unknown; csrf: string | null }[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    const path = new URL(request.url).pathname;
    const text = await request.text();
    const body = text ? JSON.parse(text) : undefined;
    seen.push({ method: request.method, path, body, csrf: request.headers.get('x-csrf-token') });
    const answer = answers[`${request.method} ${path}`];
    return answer ? answer(request, body) : Response.json({ error: { code: 'not-found', message: `没有 ${path}` } }, { status: 404 });
  });
  return seen;
}

const sessionOf = (user: typeof ADMIN) => () => Response.json({ user, groups: [], csrfToken: 'csrf-1', expiresAt: null });

async function mountAt<T>(path: string, component: T, answers: Record<string, Answer>, user = ADMIN) {
  const seen = fakeService({ 'GET /api/auth/session': sessionOf(user), ...answers });
  await loadSession();
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  const wrapper = mount(component as never, { global: { plugins: [router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, seen, router };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('account forms', () => {
  it('checks a new user, a group and a password change as the service would, in Chinese', () => {
    expect(validateUser({ username: 'wang li', displayName: '', password: 'short', admin: false })).toEqual({
      username: '登录名只能用字母、数字和 . _ -，2 到 40 个字符',
      displayName: '请填写姓名',
      password: '密码至少 8 位',
    });
    expect(validateUser({ username: 'wang.li', displayName: '王丽', password: 'password-1', admin: false })).toEqual({});
    expect(validateGroup({ name: ' ', school: '城关小学', subject: '数学', gradeFrom: '5', gradeTo: '3' })).toEqual({
      name: '请填写教研组名称',
      gradeTo: '结束年级不能低于起始年级',
    });
    expect(validatePasswordChange({ current: 'old-pass-1', password: 'old-pass-1', repeat: 'old-pass-1' })).toEqual({
      password: '新密码不能和当前密码一样',
    });
    expect(validatePasswordChange({ current: 'old-pass-1', password: 'new-pass-1', repeat: 'new-pass-2' })).toEqual({
      repeat: '两次输入的新密码不一样',
    });
  });
});

describe('users page', () => {
  it('tells a teacher who is not an admin, in a sentence, and asks the service nothing', async () => {
    const { wrapper, seen } = await mountAt('/admin/users', UsersPage, {}, TEACHER);
    const alert = wrapper.find('[role="alert"]');
    expect(alert.text()).toContain('只有管理员可以管理用户和教研组。');
    expect(alert.text()).toContain('请用管理员账号登录');
    expect(seen.map((r) => r.path)).toEqual(['/api/auth/session']);
  });

  it('says the service’s 403 as an admin page’s sentence, not the lesson pages’ advice', async () => {
    const { wrapper } = await mountAt('/admin/users', UsersPage, {
      'GET /api/users': () => Response.json({ error: { code: 'forbidden', message: '只有管理员可以管理用户和教研组' } }, { status: 403 }),
    });
    const alert = wrapper.find('[role="alert"]');
    expect(alert.text()).toContain('只有管理员可以管理用户和教研组。');
    expect(alert.text()).not.toContain('主备或组长');
    expect(alert.text()).not.toContain('{');
  });

  it('adds a user with a role, resets a password and disables only after asking', async () => {
    const { wrapper, seen } = await mountAt('/admin/users', UsersPage, {
      'GET /api/users': () => Response.json([ADMIN]),
      'POST /api/users': (_r, body) => Response.json({ ...TEACHER, ...(body as object), id: 'u1' }, { status: 201 }),
      'PATCH /api/users/u1': (_r, body) => Response.json({ ...TEACHER, ...(body as object) }),
    });
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('#user-username-error').text()).toBe('请填写登录名');
    expect(document.activeElement?.id).toBe('user-username');
    await wrapper.find('#user-username').setValue('wang.li');
    await wrapper.find('#user-displayName').setValue('王丽');
    await wrapper.find('#user-password').setValue('first-pass-1');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(seen.find((r) => r.method === 'POST')).toMatchObject({
      path: '/api/users',
      body: { username: 'wang.li', displayName: '王丽', password: 'first-pass-1', admin: false },
      csrf: 'csrf-1',
    });
    expect(wrapper.find('[role="status"]').text()).toContain('已添加用户 王丽（登录名 wang.li）');

    const row = () => wrapper.find('tr[data-user="wang.li"]');
    await row()
      .findAll('button')
      .find((b) => b.text() === '重设密码')!
      .trigger('click');
    await row().find('input').setValue('short');
    await row().find('form').trigger('submit');
    expect(row().find('.field-error').text()).toBe('密码至少 8 位');
    await row().find('input').setValue('second-pass-2');
    await row().find('form').trigger('submit');
    await flushPromises();
    expect(seen.at(-1)).toMatchObject({ method: 'PATCH', path: '/api/users/u1', body: { password: 'second-pass-2' } });

    await row()
      .findAll('button')
      .find((b) => b.text() === '停用')!
      .trigger('click');
    expect(seen.at(-1)?.method).toBe('PATCH');
    expect(seen.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    await row()
      .findAll('button')
      .find((b) => b.text() === '确认停用')!
      .trigger('click');
    await flushPromises();
    expect(seen.at(-1)).toMatchObject({ method: 'PATCH', body: { disabled: true } });
    expect(row().text()).toContain('已停用');
  });
});

describe('groups page', () => {
  it('creates a 教研组, opens it, and adds a member with her role', async () => {
    let members: { userId: string; username: string; displayName: string; role: string }[] = [];
    const { wrapper, seen, router } = await mountAt('/admin/groups', GroupsPage, {
      'GET /api/groups': () => Response.json([]),
      'GET /api/users': () => Response.json([ADMIN, TEACHER]),
      'POST /api/groups': (_r, body) => Response.json({ ...GROUP, ...(body as object) }, { status: 201 }),
      'GET /api/groups/g1': () => Response.json({ ...GROUP, members }),
      'PUT /api/groups/g1/members/u1': (_r, body) => {
        members = [{ userId: 'u1', username: 'wang.li', displayName: '王丽', role: (body as { role: string }).role }];
        return Response.json({ ...GROUP, members });
      },
    });
    expect(wrapper.text()).toContain('还没有教研组');
    await wrapper.find('#group-name').setValue('三年级数学教研组');
    await wrapper.find('#group-school').setValue('城关小学');
    await wrapper.find('#group-subject').setValue('数学');
    await wrapper.find('#group-gradeFrom').setValue('4');
    await wrapper.find('#group-gradeTo').setValue('3');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('#group-gradeTo-error').text()).toBe('结束年级不能低于起始年级');
    await wrapper.find('#group-gradeFrom').setValue('3');
    await wrapper.find('#group-gradeTo').setValue('4');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      name: '三年级数学教研组',
      school: '城关小学',
      subject: '数学',
      gradeFrom: 3,
      gradeTo: 4,
    });
    expect(router.currentRoute.value.query.group).toBe('g1');
    expect(wrapper.find('tr[data-group="三年级数学教研组"]').text()).toContain('三年级至四年级');
    expect(wrapper.find('#members-title').text()).toBe('三年级数学教研组 的成员');

    await wrapper.find('#member-user').setValue('u1');
    await wrapper.find('#member-role').setValue('lead');
    await wrapper.find('form.add-member').trigger('submit');
    await flushPromises();
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', path: '/api/groups/g1/members/u1', body: { role: 'lead' } });
    expect((wrapper.find('#role-u1').element as HTMLSelectElement).value).toBe('lead');
    expect(wrapper.find('[role="status"]').text()).toContain('王丽 在 三年级数学教研组 的角色：主备/组长');
  });
});

describe('account page', () => {
  it('shows a new API token once, lists it without the token, and revokes it after asking', async () => {
    const row = { id: 't1', name: '区平台同步', prefix: 'lp_ab12', expiresAt: null, lastUsedAt: null, createdAt: '2026-01-04T00:00:00Z' };
    const { wrapper, seen } = await mountAt('/account', AccountPage, {
      'GET /api/auth/tokens': () => Response.json([]),
      'POST /api/auth/tokens': () => Response.json({ token: 'lp_ab12-secret-value', apiToken: row }, { status: 201 }),
      'DELETE /api/auth/tokens/t1': () => new Response(null, { status: 204 }),
    });
    await wrapper.find('.token-form').trigger('submit');
    expect(wrapper.find('#token-name-error').text()).toContain('请给令牌起个名字');
    await wrapper.find('#token-name').setValue('区平台同步');
    await wrapper.find('#token-days').setValue('');
    await wrapper.find('.token-form').trigger('submit');
    await flushPromises();
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({ name: '区平台同步' });
    expect((wrapper.find('#token-value').element as HTMLInputElement).value).toBe('lp_ab12-secret-value');
    expect(wrapper.find('tr[data-token="区平台同步"]').text()).not.toContain('secret');
    expect(wrapper.find('tr[data-token="区平台同步"]').text()).toContain('不过期');

    await wrapper.find('tr[data-token="区平台同步"] button').trigger('click');
    expect(seen.some((r) => r.method === 'DELETE')).toBe(false);
    await wrapper
      .findAll('tr[data-token="区平台同步"] button')
      .find((b) => b.text() === '确认撤销')!
      .trigger('click');
    await flushPromises();
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/auth/tokens/t1' });
    expect(wrapper.find('#token-value').exists()).toBe(false);
    expect(wrapper.text()).toContain('还没有令牌');
  });

  it('says a wrong current password as the service’s sentence', async () => {
    const { wrapper } = await mountAt('/account', AccountPage, {
      'GET /api/auth/tokens': () => Response.json([]),
      'POST /api/auth/password': () => Response.json({ error: { code: 'bad-credentials', message: '当前密码不正确' } }, { status: 403 }),
    });
    await wrapper.find('#pw-current').setValue('wrong-pass');
    await wrapper.find('#pw-password').setValue('new-pass-123');
    await wrapper.find('#pw-repeat').setValue('new-pass-123');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toBe('密码没有改：当前密码不正确。');
  });
});
