import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { api, whenSignedOut } from '../src/api/client.js';
import { createAppRouter } from '../src/router.js';
import { nextAfterSignIn } from '../src/session/next-page.js';
import SignInPage from '../src/session/SignInPage.vue';
import { loadSession, session, signIn, signOut } from '../src/session/session.js';
import { validateSetup } from '../src/session/setup-form.js';

const SESSION = {
  user: { id: 'u1', username: 'wang.li', displayName: '王丽', admin: false, disabled: false, createdAt: '2026-01-01T00:00:00Z' },
  groups: [],
  csrfToken: 'csrf-123',
  expiresAt: null,
};

/** A fetch that records each request and answers from a table of "METHOD path" → response. */
function fakeService(answers: Record<string, () => Response>) {
  const seen: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    seen.push(request);
    const answer = answers[`${request.method} ${new URL(request.url).pathname}`];
    return answer ? answer() : Response.json({ error: { code: 'not-found', message: '没有' } }, { status: 404 });
  });
  return seen;
}

describe('signing in', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    whenSignedOut(() => {});
  });

  it('sends the CSRF token it got at sign-in on every change, never on reads, and forgets it on sign-out', async () => {
    const seen = fakeService({
      'POST /api/auth/login': () => Response.json(SESSION),
      'GET /api/lessons': () => Response.json([]),
      'POST /api/lessons': () => Response.json({}, { status: 201 }),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    await signIn('wang.li', 'password-123');
    expect(session.user?.displayName).toBe('王丽');
    await api.GET('/api/lessons');
    await api.POST('/api/lessons', { body: { title: '周长', subject: '数学', grade: 3 } });
    await signOut();
    expect(seen.map((r) => [r.method, new URL(r.url).pathname, r.headers.get('x-csrf-token')])).toEqual([
      ['POST', '/api/auth/login', null],
      ['GET', '/api/lessons', null],
      ['POST', '/api/lessons', 'csrf-123'],
      ['POST', '/api/auth/logout', 'csrf-123'],
    ]);
    expect(session.user).toBeNull();
  });

  it('treats a 401 on any call but signing in as the end of the session', async () => {
    fakeService({
      'GET /api/auth/session': () => Response.json(SESSION),
      'GET /api/lessons': () => Response.json({ error: { code: 'unauthenticated', message: '登录已过期，请重新登录' } }, { status: 401 }),
      'POST /api/auth/login': () => Response.json({ error: { code: 'bad-credentials', message: '登录名或密码错误' } }, { status: 401 }),
    });
    const ended = vi.fn();
    whenSignedOut(ended);
    await loadSession();
    await expect(signIn('wang.li', 'wrong')).rejects.toThrow('登录名或密码错误。');
    expect(ended).not.toHaveBeenCalled();
    await api.GET('/api/lessons');
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('sends a visitor who is not signed in to the sign-in page, remembering where she was going', async () => {
    fakeService({
      'GET /api/auth/session': () => Response.json({ error: { code: 'unauthenticated', message: '请先登录' } }, { status: 401 }),
      'GET /api/setup': () => Response.json({ needed: true }),
    });
    await loadSession();
    const router = createAppRouter(createMemoryHistory());
    await router.push('/lessons/abc/plan');
    expect(router.currentRoute.value.name).toBe('sign-in');
    expect(router.currentRoute.value.query.next).toBe('/lessons/abc/plan');

    const wrapper = mount(SignInPage, { global: { plugins: [router] } });
    await flushPromises();
    expect(wrapper.text()).toContain('这台备课服务还没有管理员');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('#sign-in-username-error').text()).toBe('请填写登录名');
  });

  it('goes back only to a page of this app after signing in', () => {
    expect(nextAfterSignIn('/lessons/abc/plan')).toBe('/lessons/abc/plan');
    expect(nextAfterSignIn('//evil.example/x')).toBe('/');
    expect(nextAfterSignIn('https://evil.example')).toBe('/');
    expect(nextAfterSignIn(undefined)).toBe('/');
  });

  it('checks the first admin’s form as the service would, in Chinese', () => {
    expect(validateSetup({ username: 'wang li', displayName: '', password: 'short', repeat: '' })).toEqual({
      username: '登录名只能用字母、数字和 . _ -，2 到 40 个字符',
      displayName: '请填写姓名',
      password: '密码至少 8 位',
    });
    expect(validateSetup({ username: 'admin', displayName: '刘校长', password: 'password-1', repeat: 'password-2' })).toEqual({
      repeat: '两次输入的密码不一样',
    });
  });
});
