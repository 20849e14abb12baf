import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { addUser, type SignedIn, setupAdmin, signIn } from '../support/accounts.js';
import { api, fetchAs } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-auth-'));
let service: TestService;
let admin: SignedIn;

beforeAll(async () => {
  service = await startService(dataDir, { auth: { sessionTtlMs: 3_600_000 } });
});
afterAll(async () => {
  await service.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('first start', () => {
  it('offers the setup of the first admin once, then refuses it', async () => {
    expect((await api(service.url, 'GET', '/api/setup')).body).toEqual({ needed: true });
    expect((await api(service.url, 'GET', '/api/lessons')).status).toBe(401);
    admin = await setupAdmin(service.url);
    expect((await api(admin, 'GET', '/api/auth/session')).body.user).toMatchObject({ username: 'admin', admin: true });
    expect((await api(service.url, 'GET', '/api/setup')).body).toEqual({ needed: false });
    const again = await api(service.url, 'POST', '/api/setup', { username: 'mallory', displayName: 'M', password: 'password-123' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already-set-up');
  });
});

describe('sessions', () => {
  it('sets an HttpOnly SameSite cookie and stores only a hash of its token and of the password', async () => {
    const response = await api(service.url, 'POST', '/api/auth/login', { username: 'ADMIN', password: 'password-123' });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('lessonprep_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!);
    const db = openDatabase(path.join(dataDir, 'lessonprep.sqlite'));
    try {
      const dump = JSON.stringify([db.$client.prepare('select * from sessions').all(), db.$client.prepare('select * from users').all()]);
      expect(dump).not.toContain(token);
      expect(dump).not.toContain('password-123');
      expect(dump).toContain('$argon2id$');
    } finally {
      db.$client.close();
    }
  });

  it('refuses a change without the CSRF token or from another origin, and accepts it with the token', async () => {
    const lesson = { title: '周长', subject: '数学', grade: 3 };
    const noToken = await api({ url: admin.url, cookie: admin.cookie }, 'POST', '/api/lessons', lesson);
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('csrf');
    const wrong = await api({ ...admin, csrfToken: 'x'.repeat(43) }, 'POST', '/api/lessons', lesson);
    expect(wrong.status).toBe(403);
    const foreign = await fetchAs(admin, '/api/lessons', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify(lesson),
    });
    expect(foreign.status).toBe(403);
    expect((await api(admin, 'POST', '/api/lessons', lesson)).status).toBe(201);
  });

  it('ends with sign-out: the old cookie is refused', async () => {
    const teacher = await addUser(admin, 'li.hua', '李华');
    expect((await api(teacher, 'GET', '/api/lessons')).status).toBe(200);
    expect((await api(teacher, 'POST', '/api/auth/logout')).status).toBe(204);
    const after = await api(teacher, 'GET', '/api/lessons');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('expires: a session older than its lifetime is refused', async () => {
    const teacher = await signIn(service.url, 'li.hua');
    service.advanceClock(30 * 60_000);
    expect((await api(teacher, 'GET', '/api/auth/session')).status).toBe(200);
    service.advanceClock(31 * 60_000);
    const expired = await api(teacher, 'GET', '/api/auth/session');
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toContain('过期');
  });

  it('rate-limits wrong passwords: after five, even the right one waits', async () => {
    for (let i = 0; i < 5; i++) {
      const wrong = await api(service.url, 'POST', '/api/auth/login', { username: 'li.hua', password: `wrong-${i}-pass` });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toBe('登录名或密码错误');
    }
    const limited = await api(service.url, 'POST', '/api/auth/login', { username: 'li.hua', password: 'password-123' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // An unknown name is answered like a wrong password, and another name is not blocked.
    expect((await api(service.url, 'POST', '/api/auth/login', { username: 'nobody', password: 'password-123' })).status).toBe(401);
    expect((await api(service.url, 'POST', '/api/auth/login', { username: 'admin', password: 'password-123' })).status).toBe(200);
    service.advanceClock(16 * 60_000);
    expect((await api(service.url, 'POST', '/api/auth/login', { username: 'li.hua', password: 'password-123' })).status).toBe(200);
  });

  it('changing the password signs out the other sessions', async () => {
    const laptop = await signIn(service.url, 'li.hua');
    const phone = await signIn(service.url, 'li.hua');
    const changed = await api(laptop, 'POST', '/api/auth/password', { current: 'password-123', password: 'new-password-456' });
    expect(changed.status).toBe(204);
    expect((await api(laptop, 'GET', '/api/auth/session')).status).toBe(200);
    expect((await api(phone, 'GET', '/api/auth/session')).status).toBe(401);
    expect((await api(service.url, 'POST', '/api/auth/login', { username: 'li.hua', password: 'new-password-456' })).status).toBe(200);
  });
});

describe('API tokens and accounts', () => {
  // The clock has moved past the admin's session above.
  beforeAll(async () => {
    admin = await signIn(service.url, 'admin');
  });

  it('a bearer token acts as its user without a cookie or CSRF token, until revoked', async () => {
    const made = await api(admin, 'POST', '/api/auth/tokens', { name: '区平台同步' });
    expect(made.status).toBe(201);
    const bearer = { url: service.url, bearer: made.body.token as string };
    expect((await api(bearer, 'POST', '/api/lessons', { title: '面积', subject: '数学', grade: 3 })).status).toBe(201);
    const listed = (await api(admin, 'GET', '/api/auth/tokens')).body;
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(made.body.token);
    expect((await api(admin, 'DELETE', `/api/auth/tokens/${made.body.apiToken.id}`)).status).toBe(204);
    expect((await api(bearer, 'GET', '/api/lessons')).status).toBe(401);
  });

  it('only an admin manages users; a disabled user cannot sign in; the last admin stays', async () => {
    const teacher = await signIn(service.url, 'li.hua', 'new-password-456');
    expect((await api(teacher, 'GET', '/api/users')).status).toBe(403);
    expect((await api(teacher, 'POST', '/api/users', { username: 'x1', displayName: 'x', password: 'password-123' })).status).toBe(403);
    const users = (await api(admin, 'GET', '/api/users')).body as { id: string; username: string }[];
    expect(users.map((u) => u.username)).toEqual(['admin', 'li.hua']);
    const li = users.find((u) => u.username === 'li.hua')!;
    expect((await api(admin, 'PATCH', `/api/users/${li.id}`, { disabled: true })).status).toBe(200);
    expect((await api(teacher, 'GET', '/api/lessons')).status).toBe(401);
    expect((await api(service.url, 'POST', '/api/auth/login', { username: 'li.hua', password: 'new-password-456' })).status).toBe(401);
    const last = await api(admin, 'PATCH', `/api/users/${admin.userId}`, { admin: false });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last-admin');
  });
});
