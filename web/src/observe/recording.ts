import type { ObservationEvent } from './events.js';

/** A plan step (环节) as the recorder shows it. */
export interface RecorderStep {
  id: string;
  name: string;
  minutes: number;
}

export interface StepSegment {
  stepId: string;
  from: number;
  /** null while the step is still running. */
  to: number | null;
}

/** What the screen shows, computed from the events recorded on this tablet. */
export interface Recording {
  /** When the first step started: the S-T samples are counted from here. */
  startedAt: number | null;
  running: { stepId: string; since: number } | null;
  segments: StepSegment[];
  /** Answered samples and missed ones by slot (1 = the first prompt after `startedAt`). */
  samples: Map<number, 'T' | 'S' | 'D' | 'missed'>;
  teacherQuestions: number;
  studentAnswers: number;
  studentQuestions: number;
  /** Distinct students who answered or asked (the speakers she marked as a new student). */
  studentsSpoke: number;
  groupScans: { groups: number; engaged: number }[];
  notes: { stepId: string; text: string; at: string }[];
  /** The newest event that can still be taken back, if any. */
  lastUndoable: ObservationEvent | null;
}

const ms = (event: Pick<ObservationEvent, 'at'>) => Date.parse(event.at);

/**
 * The recording so far, from the events in the order the tablet made them,
 * with retracted ones left out — the same rules the server's report uses
 * (a start ends the running step, a stop ends its own step), so what she
 * sees is what the report will say.
 *
 * @example
 * const rec = recordingOf(queue.events(), 30);
 * rec.running?.stepId; rec.samples.get(3); // 'T'
 */
export function recordingOf(events: readonly ObservationEvent[], intervalSec: number): Recording {
  const retracted = new Set(events.flatMap((e) => (e.kind === 'retract' ? [e.eventId] : [])));
  const live = events.filter((e) => e.kind !== 'retract' && !retracted.has(e.id)).sort((a, b) => ms(a) - ms(b));
  const rec: Recording = {
    startedAt: null,
    running: null,
    segments: [],
    samples: new Map(),
    teacherQuestions: 0,
    studentAnswers: 0,
    studentQuestions: 0,
    studentsSpoke: 0,
    groupScans: [],
    notes: [],
    lastUndoable: null,
  };
  const speakers = new Set<string>();
  for (const event of live) {
    const at = ms(event);
    if (event.kind === 'step-start') {
      rec.startedAt ??= at;
      if (rec.running?.stepId === event.stepId) continue;
      if (rec.running) rec.segments.push({ stepId: rec.running.stepId, from: rec.running.since, to: at });
      rec.running = { stepId: event.stepId, since: at };
    } else if (event.kind === 'step-stop' && rec.running?.stepId === event.stepId) {
      rec.segments.push({ stepId: event.stepId, from: rec.running.since, to: at });
      rec.running = null;
    } else if (event.kind === 'sample' || event.kind === 'sample-missed') {
      if (rec.startedAt === null) continue;
      rec.samples.set(slotOf(at, rec.startedAt, intervalSec), event.kind === 'sample' ? event.code : 'missed');
    } else if (event.kind === 'interaction') {
      if (event.type === 'teacher-question') rec.teacherQuestions += 1;
      else if (event.type === 'student-answer') rec.studentAnswers += 1;
      else rec.studentQuestions += 1;
      if (event.type !== 'teacher-question' && event.speaker) speakers.add(event.speaker);
    } else if (event.kind === 'group-work') {
      rec.groupScans.push({ groups: event.groups, engaged: event.engaged });
    } else if (event.kind === 'note') {
      rec.notes.push({ stepId: event.stepId, text: event.text, at: event.at });
    }
  }
  if (rec.running) rec.segments.push({ stepId: rec.running.stepId, from: rec.running.since, to: null });
  rec.studentsSpoke = speakers.size;
  // Undo takes back a tap (a sample, a count, a note), never a step change: those are corrected by starting the right step.
  rec.lastUndoable = [...events].reverse().find((e) => UNDOABLE.has(e.kind) && !retracted.has(e.id)) ?? null;
  return rec;
}

const UNDOABLE = new Set<ObservationEvent['kind']>(['sample', 'interaction', 'group-work', 'note']);

/** The sampling slot a time falls on: the tablet stamps each sample with its slot's due time. */
export const slotOf = (at: number, startedAt: number, intervalSec: number) => Math.round((at - startedAt) / (intervalSec * 1000));

/** Milliseconds a step has run in total (every time it ran), up to `now` for the running one. */
export function stepElapsedMs(rec: Recording, stepId: string, now: number): number {
  return rec.segments.filter((s) => s.stepId === stepId).reduce((sum, s) => sum + ((s.to ?? now) - s.from), 0);
}

/** The next student's speaker mark: "新1", "新2" … — a number, never a name, counted for 发言学生. */
export const nextSpeaker = (rec: Recording) => `新${rec.studentsSpoke + 1}`;
