import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { planVersions } from '../db/schema.js';
import type { LessonPlan } from '../domain/index.js';
import { canonicalJson } from '../pipeline/hash.js';

export type PlanVersionRow = typeof planVersions.$inferSelect;

export function latestPlanVersion(db: Db, lessonId: string): PlanVersionRow | null {
  return db.select().from(planVersions).where(eq(planVersions.lessonId, lessonId)).orderBy(desc(planVersions.number)).get() ?? null;
}

export function getPlanVersion(db: Db, id: string): PlanVersionRow | null {
  return db.select().from(planVersions).where(eq(planVersions.id, id)).get() ?? null;
}

export function listPlanVersions(db: Db, lessonId: string): Omit<PlanVersionRow, 'json'>[] {
  return db
    .select({
      id: planVersions.id,
      lessonId: planVersions.lessonId,
      number: planVersions.number,
      label: planVersions.label,
      author: planVersions.author,
      basedOn: planVersions.basedOn,
      runId: planVersions.runId,
      createdAt: planVersions.createdAt,
    })
    .from(planVersions)
    .where(eq(planVersions.lessonId, lessonId))
    .orderBy(desc(planVersions.number))
    .all();
}

/**
 * Appends a version. Versions are never changed or deleted: an edit is a new
 * version that names the one it came from. With `skipIfSame`, a plan identical
 * to the latest version (a re-run that changed nothing) returns that version
 * instead of a duplicate; a teacher's explicit save always makes a version.
 */
export function addPlanVersion(
  db: Db,
  lessonId: string,
  plan: LessonPlan,
  meta: { label: string; author: string; basedOn: string | null; runId: string | null },
  options: { skipIfSame?: boolean } = {},
): PlanVersionRow {
  return db.transaction((tx) => {
    const latest = tx.select().from(planVersions).where(eq(planVersions.lessonId, lessonId)).orderBy(desc(planVersions.number)).get();
    if (options.skipIfSame && latest && canonicalJson(latest.json) === canonicalJson(plan)) return latest;
    return tx
      .insert(planVersions)
      .values({ id: randomUUID(), lessonId, number: (latest?.number ?? 0) + 1, json: plan, ...meta })
      .returning()
      .get();
  });
}
