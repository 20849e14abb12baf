import { z } from '@hono/zod-openapi';
import { ObservationEvent } from '../observe/events.js';
import { TEACHING_MODES } from '../observe/st-analysis.js';

/**
 * Bodies of the observation (观课), results, report, reflection and revision
 * routes; the OpenAPI document is generated from these.
 */
export const ObservationInput = z
  .object({
    versionId: z.string().min(1).optional().openapi({ description: 'The plan version taught; default: the newest' }),
    className: z.string().trim().min(1).max(40).openapi({ example: '三(2)班' }),
    taughtOn: z.iso.date().openapi({ example: '2025-03-12' }),
    teacherId: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'Who taught it (执教): the owner or a lead or teacher of the group; default: the lesson’s owner' }),
  })
  .openapi('ObservationInput');

export const Observation = z
  .object({
    id: z.string(),
    lessonId: z.string(),
    versionId: z.string(),
    versionNumber: z.number().int(),
    versionLabel: z.string().openapi({ example: '共案' }),
    className: z.string(),
    taughtOn: z.string(),
    teacherId: z.string().nullable(),
    teacherName: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    observers: z.array(z.object({ id: z.string(), name: z.string(), events: z.number().int() })),
    hasResults: z.boolean(),
  })
  .openapi('Observation');

export const EventBatch = z.object({ events: z.array(ObservationEvent).min(1).max(2000) }).openapi('ObservationEventBatch', {
  description:
    'A tablet’s queued events. Each carries the tablet’s id and clock time; re-sending a batch changes nothing and events may come in any order.',
});

export const EventBatchResult = z
  .object({
    stored: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.number().int(),
    results: z.array(z.object({ id: z.string(), status: z.enum(['stored', 'duplicate', 'rejected']), reason: z.string().optional() })),
  })
  .openapi('ObservationEventBatchResult');

export const ObserverEvents = z
  .array(z.object({ observerId: z.string(), name: z.string(), events: z.array(ObservationEvent) }))
  .openapi('ObserverEvents');

export const EventsQuery = z.object({ observerId: z.string().optional().openapi({ description: 'only this observer’s events' }) });

export const ResultsInput = z
  .object({
    classSize: z
      .number()
      .int()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Students who took the check; with per-student results, default their number' }),
    items: z
      .array(z.object({ itemId: z.string().min(1).openapi({ example: 'M1' }), correct: z.number().int().min(0) }))
      .optional()
      .openapi({ description: 'Per 达标检测 item: how many got it right' }),
    students: z
      .array(
        z.object({
          student: z.string().trim().min(1).max(40).openapi({ description: 'A number or name the teacher uses; never shown to observers' }),
          correct: z.array(z.string().min(1)).openapi({ description: 'The items she got right' }),
        }),
      )
      .max(200)
      .optional()
      .openapi({ description: 'Per student (学情): the item counts are derived from it' }),
  })
  .refine((r) => (r.items ? 1 : 0) + (r.students ? 1 : 0) === 1, {
    message: '请给出 items（每题答对人数）或 students（每位学生答对的题）之一',
  })
  .openapi('ResultsInput');

const Stat = z
  .object({ n: z.number().int(), mean: z.number(), min: z.number(), max: z.number(), sd: z.number() })
  .nullable()
  .openapi('Stat');

