import { z } from 'zod';

/**
 * What an observer's tablet sends while she watches a lesson. Every event has
 * the tablet's own id (unique among her events for this observation, e.g. a
 * UUID) and the tablet's clock time, so a queue sent late, twice or out of
 * order gives the same record.
 */
const StepId = z.string().trim().min(1).max(20).describe('A plan step id (S1 …) of the taught version');
const base = {
  /** The tablet's id for the event. */
  id: z.string().trim().min(1).max(80),
  /** When it happened, by the tablet's clock, with an offset: 2025-03-12T09:01:30+08:00. */
  at: z.iso.datetime({ offset: true }),
};

export const ObservationEvent = z.discriminatedUnion('kind', [
  /** An S-T sample (every 30 s): who was acting. The step is the running one unless given. */
  z.object({ ...base, kind: z.literal('sample'), code: z.enum(['T', 'S', 'D']), stepId: StepId.nullish() }),
  /** A sample the observer did not answer in time: kept as missed, never guessed, and left out of the S-T figures. */
  z.object({ ...base, kind: z.literal('sample-missed'), stepId: StepId.nullish() }),
  /** The lesson moved to this step (which ends the one running). */
  z.object({ ...base, kind: z.literal('step-start'), stepId: StepId }),
  /** This step ended (the end of the lesson, or a pause). */
  z.object({ ...base, kind: z.literal('step-stop'), stepId: StepId }),
  /** A teacher question, a student's answer or a question a student asked of her own accord; the speaker is a seat or number, never a name. */
  z.object({
    ...base,
    kind: z.literal('interaction'),
    type: z.enum(['teacher-question', 'student-answer', 'student-question']),
    speaker: z.string().trim().min(1).max(20).nullish(),
    stepId: StepId.nullish(),
  }),
  /** A scan of group work: how many of the groups were on task. */
  z
    .object({
      ...base,
      kind: z.literal('group-work'),
      groups: z.number().int().min(1).max(50),
      engaged: z.number().int().min(0).max(50),
      stepId: StepId.nullish(),
    })
    .refine((e) => e.engaged <= e.groups, { message: '投入的小组数不能多于小组总数', path: ['engaged'] }),
  /** A note anchored to a step. */
  z.object({ ...base, kind: z.literal('note'), stepId: StepId, text: z.string().trim().min(1).max(2000) }),
  /** Takes back one of her earlier events (a mis-tap); it may arrive before the event it retracts. */
  z.object({ ...base, kind: z.literal('retract'), eventId: z.string().trim().min(1).max(80) }),
]);
export type ObservationEvent = z.infer<typeof ObservationEvent>;

/** The step an event names, if any. */
export function stepOf(event: ObservationEvent): string | null {
  return 'stepId' in event && event.stepId ? event.stepId : null;
}

/** Epoch milliseconds of an event's tablet time. */
export const timeOf = (event: Pick<ObservationEvent, 'at'>) => Date.parse(event.at);
