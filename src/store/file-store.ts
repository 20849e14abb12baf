import { randomUUID } from 'node:crypto';
import fsSync from 'node:fs';
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

  /** Where a file is written while it arrives (an upload streamed to disk): inside the store, so taking it in is a rename. */
  incomingDir(): string {
    return path.join(this.root, 'incoming');
  }

  /** At start nothing is arriving: what an upload cut off by a crash left behind is removed. */
  clearIncoming(): void {
    fsSync.rmSync(this.incomingDir(), { recursive: true, force: true });
  }

  /**
   * Takes in a file already on disk in `incomingDir()` whose hash was computed
   * while it was written: it is renamed into place (or removed, when the store
   * already holds that content), so a large recording is never read into memory.
   */
  async adopt(file: string, sha: string, bytes: number, mediaType: string): Promise<string> {
    const target = this.pathOf(sha);
    try {
      await fs.access(target);
      await fs.rm(file, { force: true });
    } catch {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(file, target);
    }
    this.db.insert(files).values({ sha256: sha, bytes, mediaType }).onConflictDoNothing().run();
    return sha;
  }

  async get(sha: string): Promise<Uint8Array> {
    return fs.readFile(this.pathOf(sha));
  }
}
