import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { lessons, materials } from '../db/schema.js';
import type { LessonRequest, MaterialKind } from '../domain/index.js';
import type { RunInputs } from '../pipeline/step.js';

export interface MaterialRecord {
  name: string;
  sha256: string;
  kind: MaterialKind | 'transcript' | null;
  video?: { url: string | null; title: string | null; durationSec: number | null };
}

/**
 * Finds the lesson with this fingerprint or creates it for the owner, and
 * replaces its materials. The CLI names a lesson by what it was asked
 * (request + file hashes), so running the same command twice reuses one
 * lesson row.
 */
export function upsertLesson(db: Db, request: LessonRequest, fingerprint: string, files: MaterialRecord[], ownerId: string): string {
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: lessons.id })
      .from(lessons)
      .where(and(eq(lessons.fingerprint, fingerprint), eq(lessons.ownerId, ownerId)))
      .get();
    const id = existing?.id ?? randomUUID();
    if (!existing)
      tx.insert(lessons)
        .values({ id, fingerprint, ownerId, ...request })
        .run();
    tx.delete(materials).where(eq(materials.lessonId, id)).run();
    files.forEach((file, position) => {
      tx.insert(materials)
        .values({
          id: randomUUID(),
          lessonId: id,
          fileSha256: file.sha256,
          name: file.name,
          kind: file.kind ?? 'auto',
          position,
          videoUrl: file.video?.url ?? null,
          videoTitle: file.video?.title ?? null,
          videoDurationSec: file.video?.durationSec ?? null,
        })
        .run();
    });
    return id;
  });
}

/** What a run of this lesson starts from, read back from the database. */
export function loadRunInputs(db: Db, lessonId: string, theme: string): RunInputs {
  const lesson = db.select().from(lessons).where(eq(lessons.id, lessonId)).get();
  if (!lesson) throw new Error(`lesson ${lessonId} not found`);
  const rows = db.select().from(materials).where(eq(materials.lessonId, lessonId)).orderBy(asc(materials.position)).all();
  return {
    request: {
      title: lesson.title,
      subject: lesson.subject,
      grade: lesson.grade,
      periodMinutes: lesson.periodMinutes,
      edition: lesson.edition,
      unit: lesson.unit,
      classProfile: lesson.classProfile,
    },
    materials: rows
      .filter((row) => row.kind !== 'transcript')
      .map((row) => ({ name: row.name, sha256: row.fileSha256, kind: row.kind === 'auto' ? null : (row.kind as MaterialKind) })),
    videos: rows
      .filter((row) => row.kind === 'transcript')
      .map((row) => ({
        name: row.name,
        sha256: row.fileSha256,
        url: row.videoUrl,
        title: row.videoTitle,
        durationSec: row.videoDurationSec,
      })),
    theme,
  };
}

export type LessonRow = typeof lessons.$inferSelect;

/**
 * The lessons' rows for the API. Async so that a PostgreSQL backend can
 * replace SQLite behind the same signatures; who may see or change a lesson
 * is decided in src/accounts/access.ts, not here.
 *
 * @example
 * const lesson = await createLesson(db, request, { ownerId: user.id, groupId: null });
 */
export async function createLesson(db: Db, request: LessonRequest, owner: { ownerId: string; groupId: string | null }): Promise<LessonRow> {
  const id = randomUUID();
  return db
    .insert(lessons)
    .values({ id, ...request, ...owner })
    .returning()
    .get();
}

export async function getLesson(db: Db, id: string): Promise<LessonRow | null> {
  return db.select().from(lessons).where(eq(lessons.id, id)).get() ?? null;
}

/** The lessons a user owns or shares through her groups, newest first. */
export async function listLessonsOf(db: Db, userId: string, groupIds: readonly string[]): Promise<LessonRow[]> {
  const visible =
    groupIds.length > 0 ? or(eq(lessons.ownerId, userId), inArray(lessons.groupId, [...groupIds])) : eq(lessons.ownerId, userId);
  return db.select().from(lessons).where(visible).orderBy(desc(lessons.createdAt)).all();
}

export async function updateLesson(
  db: Db,
  id: string,
  changes: Partial<LessonRequest> & { groupId?: string | null },
): Promise<LessonRow | null> {
  return (
    db
      .update(lessons)
      .set({ ...changes, updatedAt: new Date().toISOString() })
      .where(eq(lessons.id, id))
      .returning()
      .get() ?? null
  );
}

/** Deletes the lesson with its materials, runs, plan versions and comments; stored files stay (other lessons may share them). */
export async function deleteLesson(db: Db, id: string): Promise<boolean> {
  return db.delete(lessons).where(eq(lessons.id, id)).run().changes > 0;
}
