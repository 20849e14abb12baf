import type { PlanStep } from '../collab/plan-parts.js';
import { type ObservationEvent, stepOf, timeOf } from './events.js';
import { DEFAULT_ST_SETTINGS, type StCode, type StFigures, type StSettings, stFigures } from './st-analysis.js';

export interface InteractionCounts {
  teacherQuestions: number;
  studentAnswers: number;
  studentQuestions: number;
}

export interface StepRecord {
  stepId: string;
  /** Minutes between this step's starts and stops; null when the observer never marked it. */
  taughtMinutes: number | null;
  st: StFigures | null;
  interactions: InteractionCounts;
  notes: { text: string; at: string }[];
}

/** One observer's record of a lesson, computed from her events. */
export interface ObserverRecord {
  /** Tablet time of the first and last event. */
  startedAt: string | null;
  endedAt: string | null;
  st: StFigures | null;
  /** Every sample in time order with the step it fell in, for the S-T table. */
  samples: { at: string; code: StCode; stepId: string | null }[];
  /** Samples the observer marked as missed (prompted, not answered in time): not in the figures, said in the warnings. */
  missedSamples: number;
  interactions: InteractionCounts;
  /** Distinct students who answered or asked (by seat or number); null when no speaker was recorded. */
  studentsSpoke: number | null;
  /** Engaged groups / groups over all scans of group work; null without a scan. */
  groupEngagement: number | null;
  groupScans: number;
  steps: StepRecord[];
  /** Steps, samples or notes naming a step the taught version does not have. */
  warnings: string[];
}

const zero = (): InteractionCounts => ({ teacherQuestions: 0, studentAnswers: 0, studentQuestions: 0 });
const KEY = { 'teacher-question': 'teacherQuestions', 'student-answer': 'studentAnswers', 'student-question': 'studentQuestions' } as const;

/** The events that count: retracted ones and the retractions themselves removed, the rest in tablet-time order (ties by id). */
export function effectiveEvents(events: readonly ObservationEvent[]): ObservationEvent[] {
  const retracted = new Set(events.flatMap((e) => (e.kind === 'retract' ? [e.eventId] : [])));
  return events
    .filter((e) => e.kind !== 'retract' && !retracted.has(e.id))
    .sort((a, b) => timeOf(a) - timeOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** When each step ran: a start ends the running step; a stop ends its own step; a step still running ends at the last event. */
function stepSegments(events: readonly ObservationEvent[]): { stepId: string; from: number; to: number }[] {
  const segments: { stepId: string; from: number; to: number }[] = [];
  let running = null as { stepId: string; from: number } | null;
  for (const event of events) {
    const at = timeOf(event);
    if (event.kind === 'step-start') {
      if (running?.stepId === event.stepId) continue;
      if (running) segments.push({ ...running, to: at });
      running = { stepId: event.stepId, from: at };
    } else if (event.kind === 'step-stop' && running?.stepId === event.stepId) {
      segments.push({ ...running, to: at });
      running = null;
    }
  }
  const last = events.at(-1);
  if (running && last) segments.push({ ...running, to: timeOf(last) });
  return segments;
}

/**
 * One observer's figures from her events (any order, retractions applied)
 * against the taught version's steps.
 *
 * @example
 * const record = observerRecord(events, planSteps(version.json));
 * record.st?.rt; record.steps.find((s) => s.stepId === 'S3')?.taughtMinutes;
 */
export function observerRecord(
  events: readonly ObservationEvent[],
  steps: readonly PlanStep[],
  settings: StSettings = DEFAULT_ST_SETTINGS,
): ObserverRecord {
  const ordered = effectiveEvents(events);
  const known = new Set(steps.map((s) => s.id));
  const warnings = new Set<string>();
  for (const event of ordered) {
    const step = stepOf(event);
    if (step && !known.has(step)) warnings.add(`记录中的环节 ${step} 不在所授版本的教学过程中`);
  }
  const segments = stepSegments(ordered);
  const runningAt = (at: number) => segments.find((s) => s.from <= at && at < s.to)?.stepId ?? null;
  const stepAt = (event: ObservationEvent) => stepOf(event) ?? runningAt(timeOf(event));

  const samples = ordered.flatMap((e) => (e.kind === 'sample' ? [{ at: e.at, code: e.code, stepId: stepAt(e) }] : []));
  const missedSamples = ordered.filter((e) => e.kind === 'sample-missed').length;
  if (missedSamples > 0) warnings.add(`有 ${missedSamples} 次 S-T 采样漏记，未计入 S-T 分析`);
  const interactions = zero();
  const speakers = new Set<string>();
  let engaged = 0;
  let groups = 0;
  let groupScans = 0;
  const perStep = new Map<string, StepRecord>(
    steps.map((s) => [s.id, { stepId: s.id, taughtMinutes: null, st: null, interactions: zero(), notes: [] }]),
  );
  for (const event of ordered) {
    const step = perStep.get(stepAt(event) ?? '');
    if (event.kind === 'interaction') {
      interactions[KEY[event.type]] += 1;
      if (step) step.interactions[KEY[event.type]] += 1;
      if (event.type !== 'teacher-question' && event.speaker) speakers.add(event.speaker);
    } else if (event.kind === 'group-work') {
      engaged += event.engaged;
      groups += event.groups;
      groupScans += 1;
    } else if (event.kind === 'note' && step) {
      step.notes.push({ text: event.text, at: event.at });
    }
  }
  for (const step of perStep.values()) {
    const ms = segments.filter((s) => s.stepId === step.stepId).reduce((sum, s) => sum + (s.to - s.from), 0);
    step.taughtMinutes = segments.some((s) => s.stepId === step.stepId) ? ms / 60_000 : null;
    step.st = stFigures(
      samples.filter((s) => s.stepId === step.stepId).map((s) => s.code),
      settings,
    );
  }
  return {
    startedAt: ordered[0]?.at ?? null,
    endedAt: ordered.at(-1)?.at ?? null,
    st: stFigures(
      samples.map((s) => s.code),
      settings,
    ),
    samples,
    missedSamples,
    interactions,
    studentsSpoke: speakers.size > 0 ? speakers.size : null,
    groupEngagement: groups > 0 ? engaged / groups : null,
    groupScans,
    steps: [...perStep.values()],
    warnings: [...warnings],
  };
}
