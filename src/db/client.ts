import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { isNull, sql } from 'drizzle-orm';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { packagePath } from '../paths.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens (creating if needed) the SQLite database, applies the committed
 * migrations and makes the local user, so a first start on an empty data
 * directory just works.
 *
 * @example
 * const db = openDatabase(path.join(dataDir, 'lessonprep.sqlite'));
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets the service read while a run writes; NORMAL sync is durable enough in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: packagePath('src/db/migrations') });
  ensureLocalUser(db);
  return db;
}

/**
 * The local user owns what the CLI makes on this machine (it has no password:
 * no one signs in as it), and every lesson from before accounts existed.
 * Idempotent, like the migrations.
 */
function ensureLocalUser(db: Db): void {
  db.transaction((tx) => {
    tx.insert(schema.users)
      .values({ id: schema.LOCAL_USER_ID, username: schema.LOCAL_USER_ID, displayName: '本机（命令行）', passwordHash: null })
      .onConflictDoNothing()
      .run();
    tx.update(schema.lessons).set({ ownerId: schema.LOCAL_USER_ID }).where(isNull(schema.lessons.ownerId)).run();
  });
}

/** Whether the database answers a trivial query (for the health check). */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    db.get(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
