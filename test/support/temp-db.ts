import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Db, openDatabase } from '../../src/db/client.js';
import { FileStore } from '../../src/store/file-store.js';

/** A real SQLite database and file store in a fresh temporary DATA_DIR. */
export function tempDataDir(): { dir: string; db: Db; store: FileStore; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-'));
  const db = openDatabase(path.join(dir, 'lessonprep.sqlite'));
  const store = new FileStore(db, path.join(dir, 'files'));
  return {
    dir,
    db,
    store,
    cleanup() {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
