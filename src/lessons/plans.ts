import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { labelRefusal, type PlanLabel, readLabel } from '../collab/labels.js';
import type { Db } from '../db/client.js';
import { planVersions, runs } from '../db/schema.js';
import type { LessonPlan } from '../domain/index.js';
import { canonicalJson } from '../pipeline/hash.js';

export type PlanVersionRow = Omit<typeof planVersions.$inferSelect, 'label'> & { label: PlanLabel };
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Writes that must happen in the same transaction as a new version. */
export type VersionAlongside = (tx: Tx, version: PlanVersionRow) => void;

/** A new version that the loop does not allow: on a locked 终案, or a label going back (共案 → 初案). */
export class PlanVersionRefused extends Error {
  constructor(
    readonly code: 'plan-final' | 'label-order' | 'not-final' | 'stale-edit',
    message: string,
  ) {
    super(message);
  }
}

const withLabel = <T extends { label: string }>(row: T) => ({ ...row, label: readLabel(row.label) });

export function latestPlanVersion(db: Db, lessonId: string): PlanVersionRow | null {
  const row = db.select().from(planVersions).where(eq(planVersions.lessonId, lessonId)).orderBy(desc(planVersions.number)).get();
  return row ? withLabel(row) : null;
}

export function getPlanVersion(db: Db, id: string): PlanVersionRow | null {
  const row = db.select().from(planVersions).where(eq(planVersions.id, id)).get();
  return row ? withLabel(row) : null;
}

/**
 * Every 环节 id any version of the lesson has had (S1 …): a step added later
 * must not take one, or comments made on a removed step would seem to be about
 * the new one.
 */
export function stepIdsUsed(db: Db, lessonId: string): Set<string> {
  const rows = db.all<{ id: string | null }>(
    sql`select distinct json_extract(step.value, '$.id') as id from ${planVersions}, json_each(${planVersions.json}, '$.process') as step where ${planVersions.lessonId} = ${lessonId}`,
  );
  return new Set(rows.flatMap((row) => (typeof row.id === 'string' ? [row.id] : [])));
}

/** A version of this lesson, or null (a version of another lesson is not found either). */
export async function lessonVersion(db: Db, lessonId: string, id: string): Promise<PlanVersionRow | null> {
  const row = db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.id, id), eq(planVersions.lessonId, lessonId)))
    .get();
  return row ? withLabel(row) : null;
}

export async function listPlanVersions(db: Db, lessonId: string): Promise<Omit<PlanVersionRow, 'json'>[]> {
  return db
    .select({
      id: planVersions.id,
      lessonId: planVersions.lessonId,
      number: planVersions.number,
      label: planVersions.label,
      author: planVersions.author,
      authorId: planVersions.authorId,
      cycle: planVersions.cycle,
      basedOn: planVersions.basedOn,
      runId: planVersions.runId,
      createdAt: planVersions.createdAt,
    })
    .from(planVersions)
    .where(eq(planVersions.lessonId, lessonId))
    .orderBy(desc(planVersions.number))
    .all()
    .map(withLabel);
}

export interface VersionMeta {
  label: PlanLabel;
  /** The name shown: the teacher's display name, or the engine for an AI draft. */
  author: string;
  /** The signed-in user; for a run's draft, left out and taken from whoever started the run. */
  authorId?: string | null;
  basedOn: string | null;
  runId: string | null;
}

/**
 * Appends a version. Versions are never changed or deleted: an edit is a new
 * version that names the one it came from. This is the one place the loop's
 * rules are kept: a 终案 is locked (only `newCycle` goes past it, and only from
 * a 终案), and labels never go back within a cycle (see `labelRefusal`).
 * With `skipIfSame`, a plan identical to the latest version (a re-run that
 * changed nothing) returns that version instead of a duplicate; a teacher's
 * explicit save always makes a version. `alongside` writes records that must
 * change with the version (an accepted comment) in the same transaction.
 */
export function addPlanVersion(
  db: Db,
  lessonId: string,
  plan: LessonPlan,
  meta: VersionMeta,
  options: {
    skipIfSame?: boolean;
    newCycle?: boolean;
    /** The version the edit started from must still be the newest: checked in the same transaction as the write. */
    basedOnLatest?: string;
    alongside?: VersionAlongside;
  } = {},
): PlanVersionRow {
  return db.transaction((tx) => {
    const latestRow = tx.select().from(planVersions).where(eq(planVersions.lessonId, lessonId)).orderBy(desc(planVersions.number)).get();
    const latest = latestRow ? withLabel(latestRow) : null;
    if (options.basedOnLatest !== undefined && latest?.id !== options.basedOnLatest) {
      throw new PlanVersionRefused('stale-edit', `教学设计已有更新的版本（第 ${latest?.number ?? 0} 版），请在最新版本上修改`);
    }
    if (options.skipIfSame && latest && canonicalJson(latest.json) === canonicalJson(plan)) return latest;
    let cycle = latest?.cycle ?? 1;
    if (options.newCycle) {
      if (latest?.label !== 'final') throw new PlanVersionRefused('not-final', '只有终案之后才能开始新一轮');
      cycle += 1;
    } else {
      const labels = tx
        .select({ label: planVersions.label })
        .from(planVersions)
        .where(and(eq(planVersions.lessonId, lessonId), eq(planVersions.cycle, cycle)))
        .orderBy(asc(planVersions.number))
        .all()
        .map((row) => readLabel(row.label));
      const refusal = labelRefusal(labels, meta.label);
      if (refusal) throw new PlanVersionRefused(labels.at(-1) === 'final' ? 'plan-final' : 'label-order', refusal);
    }
    const authorId =
      meta.authorId !== undefined
        ? meta.authorId
        : meta.runId
          ? (tx.select({ by: runs.createdBy }).from(runs).where(eq(runs.id, meta.runId)).get()?.by ?? null)
          : null;
    const version = withLabel(
      tx
        .insert(planVersions)
        .values({ id: randomUUID(), lessonId, number: (latest?.number ?? 0) + 1, json: plan, cycle, ...meta, authorId })
        .returning()
        .get(),
    );
    options.alongside?.(tx, version);
    return version;
  });
}
