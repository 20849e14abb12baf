import type { Recording } from './recording.js';

export interface SamplingRules {
  /** Seconds between prompts (the service's ST_INTERVAL_SEC, 30 by default). */
  intervalSec: number;
  /** Seconds a prompt stays open; unanswered by then, the sample is recorded as missed. */
  answerSec: number;
  /** No prompts past this long after the first step started: a tablet left on overnight does not fill the record with missed samples. */
  maxLessonMin: number;
}

/**
 * The default rules: a prompt stays open two thirds of the interval (20 s of
 * 30), long enough to look up from the notes, short enough that the answer
 * still describes the moment it asks about.
 */
export function samplingRules(intervalSec: number): SamplingRules {
  return { intervalSec, answerSec: Math.max(5, Math.round((intervalSec * 2) / 3)), maxLessonMin: 90 };
}

export interface SamplingNow {
  /** The prompt on screen, if one is open now. */
  open: { slot: number; dueAt: number; closesAt: number } | null;
  /** Slots whose prompt closed unanswered: to record as missed (with their due time). */
  missed: { slot: number; dueAt: number }[];
  /** When the next prompt opens, or null when no step runs. */
  nextDueAt: number | null;
}

/**
 * Where the S-T sampling stands at `now`. Slot k is due k intervals after
 * the first step started, and only counts while a step runs (a pause is not
 * a missed sample). A due slot without an answer is open until its window
 * closes, then missed. After a reload the same function finds every slot the
 * tablet slept through and reports it missed: nothing is guessed.
 *
 * @example
 * const s = samplingAt(recordingOf(events, 30), samplingRules(30), Date.now());
 * for (const m of s.missed) queue.add(stamp({ kind: 'sample-missed' }, m.dueAt));
 */
export function samplingAt(rec: Recording, rules: SamplingRules, now: number): SamplingNow {
  const none: SamplingNow = { open: null, missed: [], nextDueAt: null };
  if (rec.startedAt === null) return none;
  const every = rules.intervalSec * 1000;
  const last = Math.min(Math.floor((now - rec.startedAt) / every), Math.floor((rules.maxLessonMin * 60_000) / every));
  const runningAt = (t: number) => rec.segments.some((s) => s.from <= t && t < (s.to ?? Number.POSITIVE_INFINITY));
  const result: SamplingNow = { open: null, missed: [], nextDueAt: null };
  for (let slot = 1; slot <= last; slot += 1) {
    const dueAt = rec.startedAt + slot * every;
    if (rec.samples.has(slot) || !runningAt(dueAt)) continue;
    const closesAt = dueAt + rules.answerSec * 1000;
    if (now < closesAt) result.open = { slot, dueAt, closesAt };
    else result.missed.push({ slot, dueAt });
  }
  if (rec.running && last + 1 <= (rules.maxLessonMin * 60_000) / every) result.nextDueAt = rec.startedAt + (last + 1) * every;
  return result;
}
