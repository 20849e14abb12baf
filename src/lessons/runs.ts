import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { lessons, materials, runEvents, runMaterials, runs, stepRuns } from '../db/schema.js';
import type { RunEvent } from '../pipeline/events.js';
import { STEPS } from '../pipeline/registry.js';
import type { RunInputs } from '../pipeline/step.js';
import { standardsLibrary } from '../standards/library.js';
import { lessonRequest, materialInputs } from './lessons.js';
import { ownerAlive, ownerKind, ownerPid } from './run-owner.js';

export type RunRow = typeof runs.$inferSelect;

/**
 * Creates a run of the lesson and records the materials it will use: the
 * lesson's materials as they are now. A file added later belongs to the next
 * run. The CLI creates its run owned (`owner`), the service leaves it queued
 * for whichever instance claims it.
 */
export function createRun(
  db: Db,
  lessonId: string,
  options: {
    engine: string;
    model: string | null;
    theme: string;
    planVersionId?: string | null;
    createdBy?: string | null;
    owner?: { id: string; leaseMs: number };
  },
): string {
  const id = randomUUID();
  const { owner, ...settings } = options;
  db.transaction((tx) => {
    tx.insert(runs)
      .values({
        id,
        lessonId,
        status: 'queued',
        ...settings,
        planVersionId: settings.planVersionId ?? null,
        createdBy: settings.createdBy ?? null,
        owner: owner?.id ?? null,
        leaseUntil: owner ? Date.now() + owner.leaseMs : null,
      })
      .run();
    const current = tx.select().from(materials).where(eq(materials.lessonId, lessonId)).orderBy(asc(materials.position)).all();
    current.forEach((material, position) => {
      tx.insert(runMaterials)
        .values({
          runId: id,
          position,
          materialId: material.id,
          fileSha256: material.fileSha256,
          name: material.name,
          kind: material.kind,
          videoUrl: material.videoUrl,
          videoTitle: material.videoTitle,
          videoDurationSec: material.videoDurationSec,
        })
        .run();
    });
  });
  return id;
}

export function getRun(db: Db, id: string): RunRow | null {
  return db.select().from(runs).where(eq(runs.id, id)).get() ?? null;
}

/** The materials the run uses, in order, as recorded when it was created. */
export function runMaterialsOf(db: Db, runId: string) {
  return db.select().from(runMaterials).where(eq(runMaterials.runId, runId)).orderBy(asc(runMaterials.position)).all();
}

/** What the run starts from: the lesson's request and the materials recorded for the run. */
export function runInputsOf(db: Db, run: RunRow): RunInputs {
  const lesson = db.select().from(lessons).where(eq(lessons.id, run.lessonId)).get();
  if (!lesson) throw new Error(`lesson ${run.lessonId} not found`);
  const recorded = runMaterialsOf(db, run.id);
  // A run queued before runs recorded their materials (an older database) reads the lesson's, as it did then.
  const rows =
    recorded.length > 0
      ? recorded
      : db.select().from(materials).where(eq(materials.lessonId, run.lessonId)).orderBy(asc(materials.position)).all();
  // A lesson with no 课标 of its own is grounded in the school library's standards for its subject and grade.
  return standardsLibrary(db).withStandards({ request: lessonRequest(lesson), ...materialInputs(rows), theme: run.theme });
}

