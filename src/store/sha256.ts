import { createHash } from 'node:crypto';

/** Hex SHA-256: names stored files, versions prompts and code, keys caches. Its own module so hashing loads no database code. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
