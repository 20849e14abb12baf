import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { observationEvents, observationResults, observations, reflectionDrafts, users } from '../db/schema.js';
import { canonicalJson } from '../pipeline/hash.js';
import type { ResultsInput } from './attainment.js';
import { type ObservationEvent, stepOf, timeOf } from './events.js';

export type ObservationRow = typeof observations.$inferSelect;
export type ObservationWithNames = ObservationRow & {
  teacherName: string | null;
  observers: { id: string; name: string; events: number }[];
};

/** 三（2）班, 三(2) 班 and 三(2)班 are one class: NFKC folds full-width brackets and digits, spaces go. */
export function classKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

export interface ObservationInput {
  lessonId: string;
  versionId: string;
  className: string;
  taughtOn: string;
  teacherId: string | null;
  createdBy: string;
}

/**
 * 观课 records and what observers sent for them: the repository the routes
 * use (no SQL in routes).
 *
 * @example
 * const { observation, created } = await findOrCreateObservation(db, { lessonId, versionId, className: '三(2)班', taughtOn: '2025-03-12', teacherId, createdBy });
 * await addEvents(db, observation.id, observer.id, events, new Set(['S1', 'S2']));
 */
export async function findOrCreateObservation(db: Db, input: ObservationInput): Promise<{ observation: ObservationRow; created: boolean }> {
  const key = classKey(input.className);
  return db.transaction((tx) => {
    const existing = tx
      .select()
      .from(observations)
      .where(and(eq(observations.lessonId, input.lessonId), eq(observations.classKey, key), eq(observations.taughtOn, input.taughtOn)))
      .get();
    if (existing) return { observation: existing, created: false };
    const observation = tx
      .insert(observations)
      .values({ id: randomUUID(), ...input, className: input.className.trim(), classKey: key })
      .returning()
      .get();
    return { observation, created: true };
  });
}

export async function getObservation(db: Db, id: string): Promise<ObservationRow | null> {
  return db.select().from(observations).where(eq(observations.id, id)).get() ?? null;
}

/** The observation with who taught it and who has recorded how many events. */
export async function namedObservation(db: Db, row: ObservationRow): Promise<ObservationWithNames> {
  const teacher = row.teacherId ? db.select({ name: users.displayName }).from(users).where(eq(users.id, row.teacherId)).get() : null;
  const counts = new Map<string, { id: string; name: string; events: number }>();
  for (const e of db
    .select({ id: observationEvents.observerId, name: users.displayName })
    .from(observationEvents)
    .innerJoin(users, eq(users.id, observationEvents.observerId))
    .where(eq(observationEvents.observationId, row.id))
    .orderBy(asc(observationEvents.id))
    .all()) {
    const seen = counts.get(e.id) ?? { ...e, events: 0 };
    seen.events += 1;
    counts.set(e.id, seen);
  }
  return { ...row, teacherName: teacher?.name ?? null, observers: [...counts.values()] };
}

export async function listObservations(db: Db, lessonId: string): Promise<ObservationWithNames[]> {
  const rows = db
    .select()
    .from(observations)
    .where(eq(observations.lessonId, lessonId))
    .orderBy(asc(observations.taughtOn), asc(observations.createdAt))
    .all();
  return Promise.all(rows.map((row) => namedObservation(db, row)));
}

export type EventOutcome = { id: string; status: 'stored' | 'duplicate' | 'rejected'; reason?: string };

/**
 * Stores a batch of one observer's events. Idempotent: an event whose id she
 * already sent with the same content is a duplicate and changes nothing; the
 * same id with other content is refused (the first one stands); an event
 * naming a step the taught version lacks is refused. The rest are stored,
 * whatever order they come in — the figures sort by tablet time.
 */
export async function addEvents(
  db: Db,
  observationId: string,
  observerId: string,
  events: readonly ObservationEvent[],
  knownSteps: ReadonlySet<string>,
): Promise<EventOutcome[]> {
  return db.transaction((tx) =>
    events.map((event): EventOutcome => {
      const step = stepOf(event);
      if (step && !knownSteps.has(step)) return { id: event.id, status: 'rejected', reason: `所授版本的教学过程中没有环节 ${step}` };
      const existing = tx
        .select({ event: observationEvents.event })
        .from(observationEvents)
        .where(
          and(
            eq(observationEvents.observationId, observationId),
            eq(observationEvents.observerId, observerId),
            eq(observationEvents.clientEventId, event.id),
          ),
        )
        .get();
      if (existing) {
        return canonicalJson(existing.event) === canonicalJson(event)
          ? { id: event.id, status: 'duplicate' }
          : { id: event.id, status: 'rejected', reason: `事件编号 ${event.id} 已用于另一条记录，保留先收到的那条` };
      }
      tx.insert(observationEvents)
        .values({ observationId, observerId, clientEventId: event.id, kind: event.kind, at: event.at, atMs: timeOf(event), event })
        .run();
      return { id: event.id, status: 'stored' };
    }),
  );
}

/** Each observer's events (in the order they were received; the figures sort them by tablet time). */
export async function eventsByObserver(
  db: Db,
  observationId: string,
): Promise<{ observerId: string; name: string; events: ObservationEvent[] }[]> {
  const rows = db
    .select({ observerId: observationEvents.observerId, name: users.displayName, event: observationEvents.event })
    .from(observationEvents)
    .innerJoin(users, eq(users.id, observationEvents.observerId))
    .where(eq(observationEvents.observationId, observationId))
    .orderBy(asc(observationEvents.id))
    .all();
  const byObserver = new Map<string, { observerId: string; name: string; events: ObservationEvent[] }>();
  for (const row of rows) {
    const entry = byObserver.get(row.observerId) ?? { observerId: row.observerId, name: row.name, events: [] };
    entry.events.push(row.event as ObservationEvent);
    byObserver.set(row.observerId, entry);
  }
  return [...byObserver.values()];
}

export type ResultsRow = typeof observationResults.$inferSelect;

/** Stores (or replaces) the 达标检测 results of a taught lesson. */
export async function saveResults(
  db: Db,
  observationId: string,
  results: ResultsInput,
  enteredBy: string,
  at: string,
): Promise<ResultsRow> {
  const values = { classSize: results.classSize, items: results.items, students: results.students, enteredBy, updatedAt: at };
  return db
    .insert(observationResults)
    .values({ observationId, ...values })
    .onConflictDoUpdate({ target: observationResults.observationId, set: values })
    .returning()
    .get();
}

export async function getResults(db: Db, observationId: string): Promise<ResultsRow | null> {
  return db.select().from(observationResults).where(eq(observationResults.observationId, observationId)).get() ?? null;
}

export interface DraftSection {
  key: string;
  heading: string;
  text: string;
  origin: 'template' | 'model' | 'blank';
}
export type DraftRow = Omit<typeof reflectionDrafts.$inferSelect, 'sections'> & { sections: DraftSection[] };

export async function saveDraft(
  db: Db,
  draft: {
    observationId: string;
    engine: string;
    model: string | null;
    promptVersion: string | null;
    sections: DraftSection[];
    createdBy: string;
  },
): Promise<DraftRow> {
  return db
    .insert(reflectionDrafts)
    .values({ id: randomUUID(), ...draft })
    .returning()
    .get() as DraftRow;
}

export async function getDraft(db: Db, observationId: string, id: string): Promise<DraftRow | null> {
  return (
    (db
      .select()
      .from(reflectionDrafts)
      .where(and(eq(reflectionDrafts.id, id), eq(reflectionDrafts.observationId, observationId)))
      .get() as DraftRow | undefined) ?? null
  );
}
