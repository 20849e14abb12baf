import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api/client.js';
import { cachePolicy } from '../src/offline/cache-policy.js';
import { appUpdate, registerServiceWorker } from '../src/offline/register.js';
import UpdateNotice from '../src/offline/UpdateNotice.vue';
import { confirmSession, loadSession, session, signOut } from '../src/session/session.js';

const ORIGIN = 'https://school.example';
const SESSION = {
  user: { id: 'u7', username: 'chen', displayName: '陈老师', admin: false, disabled: false, createdAt: '2026-01-01T00:00:00Z' },
  groups: [],
  csrfToken: 'csrf-7',
  expiresAt: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
  appUpdate.ready = false;
});

describe('what the service worker caches', () => {
  const ask = (method: string, mode: string, path: string, origin = ORIGIN) =>
    cachePolicy({ method, mode, url: `${origin}${path}` }, ORIGIN);

  it('page loads get the network first (the cached shell only offline); hashed code is kept', () => {
    expect(ask('GET', 'navigate', '/observations/o1/record')).toBe('shell');
    expect(ask('GET', 'navigate', '/')).toBe('shell');
    expect(ask('GET', 'cors', '/assets/RecorderPage-B3NyrbiE.js')).toBe('asset');
    expect(ask('GET', 'no-cors', '/assets/index-CCEY0o4P.css')).toBe('asset');
  });

  it('never touches the API (data, uploads, downloads), other methods or other sites', () => {
    expect(ask('GET', 'cors', '/api/observations/o1')).toBe('network');
    expect(ask('GET', 'navigate', '/api/lessons/l1/export/plan.docx')).toBe('network');
    expect(ask('GET', 'cors', '/api')).toBe('network');
    expect(ask('POST', 'cors', '/api/observations/o1/events')).toBe('network');
    expect(ask('POST', 'navigate', '/sign-in')).toBe('network');
    expect(ask('GET', 'cors', '/assets/x.js', 'https://cdn.example')).toBe('network');
    expect(ask('GET', 'no-cors', '/sw.js')).toBe('network');
  });
});

/** A stand-in for `navigator.serviceWorker`: records registrations and lets the test fire `controllerchange`. */
function fakeContainer(controlled: boolean) {
  const target = new EventTarget();
  const registered: [string, RegistrationOptions | undefined][] = [];
  const container = Object.assign(target, {
    controller: controlled ? ({ scriptURL: `${ORIGIN}/sw.js` } as ServiceWorker) : null,
    register: async (url: string, options?: RegistrationOptions) => {
      registered.push([url, options]);
      return { update: async () => undefined } as unknown as ServiceWorkerRegistration;
    },
  });
  return { container: container as unknown as ServiceWorkerContainer, registered };
}

describe('a new build', () => {
  it('registers /sw.js past the HTTP cache, and offers a reload when a new worker takes over a running page', async () => {
    const { container, registered } = fakeContainer(true);
    registerServiceWorker(container);
    if (document.readyState !== 'complete') window.dispatchEvent(new Event('load'));
    await flushPromises();
    expect(registered).toEqual([['/sw.js', { updateViaCache: 'none' }]]);
    const notice = mount(UpdateNotice);
    expect(notice.text()).toBe('');
    container.dispatchEvent(new Event('controllerchange'));
    await flushPromises();
    expect(notice.find('[role="status"] button').text()).toBe('有新版本，点此刷新');
  });

  it('says nothing when the first worker takes control of a fresh page (no old code there)', async () => {
    const { container } = fakeContainer(false);
    registerServiceWorker(container);
    container.dispatchEvent(new Event('controllerchange'));
    expect(appUpdate.ready).toBe(false);
  });
});

describe('a page opened with no network', () => {
  it('knows who signed in last on this device, and reads the session (and its CSRF token) before sending', async () => {
    let online = true;
    const seen: [string, string | null][] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      seen.push([`${request.method} ${new URL(request.url).pathname}`, request.headers.get('x-csrf-token')]);
      if (!online) throw new TypeError('Failed to fetch');
      if (request.method === 'GET') return Response.json(SESSION);
      return new Response(null, { status: 204 });
    });
    await loadSession();
    online = false;
    // A reload without the network: a fresh page would have no token; this device's copy says who she is.
    await loadSession();
    expect(session.user?.displayName).toBe('陈老师');
    expect(session.offline).toBe(true);
    await confirmSession();
    expect(session.offline).toBe(true);
    online = true;
    await confirmSession();
    expect(session.offline).toBe(false);
    await api.POST('/api/auth/logout');
    expect(seen.at(-1)).toEqual(['POST /api/auth/logout', 'csrf-7']);
  });

  it('without a copy (signed out, or never signed in here) the page is not let in', async () => {
    vi.stubGlobal('fetch', async (request: Request) => {
      if (request.method === 'POST') return new Response(null, { status: 204 });
      throw new TypeError('Failed to fetch');
    });
    await signOut();
    await expect(loadSession()).rejects.toMatchObject({ status: 0 });
    expect(session.user).toBeNull();
  });
});
