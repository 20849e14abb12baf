import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/client.js';
import { files } from '../db/schema.js';
import { sha256 } from './sha256.js';

// Kept where it always was for code on other branches that imports it from here.
export { sha256 } from './sha256.js';

/**
 * Content-addressed storage for uploads and rendered outputs: a file lives at
 * files/ab/abcdef… and is written once, so nothing a user gave is ever
 * overwritten and identical uploads cost nothing.
 *
 * @example
 * const store = new FileStore(db, path.join(dataDir, 'files'));
 * const sha = await store.put(bytes, 'application/pdf');
 */
export class FileStore {
  constructor(
    private readonly db: Db,
    private readonly root: string,
  ) {}

  pathOf(sha: string): string {
    return path.join(this.root, sha.slice(0, 2), sha);
  }

  async put(bytes: Uint8Array, mediaType: string): Promise<string> {
    const sha = sha256(bytes);
    const target = this.pathOf(sha);
    try {
      await fs.access(target);
    } catch {
      await fs.mkdir(path.dirname(target), { recursive: true });
      // Write then rename: a crash mid-write must never leave a truncated file under a valid hash,
      // and two uploads of the same file at once each write their own partial file.
      const partial = `${target}.${randomUUID()}.partial`;
      await fs.writeFile(partial, bytes);
      await fs.rename(partial, target);
    }
    this.db.insert(files).values({ sha256: sha, bytes: bytes.byteLength, mediaType }).onConflictDoNothing().run();
    return sha;
  }

  async get(sha: string): Promise<Uint8Array> {
    return fs.readFile(this.pathOf(sha));
  }
}
