import { sha256 } from '../store/sha256.js';

/**
 * JSON with object keys sorted, so equal values hash equally whatever order
 * their keys were built in. `provenance` is left out: it says when and by whom
 * an artifact was made, and a step must not re-run because its input was made
 * at a different time.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => {
    if (key === 'provenance') return undefined;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return inner;
  });
}

export function hashOf(value: unknown): string {
  return sha256(canonicalJson(value));
}
