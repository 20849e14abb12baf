import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { runEvents, runs, stepRuns } from '../db/schema.js';
import type { RunEvent } from '../pipeline/events.js';
import { STEPS } from '../pipeline/registry.js';

export type RunRow = typeof runs.$inferSelect;

export function createRun(
  db: Db,
  lessonId: string,
  options: { engine: string; model: string | null; theme: string; planVersionId?: string | null; createdBy?: string | null },
): string {
  const id = randomUUID();
  db.insert(runs)
    .values({
      id,
      lessonId,
      status: 'queued',
      planVersionId: options.planVersionId ?? null,
      createdBy: options.createdBy ?? null,
      ...options,
    })
    .run();
  return id;
}

export function getRun(db: Db, id: string): RunRow | null {
  return db.select().from(runs).where(eq(runs.id, id)).get() ?? null;
}

/** A run with every step's status, in the order of the nine steps. */
export function runView(db: Db, run: RunRow) {
  const rows = db.select().from(stepRuns).where(eq(stepRuns.runId, run.id)).all();
  return {
    ...run,
    steps: STEPS.map((step) => {
      const row = rows.find((r) => r.stepId === step.id);
      return {
        id: step.id,
        title: step.title,
        stage: step.stage,
        phase: step.phase,
        status: row?.status ?? 'pending',
        cached: row?.cached ?? false,
        artifactId: row?.artifactId ?? null,
        inputTokens: row?.inputTokens ?? 0,
        outputTokens: row?.outputTokens ?? 0,
        modelCalls: row?.modelCalls ?? 0,
        ms: row?.ms ?? 0,
        error: row?.error ?? null,
      };
    }),
  };
}
export type RunView = ReturnType<typeof runView>;

/** Runs that were waiting or under way when the service stopped: they continue on the next start. */
export function unfinishedRuns(db: Db): RunRow[] {
  return db
    .select()
    .from(runs)
    .where(inArray(runs.status, ['queued', 'running']))
    .orderBy(asc(runs.createdAt))
    .all();
}

/** Puts an interrupted run back in the queue; its finished steps stay finished. */
export function requeueRun(db: Db, id: string): void {
  db.transaction((tx) => {
    tx.update(runs).set({ status: 'queued', finishedAt: null, error: null }).where(eq(runs.id, id)).run();
    tx.update(stepRuns)
      .set({ status: 'pending', error: null })
      .where(and(eq(stepRuns.runId, id), inArray(stepRuns.status, ['running', 'cancelled'])))
      .run();
  });
}

export function activeRunOf(db: Db, lessonId: string): RunRow | null {
  return (
    db
      .select()
      .from(runs)
      .where(and(eq(runs.lessonId, lessonId), inArray(runs.status, ['queued', 'running'])))
      .orderBy(desc(runs.createdAt))
      .get() ?? null
  );
}

/** Stores the event and returns its id, which orders it among the run's events. */
export function latestRunOf(db: Db, lessonId: string): RunRow | null {
  return db.select().from(runs).where(eq(runs.lessonId, lessonId)).orderBy(desc(runs.createdAt)).get() ?? null;
}

export function appendRunEvent(db: Db, event: RunEvent): number {
  return db.insert(runEvents).values({ runId: event.runId, event }).returning({ id: runEvents.id }).get().id;
}

export function runEventsOf(db: Db, runId: string): { id: number; event: RunEvent }[] {
  return db
    .select({ id: runEvents.id, event: runEvents.event })
    .from(runEvents)
    .where(eq(runEvents.runId, runId))
    .orderBy(asc(runEvents.id))
    .all()
    .map((row) => ({ id: row.id, event: row.event as RunEvent }));
}
