import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, max } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { materials, runMaterials, runs } from '../db/schema.js';

export type MaterialRow = typeof materials.$inferSelect;

/**
 * Adds a file to a lesson, or returns the material that already holds the
 * same content (by SHA-256) with `duplicate: true`: uploading a file twice,
 * under any name, never makes a second copy. Immediate transaction, so two
 * uploads of one file at the same moment also end as one material.
 */
export function addMaterial(
  db: Db,
  lessonId: string,
  file: {
    name: string;
    /** The name as it came, when it had to be made safe (see `safeFileName`). */
    originalName: string | null;
    sha256: string;
    kind: string;
    video: { url: string | null; title: string | null; durationSec: number | null } | null;
  },
): { material: MaterialRow; duplicate: boolean } {
  return db.transaction(
    (tx) => {
      const existing = tx
        .select()
        .from(materials)
        .where(and(eq(materials.lessonId, lessonId), eq(materials.fileSha256, file.sha256)))
        .get();
      if (existing) return { material: existing, duplicate: true };
      const last = tx
        .select({ position: max(materials.position) })
        .from(materials)
        .where(eq(materials.lessonId, lessonId))
        .get();
      const material = tx
        .insert(materials)
        .values({
          id: randomUUID(),
          lessonId,
          fileSha256: file.sha256,
          name: file.name,
          originalName: file.originalName,
          kind: file.kind,
          position: (last?.position ?? -1) + 1,
          videoUrl: file.video?.url ?? null,
          videoTitle: file.video?.title ?? null,
          videoDurationSec: file.video?.durationSec ?? null,
        })
        .returning()
        .get();
      return { material, duplicate: false };
    },
    { behavior: 'immediate' },
  );
}

/** The lesson's material with this content, if it has one. */
export function materialWithContent(db: Db, lessonId: string, sha256: string): MaterialRow | null {
  return (
    db
      .select()
      .from(materials)
      .where(and(eq(materials.lessonId, lessonId), eq(materials.fileSha256, sha256)))
      .get() ?? null
  );
}

export function listMaterials(db: Db, lessonId: string): MaterialRow[] {
  return db.select().from(materials).where(eq(materials.lessonId, lessonId)).orderBy(asc(materials.position)).all();
}

export function getMaterial(db: Db, id: string): MaterialRow | null {
  return db.select().from(materials).where(eq(materials.id, id)).get() ?? null;
}

/** Removes the material from its lesson; the stored file stays, as other lessons or past runs may use it. */
export function deleteMaterial(db: Db, id: string): boolean {
  return db.delete(materials).where(eq(materials.id, id)).run().changes > 0;
}

/**
 * The file a plan's citation names (`SourceRef.file`), among the lesson's
 * materials or, once removed from the lesson, the files its runs read: a
 * plan keeps citing a file after the material is gone. Null when the lesson
 * never had a file of that name.
 *
 * @example
 * lessonFileNamed(db, lessonId, '数学三上.pdf')?.sha256
 */
export function lessonFileNamed(
  db: Db,
  lessonId: string,
  name: string,
): { sha256: string; name: string; kind: string; materialId: string | null } | null {
  const material = db
    .select()
    .from(materials)
    .where(and(eq(materials.lessonId, lessonId), eq(materials.name, name)))
    .get();
  if (material) return { sha256: material.fileSha256, name: material.name, kind: material.kind, materialId: material.id };
  const used = db
    .select({ sha256: runMaterials.fileSha256, name: runMaterials.name, kind: runMaterials.kind })
    .from(runMaterials)
    .innerJoin(runs, eq(runs.id, runMaterials.runId))
    .where(and(eq(runs.lessonId, lessonId), eq(runMaterials.name, name)))
    .orderBy(desc(runs.createdAt))
    .get();
  return used ? { ...used, materialId: null } : null;
}
