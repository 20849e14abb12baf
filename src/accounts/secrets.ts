import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Random credentials and their stored forms. Session and API tokens are 256
 * random bits, so a plain SHA-256 is enough to store them (nothing to brute
 * force) and lets a request be looked up by its token's hash.
 *
 * @example
 * const token = newToken('lp_');      // given to the client once
 * db.insert(apiTokens).values({ tokenHash: tokenHash(token), … });
 */
export function newToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The CSRF token of a session: an HMAC of the session token, so it needs no
 * storage, changes with every sign-in, and cannot be computed by a page that
 * cannot read the HttpOnly cookie.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('lessonprep csrf').digest('base64url');
}

/** Constant-time string comparison, so a wrong token takes as long to refuse whatever it shares with the right one. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
