import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { planRevisions } from '../db/schema.js';
import type { RevisionNote, TodoItem } from './revise.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type RevisionRow = Omit<typeof planRevisions.$inferSelect, 'notes' | 'todo'> & { notes: RevisionNote[]; todo: TodoItem[] };

/**
 * The record of a revision the lead asked for: what it made, its notes and to-do items.
 *
 * @example
 * addRevision(tx, { lessonId, baseVersionId, versionId, engine: 'offline', model: null, promptVersion: null, notes, todo, createdBy });
 */
export function addRevision(db: Db | Tx, row: Omit<RevisionRow, 'id' | 'createdAt'>): RevisionRow {
  return db
    .insert(planRevisions)
    .values({ id: randomUUID(), ...row })
    .returning()
    .get() as RevisionRow;
}

export async function listRevisions(db: Db, lessonId: string): Promise<RevisionRow[]> {
  return db
    .select()
    .from(planRevisions)
    .where(eq(planRevisions.lessonId, lessonId))
    .orderBy(desc(planRevisions.createdAt))
    .all() as RevisionRow[];
}
