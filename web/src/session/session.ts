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
}

const state = reactive<SessionState>({ known: false, user: null, groups: [], expired: false });

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
  setCsrfToken(body.csrfToken);
}

function forget(expired: boolean): void {
  state.user = null;
  state.groups = [];
  state.expired = expired;
  state.known = true;
  setCsrfToken(null);
}

/** Reads the session from the cookie the browser holds; a 401 means nobody is signed in. */
export async function loadSession(): Promise<void> {
  try {
    accept(await ask(api.GET('/api/auth/session')));
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) return forget(false);
    throw error;
  }
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
