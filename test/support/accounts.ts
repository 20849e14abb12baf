import { api, type Caller } from './http.js';

export type SignedIn = { url: string; cookie: string; csrfToken: string; userId: string; username: string };

/** The session cookie from a Set-Cookie header, as a Cookie header value. */
function sessionCookie(headers: Headers): string {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('lessonprep_session='));
  if (!cookie) throw new Error('no session cookie was set');
  return cookie.split(';')[0]!;
}

/** Signs in over HTTP and returns a caller that sends the session cookie and CSRF token. */
export async function signIn(url: string, username: string, password = 'password-123'): Promise<SignedIn> {
  const response = await api(url, 'POST', '/api/auth/login', { username, password });
  if (response.status !== 200) throw new Error(`sign-in as ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { url, cookie: sessionCookie(response.headers), csrfToken: response.body.csrfToken, userId: response.body.user.id, username };
}

/** The first-start setup: makes the first admin and returns her signed in. */
export async function setupAdmin(url: string, username = 'admin', password = 'password-123'): Promise<SignedIn> {
  const response = await api(url, 'POST', '/api/setup', { username, displayName: '管理员', password });
  if (response.status !== 201) throw new Error(`setup failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { url, cookie: sessionCookie(response.headers), csrfToken: response.body.csrfToken, userId: response.body.user.id, username };
}

/** An admin makes a user (password `password-123`) and she signs in. */
export async function addUser(admin: Caller & object, username: string, displayName = username): Promise<SignedIn> {
  const made = await api(admin, 'POST', '/api/users', { username, displayName, password: 'password-123' });
  if (made.status !== 201) throw new Error(`could not add ${username}: ${made.status} ${JSON.stringify(made.body)}`);
  return signIn(admin.url, username);
}

/** For tests that are not about accounts: a fresh service's first admin, who then works as a teacher on her own lessons. */
export async function signedInTeacher(url: string): Promise<SignedIn> {
  const admin = await setupAdmin(url);
  return addUser(admin, 'teacher', '王老师');
}

export type GroupRole = 'lead' | 'teacher' | 'observer';

/**
 * An admin makes a prep group (教研组) at 城关小学 and puts each member in it with her role; returns the
 * group's id.
 *
 * @example
 * const groupId = await prepGroup(admin, [[lead, 'lead'], [observer, 'observer']]);
 */
export async function prepGroup(
  admin: SignedIn,
  members: (readonly [SignedIn, GroupRole])[],
  { name = '三年级数学组', grade = 3 }: { name?: string; grade?: number } = {},
): Promise<string> {
  const made = await api(admin, 'POST', '/api/groups', { name, school: '城关小学', subject: '数学', gradeFrom: grade, gradeTo: grade });
  if (made.status !== 201) throw new Error(`could not make ${name}: ${made.status} ${JSON.stringify(made.body)}`);
  for (const [who, role] of members) {
    const added = await api(admin, 'PUT', `/api/groups/${made.body.id}/members/${who.userId}`, { role });
    if (added.status !== 200) throw new Error(`could not add ${who.username} to ${name}: ${added.status} ${JSON.stringify(added.body)}`);
  }
  return made.body.id;
}
