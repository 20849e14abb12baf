import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { LOCAL_USER_ID, users } from '../db/schema.js';

export type UserRow = typeof users.$inferSelect;

/** A user as the API shows it: never the password hash. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  admin: boolean;
  disabled: boolean;
  createdAt: string;
}

/** The CLI's own user: owns what `lessonprep run` makes on this machine; has no password, so no one signs in as it. */
export { LOCAL_USER_ID };

export const userView = ({ passwordHash: _hash, ...user }: UserRow): User => user;

/** Sign-in names are compared without case: "Wang.Li" and "wang.li" are one account. */
export const normaliseUsername = (username: string) => username.trim().toLowerCase();

/**
 * Users, in the database. Async so that a PostgreSQL backend can replace the
 * SQLite one behind the same signatures.
 *
 * @example
 * const user = await createUser(db, { username: 'wang.li', displayName: '王丽', passwordHash, admin: false });
 */
export async function createUser(
  db: Db,
  input: { username: string; displayName: string; passwordHash: string | null; admin: boolean },
): Promise<UserRow> {
  return db
    .insert(users)
    .values({ id: randomUUID(), ...input, username: normaliseUsername(input.username) })
    .returning()
    .get();
}

export async function getUser(db: Db, id: string): Promise<UserRow | null> {
  return db.select().from(users).where(eq(users.id, id)).get() ?? null;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | null> {
  return (
    db
      .select()
      .from(users)
      .where(eq(users.username, normaliseUsername(username)))
      .get() ?? null
  );
}

/** Everyone who can sign in (the local user is not listed), by name. */
export async function listUsers(db: Db): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .orderBy(asc(users.username))
    .all()
    .filter((user) => user.id !== LOCAL_USER_ID);
}

export async function updateUser(
  db: Db,
  id: string,
  changes: Partial<Pick<UserRow, 'displayName' | 'passwordHash' | 'admin' | 'disabled'>>,
): Promise<UserRow | null> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  if (Object.keys(set).length === 0) return getUser(db, id);
  return db.update(users).set(set).where(eq(users.id, id)).returning().get() ?? null;
}

/** Whether any admin exists: the first-start setup is open until one does. */
export async function hasAdmin(db: Db): Promise<boolean> {
  return db.select({ id: users.id }).from(users).where(eq(users.admin, true)).get() !== undefined;
}

/** Admins who can still sign in: the last one cannot be disabled or lose the role. */
export async function countActiveAdmins(db: Db): Promise<number> {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.admin, true), eq(users.disabled, false)))
    .all().length;
}

/**
 * The first-start setup: creates the first admin only while there is none,
 * checked and written in one transaction so two browsers racing through the
 * setup page cannot both become admin. Null when an admin already exists.
 */
export async function createFirstAdmin(
  db: Db,
  input: { username: string; displayName: string; passwordHash: string },
): Promise<UserRow | null> {
  return db.transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.admin, true)).get()) return null;
    return tx
      .insert(users)
      .values({ id: randomUUID(), ...input, username: normaliseUsername(input.username), admin: true })
      .returning()
      .get();
  });
}
