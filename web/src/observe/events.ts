import type { components } from '../api/schema.js';

/** What the tablet records and sends (the server's `ObservationEvent`, from the OpenAPI document). */
export type ObservationEvent = components['schemas']['ObservationEventBatch']['events'][number];
export type EventBatchResult = components['schemas']['ObservationEventBatchResult'];
export type Observation = components['schemas']['Observation'];

/** An event as the tablet makes it: everything but its id and time, which `stamp` adds. */
export type EventDraft = ObservationEvent extends infer E ? (E extends ObservationEvent ? Omit<E, 'id' | 'at'> : never) : never;

/**
 * A fresh event id. `crypto.randomUUID` exists only on https or localhost, and
 * a school's tablets reach the service over plain http on the LAN, so the id
 * is made from `getRandomValues`, which every context has.
 *
 * @example
 * newEventId(); // 'e-3f9c0a7b12d45e60'
 */
export function newEventId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return `e-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The tablet's clock time with its own offset ("2025-03-12T09:01:30+08:00"), as the server asks for. */
export function tabletTime(ms: number): string {
  const date = new Date(ms);
  const offset = -date.getTimezoneOffset();
  const two = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${offset >= 0 ? '+' : '-'}${two(offset / 60)}:${two(offset % 60)}`;
}

/** A recorded event: the draft with a new id and the time it happened. */
export function stamp(draft: EventDraft, ms: number, id = newEventId()): ObservationEvent {
  return { id, at: tabletTime(ms), ...draft } as ObservationEvent;
}
