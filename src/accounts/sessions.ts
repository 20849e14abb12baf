import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiTokens, sessions, users } from '../db/schema.js';
import { newToken, tokenHash } from './secrets.js';
import type { UserRow } from './users.js';

/**
 * Sessions and API tokens: the two ways a request proves who sent it. Only
 * the SHA-256 of a token is stored; the token itself goes to the client once.
 *
 * @example
 * const { token } = await openSession(db, user.id, { now, ttlMs });
 * const user = await sessionUser(db, token, now);
 */
export async function openSession(db: Db, userId: string, { now, ttlMs }: { now: Date; ttlMs: number }) {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  db.transaction((tx) => {
    // Expired sessions are pruned here rather than by a timer: sign-ins are rare enough, and nothing else has to run.
    tx.delete(sessions).where(lt(sessions.expiresAt, now.toISOString())).run();
    tx.insert(sessions)
      .values({ id: tokenHash(token), userId, expiresAt, createdAt: now.toISOString() })
      .run();
  });
  return { token, expiresAt };
}

/** The enabled user of an unexpired session, or null. */
export async function sessionUser(db: Db, token: string, now: Date): Promise<UserRow | null> {
  const row = db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, tokenHash(token)), gt(sessions.expiresAt, now.toISOString()), eq(users.disabled, false)))
    .get();
  return row?.user ?? null;
}

export async function closeSession(db: Db, token: string): Promise<void> {
  db.delete(sessions)
    .where(eq(sessions.id, tokenHash(token)))
    .run();
}

/** Signs the user out everywhere (password changed, account disabled), except the session given. */
export async function closeUserSessions(db: Db, userId: string, except?: string): Promise<void> {
  const rows = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).all();
  const keep = except ? tokenHash(except) : null;
  for (const { id } of rows) if (id !== keep) db.delete(sessions).where(eq(sessions.id, id)).run();
}

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function createApiToken(
  db: Db,
  userId: string,
  input: { name: string; expiresAt: string | null },
): Promise<{ token: string; row: ApiTokenRow }> {
  const token = newToken('lp_');
  const row = db
    .insert(apiTokens)
    .values({
      id: crypto.randomUUID(),
      userId,
      name: input.name,
      tokenHash: tokenHash(token),
      prefix: token.slice(0, 7),
      expiresAt: input.expiresAt,
    })
    .returning()
    .get();
  return { token, row };
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).all();
}

export async function deleteApiToken(db: Db, userId: string, id: string): Promise<boolean> {
  return (
    db
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
      .run().changes > 0
  );
}

export async function deleteUserApiTokens(db: Db, userId: string): Promise<void> {
  db.delete(apiTokens).where(eq(apiTokens.userId, userId)).run();
}

/** The enabled user of an unexpired API token, or null; records when the token was last used. */
export async function apiTokenUser(db: Db, token: string, now: Date): Promise<UserRow | null> {
  const row = db
    .select({ user: users, token: apiTokens })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash(token)), eq(users.disabled, false)))
    .get();
  if (!row) return null;
  if (row.token.expiresAt && row.token.expiresAt <= now.toISOString()) return null;
  db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, row.token.id)).run();
  return row.user;
}
