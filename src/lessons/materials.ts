import { randomUUID } from 'node:crypto';
import { asc, eq, max } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { materials } from '../db/schema.js';

export type MaterialRow = typeof materials.$inferSelect;

export function addMaterial(
  db: Db,
  lessonId: string,
  file: {
    name: string;
    sha256: string;
    kind: string;
    video: { url: string | null; title: string | null; durationSec: number | null } | null;
  },
): MaterialRow {
  return db.transaction((tx) => {
    const last = tx
      .select({ position: max(materials.position) })
      .from(materials)
      .where(eq(materials.lessonId, lessonId))
      .get();
    return tx
      .insert(materials)
      .values({
        id: randomUUID(),
        lessonId,
        fileSha256: file.sha256,
        name: file.name,
        kind: file.kind,
        position: (last?.position ?? -1) + 1,
        videoUrl: file.video?.url ?? null,
        videoTitle: file.video?.title ?? null,
        videoDurationSec: file.video?.durationSec ?? null,
      })
      .returning()
      .get();
  });
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
