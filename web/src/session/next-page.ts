/**
 * Where to go after signing in: the page she was sent away from, if it is one of ours (never another site).
 *
 * @example
 * nextAfterSignIn('/lessons/abc/plan') // '/lessons/abc/plan'
 * nextAfterSignIn('//evil.example')    // '/'
 */
export function nextAfterSignIn(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