export const Results = z
  .object({
    observationId: z.string(),
    classSize: z.number().int(),
    items: z.array(z.object({ itemId: z.string(), correct: z.number().int() })),
    students: z
      .array(z.object({ student: z.string(), correct: z.array(z.string()) }))
      .nullable()
      .openapi({ description: 'Per-student results; null for observers, and when entered per item' }),
    studentsHidden: z.boolean().openapi({ description: 'True when per-student results exist but the caller may not read them' }),
    enteredBy: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Results');

const Mode = z.enum(TEACHING_MODES);
const StPart = z
  .object({
    n: z.number().int(),
    nt: z.number().int(),
    ns: z.number().int(),
    nd: z.number().int(),
    g: z.number().int(),
    rt: z.number(),
    ch: z.number(),
    mode: Mode,
    points: z.array(z.object({ t: z.number(), s: z.number() })),
  })
  .nullable();
const Counts = z.object({ teacherQuestions: z.number().int(), studentAnswers: z.number().int(), studentQuestions: z.number().int() });

export const Report = z
  .object({
    observation: Observation,
    lesson: z.object({ id: z.string(), title: z.string(), subject: z.string(), grade: z.number().int() }),
    settings: z.object({
      intervalSec: z.number(),
      practiceRt: z.number(),
      lectureRt: z.number(),
      dialogueCh: z.number(),
      dialogueTeacherShare: z.number(),
    }),
    modeChart: z.object({
      boundary: z.array(z.object({ rt: z.number(), ch: z.number() })),
      lines: z.array(
        z.object({ axis: z.enum(['rt', 'ch']), at: z.number(), label: z.string(), from: z.number().optional(), to: z.number().optional() }),
      ),
      regions: z.array(z.object({ mode: Mode, rule: z.string() })),
    }),
    observers: z.array(
      z.object({
        observerId: z.string(),
        name: z.string(),
        startedAt: z.string().nullable(),
        endedAt: z.string().nullable(),
        st: StPart,
        missedSamples: z.number().int().openapi({ description: 'Samples prompted but not answered in time: out of the S-T figures' }),
        interactions: Counts,
        studentsSpoke: z.number().int().nullable(),
        groupEngagement: z.number().nullable(),
        warnings: z.array(z.string()),
      }),
    ),
    aggregate: z.object({
      observers: z.number().int(),
      rt: Stat,
      ch: Stat,
      mode: Mode.nullable(),
      teacherQuestions: Stat,
      studentAnswers: Stat,
      studentQuestions: Stat,
      studentsSpoke: Stat,
      groupEngagement: Stat,
    }),
    steps: z.array(
      z.object({
        stepId: z.string(),
        name: z.string(),
        plannedMinutes: z.number(),
        taughtMinutes: Stat,
        deltaMinutes: z.number().nullable(),
        rt: Stat,
        samples: z.number().int(),
        interactions: z.object({ teacherQuestions: Stat, studentAnswers: Stat, studentQuestions: Stat }),
        notes: z.array(z.object({ observerId: z.string(), name: z.string(), text: z.string(), at: z.string() })),
      }),
    ),
    attainment: z
      .object({
        classSize: z.number().int(),
        items: z.array(
          z.object({
            itemId: z.string(),
            prompt: z.string(),
            objectiveIds: z.array(z.string()),
            correct: z.number().int().nullable(),
            rate: z.number().nullable(),
          }),
        ),
        objectives: z.array(
          z.object({
            objectiveId: z.string(),
            text: z.string(),
            itemIds: z.array(z.string()),
            rate: z.number().nullable(),
            masteredRate: z.number().nullable(),
          }),
        ),
        unchecked: z.array(z.string()),
      })
      .nullable(),
    summary: z.array(z.string()).openapi({ description: 'The figures as sentences (rule template, no model)' }),
  })
  .openapi('ObservationReport');

export const EngineChoice = z
  .enum(['offline', 'openai'])
  .optional()
  .openapi({ description: 'default: the model when one is configured, else offline' });

export const DraftInput = z.object({ engine: EngineChoice }).openapi('ReflectionDraftInput');

export const ReflectionDraft = z
  .object({
    id: z.string(),
    observationId: z.string(),
    engine: z.string(),
    model: z.string().nullable(),
    sections: z.array(
      z.object({
        key: z.string(),
        heading: z.string(),
        text: z.string(),
        origin: z
          .enum(['template', 'model', 'blank'])
          .openapi({ description: 'template: the figures written by rule; model: the AI model; blank: for the teacher' }),
      }),
    ),
    text: z.string().openapi({ description: 'The sections as one text for the teacher to edit and save' }),
    createdAt: z.string(),
  })
  .openapi('ReflectionDraft');

export const ReflectionInput = z
  .object({
    basedOn: z.string().min(1).openapi({ description: 'The newest plan version; the reflection goes into a new version on top of it' }),
    text: z.string().trim().min(1).max(8000),
    draftId: z
      .string()
      .optional()
      .openapi({ description: 'The draft it was edited from, if any (saved unchanged from a model draft, it says so)' }),
  })
  .openapi('ReflectionInput');

export const ReviseInput = z
  .object({
    basedOn: z.string().min(1).openapi({ description: 'The newest version; the revision is made on it' }),
    commentIds: z.array(z.string()).max(200).optional().openapi({
      description: 'The threads to act on; default: every thread still open at basedOn. Their pending suggestions are accepted.',
    }),
    observationIds: z
      .array(z.string())
      .max(50)
      .optional()
      .openapi({ description: 'The taught lessons whose findings count; default: those of the current cycle' }),
    engine: EngineChoice,
    label: z.enum(['revision', 'shared']).default('revision').openapi({ description: 'revision 修订 (default) or shared 共案' }),
  })
  .openapi('ReviseInput');

export const RevisionView = z
  .object({
    id: z.string(),
    lessonId: z.string(),
    baseVersionId: z.string(),
    versionId: z.string().nullable().openapi({ description: 'The version made; null when nothing could be applied' }),
    engine: z.string(),
    model: z.string().nullable(),
    notes: z.array(z.object({ commentId: z.string(), note: z.string(), origin: z.enum(['template', 'model']) })),
    todo: z.array(z.object({ text: z.string(), commentId: z.string().nullable(), source: z.enum(['comment', 'observation', 'model']) })),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('PlanRevision');
