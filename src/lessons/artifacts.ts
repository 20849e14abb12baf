import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { artifacts, lessons, runs, stepRuns } from '../db/schema.js';
import type { StepId, StepOutputs } from '../pipeline/step.js';

export type ArtifactRow = typeof artifacts.$inferSelect;

/**
 * The newest artifact of each step among the lesson's runs, with its version:
 * how many different artifacts that step has produced for this lesson.
 */
export function latestArtifacts(db: Db, lessonId: string) {
  const rows = db
    .select({ artifact: artifacts, runId: runs.id, finishedAt: stepRuns.finishedAt })
    .from(stepRuns)
    .innerJoin(runs, eq(runs.id, stepRuns.runId))
    .innerJoin(artifacts, eq(artifacts.id, stepRuns.artifactId))
    .where(and(eq(runs.lessonId, lessonId), eq(stepRuns.status, 'succeeded')))
    .orderBy(desc(stepRuns.finishedAt))
    .all();
  const latest = new Map<string, { artifact: ArtifactRow; runId: string; version: number }>();
  for (const row of rows) {
    const seen = new Set(rows.filter((r) => r.artifact.stepId === row.artifact.stepId).map((r) => r.artifact.id));
    if (!latest.has(row.artifact.stepId)) latest.set(row.artifact.stepId, { artifact: row.artifact, runId: row.runId, version: seen.size });
  }
  return [...latest.values()];
}

export function latestArtifactJson<Id extends StepId>(db: Db, lessonId: string, stepId: Id): StepOutputs[Id] | null {
  const hit = latestArtifacts(db, lessonId).find((a) => a.artifact.stepId === stepId);
  return (hit?.artifact.json as StepOutputs[Id] | undefined) ?? null;
}

export function getArtifact(db: Db, id: string): ArtifactRow | null {
  return db.select().from(artifacts).where(eq(artifacts.id, id)).get() ?? null;
}

/** The lessons whose runs made or reused this artifact (identical inputs share one artifact across lessons). */
export async function lessonsOfArtifact(db: Db, artifactId: string): Promise<{ ownerId: string | null; groupId: string | null }[]> {
  return db
    .selectDistinct({ id: lessons.id, ownerId: lessons.ownerId, groupId: lessons.groupId })
    .from(stepRuns)
    .innerJoin(runs, eq(runs.id, stepRuns.runId))
    .innerJoin(lessons, eq(lessons.id, runs.lessonId))
    .where(eq(stepRuns.artifactId, artifactId))
    .all();
}
