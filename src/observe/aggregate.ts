import type { PlanStep } from '../collab/plan-parts.js';
import type { ObserverRecord } from './record.js';
import { DEFAULT_ST_SETTINGS, type StSettings, type TeachingMode, teachingMode } from './st-analysis.js';
import { type Stat, stat } from './stats.js';

export interface ObserverSummary {
  observerId: string;
  name: string;
  record: ObserverRecord;
}

export interface AggregateStep {
  stepId: string;
  name: string;
  plannedMinutes: number;
  /** Mean and spread of the minutes the observers timed; null when none timed the step. */
  taughtMinutes: Stat | null;
  /** Mean taught − planned, or null. */
  deltaMinutes: number | null;
  rt: Stat | null;
  samples: number;
  interactions: { teacherQuestions: Stat | null; studentAnswers: Stat | null; studentQuestions: Stat | null };
  notes: { observerId: string; name: string; text: string; at: string }[];
}

/** What several observers saw of one lesson: each figure's mean and spread across them. */
export interface Aggregate {
  observers: number;
  rt: Stat | null;
  ch: Stat | null;
  /** The mode at the mean Rt and Ch. */
  mode: TeachingMode | null;
  /** Each observer's own mode, for when they disagree. */
  modes: { observerId: string; name: string; mode: TeachingMode | null }[];
  teacherQuestions: Stat | null;
  studentAnswers: Stat | null;
  studentQuestions: Stat | null;
  studentsSpoke: Stat | null;
  groupEngagement: Stat | null;
  steps: AggregateStep[];
}

/**
 * Aggregates the observers' records of one taught lesson. A figure an observer
 * did not record (no samples, no step times, no group scan) is left out of its
 * mean instead of counting as zero; interaction counts are counted by every
 * observer who recorded anything.
 *
 * @example
 * const group = aggregate([{ observerId, name: '陈老师', record }, …], planSteps(plan));
 * group.rt; // { n: 2, mean: 0.65, min: 0.6, max: 0.7, sd: 0.05 }
 */
export function aggregate(
  observers: readonly ObserverSummary[],
  steps: readonly PlanStep[],
  settings: StSettings = DEFAULT_ST_SETTINGS,
): Aggregate {
  const records = observers.map((o) => o.record);
  const rt = stat(records.map((r) => r.st?.rt));
  const ch = stat(records.map((r) => r.st?.ch));
  const counted = records.filter((r) => r.startedAt !== null);
  const stepOf = (record: ObserverRecord, id: string) => record.steps.find((s) => s.stepId === id);
  return {
    observers: observers.length,
    rt,
    ch,
    mode: rt && ch ? teachingMode(rt.mean, ch.mean, settings) : null,
    modes: observers.map((o) => ({ observerId: o.observerId, name: o.name, mode: o.record.st?.mode ?? null })),
    teacherQuestions: stat(counted.map((r) => r.interactions.teacherQuestions)),
    studentAnswers: stat(counted.map((r) => r.interactions.studentAnswers)),
    studentQuestions: stat(counted.map((r) => r.interactions.studentQuestions)),
    studentsSpoke: stat(records.map((r) => r.studentsSpoke)),
    groupEngagement: stat(records.map((r) => r.groupEngagement)),
    steps: steps.map((step) => {
      const taught = stat(records.map((r) => stepOf(r, step.id)?.taughtMinutes));
      const count = (key: 'teacherQuestions' | 'studentAnswers' | 'studentQuestions') =>
        stat(counted.map((r) => stepOf(r, step.id)?.interactions[key]));
      return {
        stepId: step.id,
        name: step.name,
        plannedMinutes: step.minutes,
        taughtMinutes: taught,
        deltaMinutes: taught ? taught.mean - step.minutes : null,
        rt: stat(records.map((r) => stepOf(r, step.id)?.st?.rt)),
        samples: records.reduce((sum, r) => sum + (stepOf(r, step.id)?.st?.n ?? 0), 0),
        interactions: {
          teacherQuestions: count('teacherQuestions'),
          studentAnswers: count('studentAnswers'),
          studentQuestions: count('studentQuestions'),
        },
        notes: observers.flatMap((o) =>
          (stepOf(o.record, step.id)?.notes ?? []).map((note) => ({ observerId: o.observerId, name: o.name, ...note })),
        ),
      };
    }),
  };
}