/** A run with every step's status, in the order of the nine steps, and the materials it used. */
export function runView(db: Db, run: RunRow) {
  const rows = db.select().from(stepRuns).where(eq(stepRuns.runId, run.id)).all();
  const { owner: _owner, leaseUntil: _lease, ...shown } = run;
  return {
    ...shown,
    materials: runMaterialsOf(db, run.id).map((m) => ({ id: m.materialId, name: m.name, kind: m.kind, sha256: m.fileSha256 })),
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

/** Runs that were waiting or under way when their owner stopped, or are still: the ones `recoverRuns` looks at. */
export function unfinishedRuns(db: Db): RunRow[] {
  return db
    .select()
    .from(runs)
    .where(inArray(runs.status, ['queued', 'running']))
    .orderBy(asc(runs.createdAt))
    .all();
}

/**
 * Takes a queued run for this owner; false when another owner took it first.
 * One UPDATE, so two service instances on one data directory never both run it.
 */
export function claimRun(db: Db, id: string, owner: string, leaseMs: number): boolean {
  return (
    db
      .update(runs)
      .set({ owner, leaseUntil: Date.now() + leaseMs })
      .where(and(eq(runs.id, id), eq(runs.status, 'queued'), isNull(runs.owner)))
      .run().changes === 1
  );
}

/** Keeps this owner's claims alive; called every third of the lease while the owner runs. */
export function renewLeases(db: Db, owner: string, leaseMs: number): void {
  db.update(runs)
    .set({ leaseUntil: Date.now() + leaseMs })
    .where(and(eq(runs.owner, owner), inArray(runs.status, ['queued', 'running'])))
    .run();
}

/** Puts a run its owner stopped on purpose (service shutdown) back in the queue; its finished steps stay finished. */
export function requeueRun(db: Db, id: string): void {
  db.transaction((tx) => {
    tx.update(runs).set({ status: 'queued', finishedAt: null, error: null, owner: null, leaseUntil: null }).where(eq(runs.id, id)).run();
    tx.update(stepRuns)
      .set({ status: 'pending', error: null })
      .where(and(eq(stepRuns.runId, id), inArray(stepRuns.status, ['running', 'cancelled'])))
      .run();
  });
}

/** Ends a run that did not get to run (cancelled in the queue, or given up on). */
export function endRun(db: Db, id: string, status: 'failed' | 'cancelled', error: string): void {
  db.update(runs).set({ status, error, finishedAt: new Date().toISOString() }).where(eq(runs.id, id)).run();
}

/** A run taken up again this many times after its process died is failed instead: something in it kills the process. */
const MAX_INTERRUPTIONS = 2;

export type Recovery =
  | { runId: string; action: 'take' }
  | { runId: string; action: 'failed'; error: string }
  | { runId: string; action: 'leave'; reason: string };

/**
 * Decides, for every unfinished run, what an owner that is starting up (or
 * looking again) does with it. A run whose owner is alive is left alone. A
 * run whose process died is an interruption: the service takes it up again,
 * unless that has happened twice already; a run of a `lessonprep` command that
 * died is failed (its output folder belongs to the command, not the service).
 * Queued runs nobody owns are taken. `resume: false` (the CLI) only fails what
 * is dead and takes nothing.
 *
 * @example
 * for (const r of recoverRuns(db, me, { resume: true })) if (r.action === 'take') queue.enqueue(r.runId);
 */
export function recoverRuns(db: Db, me: string, options: { resume: boolean }): Recovery[] {
  const decisions: Recovery[] = [];
  for (const run of unfinishedRuns(db)) {
    if (ownerAlive(run.owner, run.leaseUntil, me)) {
      if (run.owner !== me) decisions.push({ runId: run.id, action: 'leave', reason: `owned by ${run.owner}` });
      continue;
    }
    if (run.owner === null) {
      if (options.resume) decisions.push({ runId: run.id, action: 'take' });
      continue;
    }
    const interruptions = run.interruptions + 1;
    const error =
      ownerKind(run.owner) === 'cli'
        ? `命令行进程（pid ${ownerPid(run.owner)}）在生成过程中退出，这次生成没有完成；再次运行同一命令会从已完成的步骤继续`
        : interruptions >= MAX_INTERRUPTIONS
          ? `服务在这次生成过程中 ${interruptions} 次意外退出（崩溃或被强制结束），已停止重试；请检查材料后重新生成`
          : null;
    if (!options.resume && !error) continue;
    // Only if the dead owner still holds it: another instance recovering at the same moment changes nothing twice.
    const changed = db
      .update(runs)
      .set(
        error
          ? { status: 'failed', error, finishedAt: new Date().toISOString(), interruptions }
          : { status: 'queued', owner: null, leaseUntil: null, interruptions },
      )
      .where(and(eq(runs.id, run.id), eq(runs.owner, run.owner), inArray(runs.status, ['queued', 'running'])))
      .run().changes;
    if (changed === 0) continue;
    if (error) {
      db.update(stepRuns)
        .set({ status: 'cancelled', error: null })
        .where(and(eq(stepRuns.runId, run.id), inArray(stepRuns.status, ['running', 'pending'])))
        .run();
      decisions.push({ runId: run.id, action: 'failed', error });
    } else {
      db.update(stepRuns)
        .set({ status: 'pending', error: null })
        .where(and(eq(stepRuns.runId, run.id), inArray(stepRuns.status, ['running', 'cancelled'])))
        .run();
      decisions.push({ runId: run.id, action: 'take' });
    }
  }
  return decisions;
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

export function latestRunOf(db: Db, lessonId: string): RunRow | null {
  return db.select().from(runs).where(eq(runs.lessonId, lessonId)).orderBy(desc(runs.createdAt)).get() ?? null;
}

/** Stores the event and returns its id, which orders it among the run's events. */
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
