import { reactive, readonly } from 'vue';
import { api, ask, type MyGroup, type Session, setCsrfToken, type User } from '../api/client.js';
import { ApiProblem } from '../api/problem.js';

interface SessionState {
  /** Until the first answer from `/api/auth/session` the app does not know whether anyone is signed in. */
  known: boolean;
  user: User | null;
  /** Her prep groups (教研组) and her role in each. */
  groups: MyGroup[];
  /** True when the session ended under her (expired, signed out elsewhere): the sign-in page says so. */
  expired: boolean;
  /**
   * The service could not be reached when the page loaded (a reload with the
   * Wi-Fi down): `user` and `groups` are this device's copy from her last
   * sign-in, unconfirmed, so a page opened offline (the observer's recorder)
   * still knows whose queue is hers. Read again before anything is sent.
   */
  offline: boolean;
}

const state = reactive<SessionState>({ known: false, user: null, groups: [], expired: false, offline: false });
/** Who signed in last on this device (never a credential: the session cookie stays HttpOnly). */
const COPY_KEY = 'lessonprep.session.v1';

function keepCopy(body: Pick<Session, 'user' | 'groups'> | null): void {
  try {
    if (body) localStorage.setItem(COPY_KEY, JSON.stringify({ user: body.user, groups: body.groups }));
    else localStorage.removeItem(COPY_KEY);
  } catch {
    // No storage: a reload without the network goes to the sign-in page, as it did before.
  }
}

function readCopy(): Pick<Session, 'user' | 'groups'> | null {
  try {
    const copy = JSON.parse(localStorage.getItem(COPY_KEY) ?? 'null') as Pick<Session, 'user' | 'groups'> | null;
    return copy?.user?.id ? copy : null;
  } catch {
    return null;
  }
}

/**
 * Who is signed in. This module owns it: pages read `session`, and only the
 * functions below change it.
 *
 * @example
 * await loadSession();
 * if (!session.user) router.push({ name: 'sign-in' });
 */
export const session = readonly(state);

function accept(body: Session): void {
  state.user = body.user;
  state.groups = body.groups;
  state.expired = false;
  state.known = true;
  state.offline = false;
  setCsrfToken(body.csrfToken);
  keepCopy(body);
}

function forget(expired: boolean): void {
  state.user = null;
  state.groups = [];
  state.expired = expired;
  state.known = true;
  state.offline = false;
  setCsrfToken(null);
  keepCopy(null);
}

/**
 * Reads the session from the cookie the browser holds; a 401 means nobody is
 * signed in. With no network at all, this device's copy of who signed in
 * last stands in (`offline`), and `known` stays false so the next screen asks again.
 */
export async function loadSession(): Promise<void> {
  const fromCopy = state.offline;
  try {
    accept(await ask(api.GET('/api/auth/session')));
  } catch (error) {
    // Signed in on this device's copy, and the service says that session is over: the sign-in page says it expired.
    if (error instanceof ApiProblem && error.status === 401) return forget(fromCopy);
    const copy = error instanceof ApiProblem && error.status === 0 ? readCopy() : null;
    if (!copy) throw error;
    state.user = copy.user;
    state.groups = copy.groups;
    state.offline = true;
  }
}

/** Before sending anything after an offline start: the session read for real (and its CSRF token with it). */
export async function confirmSession(): Promise<void> {
  if (state.offline) await loadSession();
}

export async function signIn(username: string, password: string): Promise<void> {
  accept(await ask(api.POST('/api/auth/login', { body: { username, password } })));
}

/** Whether this service still needs its first admin (a fresh data directory). */
export async function setupNeeded(): Promise<boolean> {
  return (await ask(api.GET('/api/setup'))).needed;
}

/** Creates the first admin and signs her in. */
export async function setUp(input: { username: string; displayName: string; password: string }): Promise<void> {
  accept(await ask(api.POST('/api/setup', { body: input })));
}

/** Ends the session on the server; signed out here even when the server cannot be reached. */
export async function signOut(): Promise<void> {
  try {
    await ask(api.POST('/api/auth/logout'));
  } finally {
    forget(false);
  }
}

/**
 * A call answered 401. True when she was signed in (her session has ended
 * under her); false when nobody was (the first look at the session, a
 * visitor on the sign-in or setup page), where nothing changes.
 */
export function sessionEnded(): boolean {
  if (!state.user) return false;
  forget(true);
  return true;
}

/** Her role in a group, or null when she is not in it. */
export function roleIn(groupId: string | null): MyGroup['role'] | null {
  return state.groups.find((g) => g.id === groupId)?.role ?? null;
}
