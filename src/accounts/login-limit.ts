import { and, count, eq, gt, lt, min, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loginFailures } from '../db/schema.js';

/** How many wrong passwords are allowed in the window, per name from one address, and per address for all names. */
export interface LoginLimits {
  windowMs: number;
  perUsername: number;
  perAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perUsername: 5, perAddress: 30 };

/**
 * Sign-in rate limiting, kept in the database so a restart does not reset it.
 * A name is limited per address, not globally, so a stranger guessing a
 * teacher's password cannot lock her out from her own school's network.
 *
 * @example
 * const wait = await loginBlockedFor(db, { username, address, now });
 * if (wait > 0) throw tooMany(wait);
 */
export async function loginBlockedFor(
  db: Db,
  { username, address, now }: { username: string; address: string; now: Date },
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
): Promise<number> {
  const since = new Date(now.getTime() - limits.windowMs).toISOString();
  const failures = (where: SQL | undefined) =>
    db
      .select({ n: count(), first: min(loginFailures.at) })
      .from(loginFailures)
      .where(where)
      .get();
  const byName = failures(and(eq(loginFailures.username, username), eq(loginFailures.address, address), gt(loginFailures.at, since)));
  const byAddress = failures(and(eq(loginFailures.address, address), gt(loginFailures.at, since)));
  const waitFrom = (first: string | null | undefined) => (first ? new Date(first).getTime() + limits.windowMs - now.getTime() : 0);
  if ((byName?.n ?? 0) >= limits.perUsername) return Math.max(1000, waitFrom(byName?.first));
  if ((byAddress?.n ?? 0) >= limits.perAddress) return Math.max(1000, waitFrom(byAddress?.first));
  return 0;
}

export async function recordLoginFailure(
  db: Db,
  { username, address, now }: { username: string; address: string; now: Date },
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
): Promise<void> {
  db.transaction((tx) => {
    tx.delete(loginFailures)
      .where(lt(loginFailures.at, new Date(now.getTime() - limits.windowMs).toISOString()))
      .run();
    tx.insert(loginFailures).values({ username, address, at: now.toISOString() }).run();
  });
}

/** A right password clears that name's failures from that address. */
export async function clearLoginFailures(db: Db, { username, address }: { username: string; address: string }): Promise<void> {
  db.delete(loginFailures)
    .where(and(eq(loginFailures.username, username), eq(loginFailures.address, address)))
    .run();
}
