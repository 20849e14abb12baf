import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Anchor } from '../collab/plan-parts.js';

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

/** Uploaded files and rendered outputs, stored by content hash under DATA_DIR/files. */
export const files = sqliteTable('files', {
  sha256: text('sha256').primaryKey(),
  bytes: integer('bytes').notNull(),
  mediaType: text('media_type').notNull(),
  createdAt: createdAt(),
});

/**
 * People who sign in. Users and groups are never deleted (a user is disabled),
 * so what they wrote keeps its author. `admin` manages users and groups (it does not by itself
 * open anyone's lessons); the prep roles live in `groupMembers`. The local
 * user (`LOCAL_USER_ID`) owns what the CLI makes and has no password, so no
 * one can sign in as it.
 */
export const LOCAL_USER_ID = 'local';

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** The sign-in name, e.g. wang.li; unique, case-insensitive (stored lower-case). */
  username: text('username').notNull().unique(),
  /** What colleagues read, e.g. 王丽. */
  displayName: text('display_name').notNull(),
  /** An argon2id PHC string (parameters, salt, hash); null for the local user, who cannot sign in. */
  passwordHash: text('password_hash'),
  admin: integer('admin', { mode: 'boolean' }).notNull().default(false),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

/** A signed-in browser. The cookie holds the token; only its SHA-256 is stored, so a copy of the database opens no session. */
export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 (hex) of the session token. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: text('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Bearer tokens for integrations (a school platform, a script); stored as SHA-256, shown once when made. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, so a user can tell her tokens apart. */
    prefix: text('prefix').notNull(),
    expiresAt: text('expires_at'),
    lastUsedAt: text('last_used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

/** Failed sign-ins, for rate limiting by name and by address; old rows are pruned as new ones come. */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    address: text('address').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('login_failures_username').on(t.username, t.at), index('login_failures_address').on(t.address, t.at)],
);

/** A prep group 教研组: one school, one subject, a band of grades. */
export const groups = sqliteTable('groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  school: text('school').notNull(),
  subject: text('subject').notNull(),
  gradeFrom: integer('grade_from').notNull(),
  gradeTo: integer('grade_to').notNull(),
  createdAt: createdAt(),
});

/** lead 主备/组长: edits, accepts comments, finalises; teacher: comments, drafts her own lessons; observer: reads and observes. */
export const GROUP_ROLES = ['lead', 'teacher', 'observer'] as const;

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: GROUP_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_members_user').on(t.userId)],
);

export const lessons = sqliteTable(
  'lessons',
  {
    id: text('id').primaryKey(),
    /**
     * The teacher who owns the lesson (its 主备). Null only in a database made
     * before accounts; `claimOrphanLessons` gives those to the local user.
     */
    ownerId: text('owner_id').references(() => users.id),
    /** The prep group that shares the lesson, or null for a private lesson. */
    groupId: text('group_id').references(() => groups.id),
    title: text('title'),
    subject: text('subject').notNull(),
    grade: integer('grade').notNull(),
    periodMinutes: integer('period_minutes'),
    edition: text('edition'),
    unit: text('unit'),
    classProfile: text('class_profile'),
    /** Set by the CLI so the same command maps to the same lesson instead of a new one each time. */
    fingerprint: text('fingerprint'),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [index('lessons_fingerprint').on(t.fingerprint), index('lessons_owner').on(t.ownerId), index('lessons_group').on(t.groupId)],
);

/** A file attached to a lesson: a document material, or a transcript with its video's details. */
export const materials = sqliteTable(
  'materials',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    fileSha256: text('file_sha256')
      .notNull()
      .references(() => files.sha256),
    /** A safe file name: no path, no control characters, at most 255 bytes (see `safeFileName`). */
    name: text('name').notNull(),
    /** The name exactly as the teacher's computer sent it, for display; null when it was already safe. */
    originalName: text('original_name'),
    /** A MaterialKind, or 'transcript'. */
    kind: text('kind').notNull(),
    position: integer('position').notNull(),
    videoUrl: text('video_url'),
    videoTitle: text('video_title'),
    videoDurationSec: real('video_duration_sec'),
    createdAt: createdAt(),
  },
  (t) => [index('materials_lesson').on(t.lessonId)],
);

export const runs = sqliteTable(
  'runs',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] }).notNull(),
    engine: text('engine').notNull(),
    model: text('model'),
    theme: text('theme').notNull(),
    /** The plan version this run starts from instead of running T3 (after a teacher's edit), or null. */
    planVersionId: text('plan_version_id'),
    /** Who started the run; null for the CLI's runs made before accounts. */
    createdBy: text('created_by').references(() => users.id),
    error: text('error'),
    /**
     * Who is running it: `cli:<host>:<pid>:<nonce>` or `service:<host>:<pid>:<nonce>`, null while
     * queued. Nobody else takes a run whose owner is alive (see `ownerAlive`).
     */
    owner: text('owner'),
    /** Epoch ms until which the owner's claim holds; the owner renews it while it lives. */
    leaseUntil: integer('lease_until'),
    /** Times the process running it died under it (crash, kill -9); at two the run is failed, not resumed. */
    interruptions: integer('interruptions').notNull().default(0),
    createdAt: createdAt(),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
  },
  (t) => [index('runs_lesson').on(t.lessonId)],
);

/**
 * The materials a run used, copied from the lesson when the run was created:
 * a file added while it runs belongs to the next run, and a resumed run reads
 * exactly what it started with.
 */
export const runMaterials = sqliteTable(
  'run_materials',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** The lesson's material it was copied from; null once that material is removed from the lesson. */
    materialId: text('material_id').references(() => materials.id, { onDelete: 'set null' }),
    fileSha256: text('file_sha256')
      .notNull()
      .references(() => files.sha256),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    videoUrl: text('video_url'),
    videoTitle: text('video_title'),
    videoDurationSec: real('video_duration_sec'),
  },
  (t) => [uniqueIndex('run_materials_run_position').on(t.runId, t.position)],
);

/**
 * A step's result, addressed by the hash of everything it was computed from.
 * Two runs with the same inputs share one artifact: that is how unchanged
 * steps are skipped and how a killed run resumes.
 */
export const artifacts = sqliteTable(
  'artifacts',
  {
    id: text('id').primaryKey(),
    stepId: text('step_id').notNull(),
    inputHash: text('input_hash').notNull(),
    json: text('json', { mode: 'json' }).notNull(),
    engine: text('engine').notNull(),
    model: text('model'),
    promptVersion: text('prompt_version'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    modelCalls: integer('model_calls').notNull().default(0),
    ms: integer('ms').notNull(),
    warnings: text('warnings', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('artifacts_step_input').on(t.stepId, t.inputHash)],
);

/** What one run did at each step: ran, reused a cached artifact, failed or was skipped. */
export const stepRuns = sqliteTable(
  'step_runs',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    stepId: text('step_id').notNull(),
    status: text('status', { enum: ['pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled'] }).notNull(),
    cached: integer('cached', { mode: 'boolean' }).notNull().default(false),
    inputHash: text('input_hash'),
    artifactId: text('artifact_id').references(() => artifacts.id),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    modelCalls: integer('model_calls').notNull().default(0),
    ms: integer('ms').notNull().default(0),
    error: text('error'),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
  },
  (t) => [uniqueIndex('step_runs_run_step').on(t.runId, t.stepId)],
);

/** Model responses keyed by a hash of endpoint, model, messages, schema and parameters — never the API key. */
export const llmCache = sqliteTable('llm_cache', {
  key: text('key').primaryKey(),
  model: text('model').notNull(),
  response: text('response', { mode: 'json' }).notNull(),
  inputTokens: integer('input_tokens').notNull(),
  outputTokens: integer('output_tokens').notNull(),
  createdAt: createdAt(),
});

/**
 * Every version of a lesson's plan, immutable: the AI draft a run made, each
 * edit, the group's revisions. A version says who made it, when, and from
 * which version, so the prep lead can always see how the final plan came about.
 */
export const planVersions = sqliteTable(
  'plan_versions',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /**
     * A `PlanLabel` (src/collab/labels.ts): ai-draft AI初稿, initial 初案,
     * revision 修订, shared 共案, final 终案. Databases from before labels hold
     * 'edited', read as revision.
     */
    label: text('label').notNull(),
    /** The name shown for who made it: a teacher's display name, or the engine (model name, 离线规则引擎) for an AI draft. */
    author: text('author').notNull(),
    /** The signed-in user who saved it, or who started the run that drafted it; null for the CLI's local runs before accounts. */
    authorId: text('author_id').references(() => users.id),
    /** The round of the loop: 1 until a 终案 is superseded by a new cycle, then 2 … */
    cycle: integer('cycle').notNull().default(1),
    basedOn: text('based_on'),
    /** The run whose T3 produced an ai-draft. */
    runId: text('run_id'),
    json: text('json', { mode: 'json' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('plan_versions_lesson_number').on(t.lessonId, t.number)],
);

/** A run's events in order, so a client that connects late (or after a restart) sees them all. */
export const runEvents = sqliteTable(
  'run_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    event: text('event', { mode: 'json' }).notNull(),
  },
  (t) => [index('run_events_run').on(t.runId)],
);

/**
 * Parse once (解析一次): a file's parsed text by page with its ratings, and
 * its OCR, keyed by the file's hash and the ingest code version. Uploads and
 * every run's T1 read from here, so a file is parsed once and recognised once;
 * a new ingest version (a change under src/ingest, a new pdf.js, another OCR
 * engine) parses again. `recognising` rows carry OCR progress by page.
 */
export const parsedDocuments = sqliteTable(
  'parsed_documents',
  {
    sha256: text('sha256')
      .notNull()
      .references(() => files.sha256),
    ingestVersion: text('ingest_version').notNull(),
    status: text('status', { enum: ['recognising', 'ready', 'failed'] }).notNull(),
    /** The IngestedDocument: as parsed while recognising, final when ready. */
    document: text('document', { mode: 'json' }).notNull(),
    pagesDone: integer('pages_done').notNull().default(0),
    pagesTotal: integer('pages_total').notNull().default(0),
    /** Why the file could not be read, as the teacher is told: `{ problem, detail }`; null unless failed. */
    error: text('error', { mode: 'json' }).$type<{ problem: string; detail: string } | null>(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.ingestVersion] })],
);

/** The 学段 a school standard is tagged with; 义务教育 (the 2022 standards) covers 小学 and 初中. */
export const STANDARD_STAGES = ['小学', '初中', '义务教育', '高中'] as const;

/**
 * The school's shared 课标 library (学校课标库): a standard an admin added once
 * for every lesson of its subject and 学段. The file is stored and parsed once
 * by hash (`files`, `parsed_documents`); a lesson with no 课标 of its own uses
 * the matching ones (src/standards/library.ts).
 */
export const schoolStandards = sqliteTable(
  'school_standards',
  {
    id: text('id').primaryKey(),
    fileSha256: text('file_sha256')
      .notNull()
      .references(() => files.sha256),
    /** The file name as the admin gave it, e.g. 普通高中语文课程标准.pdf. */
    name: text('name').notNull(),
    /** 语文, 数学 … as lessons name their subject. */
    subject: text('subject').notNull(),
    stage: text('stage', { enum: STANDARD_STAGES }).notNull(),
    /** 课标 items recognised (not the preface); null while a scan is still being recognised. */
    items: integer('items'),
    addedBy: text('added_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('school_standards_file_tags').on(t.fileSha256, t.subject, t.stage)],
);

/**
 * A comment anchored to one part of a plan version (研讨意见), or a reply in
 * its thread. The anchor is data (`{ part, id, field? }`, see
 * src/collab/plan-parts.ts), the quote is the anchored text when the comment
 * was made, and a suggestion is replacement text the lead may accept (which
 * makes a new version) or reject.
 */
export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    /** The version the comment was made on. */
    versionId: text('version_id')
      .notNull()
      .references(() => planVersions.id, { onDelete: 'cascade' }),
    /** The thread's first comment, for a reply; null for a thread. */
    parentId: text('parent_id'),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    /** `{ part, id, field? }` for a thread; null for a reply. */
    anchor: text('anchor', { mode: 'json' }).$type<Anchor>(),
    quote: text('quote'),
    body: text('body').notNull(),
    suggestion: text('suggestion'),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    /** pending while the lead has not decided; null when there is no suggestion. */
    suggestionStatus: text('suggestion_status', { enum: ['pending', 'accepted', 'rejected'] }),
    /** The version that accepting the suggestion made. */
    appliedVersionId: text('applied_version_id'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
    resolvedBy: text('resolved_by').references(() => users.id),
    resolvedAt: text('resolved_at'),
    createdAt: createdAt(),
    /** When its author last changed the words; null for a comment never edited (the page says 已修改). */
    editedAt: text('edited_at'),
  },
  (t) => [index('comments_lesson').on(t.lessonId), index('comments_parent').on(t.parentId)],
);

/**
 * 观课: one taught lesson — which plan version was taught, to which class, on
 * which day, by whom — that the group's observers record. Observers' tablets
 * may create it offline and at once, so it is found again by lesson, class and
 * day (`classKey` is the class name folded: full-width brackets, spaces).
 */
export const observations = sqliteTable(
  'observations',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    /** The plan version that was taught (usually the 共案). */
    versionId: text('version_id')
      .notNull()
      .references(() => planVersions.id, { onDelete: 'cascade' }),
    /** 三(2)班, as first typed. */
    className: text('class_name').notNull(),
    classKey: text('class_key').notNull(),
    /** YYYY-MM-DD. */
    taughtOn: text('taught_on').notNull(),
    /** The teacher who taught it (执教); she may save the reflection. */
    teacherId: text('teacher_id').references(() => users.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('observations_lesson_class_day').on(t.lessonId, t.classKey, t.taughtOn)],
);

export const OBSERVATION_EVENT_KINDS = [
  'sample',
  'sample-missed',
  'step-start',
  'step-stop',
  'interaction',
  'group-work',
  'note',
  'retract',
] as const;

/**
 * What an observer recorded, one row per event her tablet sent. `clientEventId`
 * and `at` come from the tablet: re-sending an event changes nothing, and the
 * figures are computed in `at` order whatever order the events arrived in.
 */
export const observationEvents = sqliteTable(
  'observation_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    observationId: text('observation_id')
      .notNull()
      .references(() => observations.id, { onDelete: 'cascade' }),
    observerId: text('observer_id')
      .notNull()
      .references(() => users.id),
    clientEventId: text('client_event_id').notNull(),
    kind: text('kind', { enum: OBSERVATION_EVENT_KINDS }).notNull(),
    /** The tablet's timestamp (ISO 8601 with offset) and the same in epoch milliseconds, for ordering. */
    at: text('at').notNull(),
    atMs: integer('at_ms').notNull(),
    /** The whole event as sent (code, stepId, type, text …). */
    event: text('event', { mode: 'json' }).notNull(),
    receivedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('observation_events_client_id').on(t.observationId, t.observerId, t.clientEventId),
    index('observation_events_order').on(t.observationId, t.observerId, t.atMs),
  ],
);

/**
 * The 达标检测 results of a taught lesson, entered by a teacher: per item the
 * number correct of the students who took it, or per student which items she
 * got right (then the counts are derived). Per-student rows are 学情: observers
 * never read them.
 */
export const observationResults = sqliteTable('observation_results', {
  observationId: text('observation_id')
    .primaryKey()
    .references(() => observations.id, { onDelete: 'cascade' }),
  /** Students who took the check: the denominator of every rate. */
  classSize: integer('class_size').notNull(),
  /** `[{ itemId, correct }]`. */
  items: text('items', { mode: 'json' }).$type<{ itemId: string; correct: number }[]>().notNull(),
  /** `[{ student, correct: [itemId …] }]` when entered per student, else null. */
  students: text('students', { mode: 'json' }).$type<{ student: string; correct: string[] }[] | null>(),
  enteredBy: text('entered_by')
    .notNull()
    .references(() => users.id),
  updatedAt: text('updated_at').notNull(),
});

/** A 教学反思 draft made for the teacher to edit: which engine wrote which section. */
export const reflectionDrafts = sqliteTable('reflection_drafts', {
  id: text('id').primaryKey(),
  observationId: text('observation_id')
    .notNull()
    .references(() => observations.id, { onDelete: 'cascade' }),
  engine: text('engine').notNull(),
  model: text('model'),
  promptVersion: text('prompt_version'),
  /** `[{ key, heading, text, origin }]`, origin template / model / blank. */
  sections: text('sections', { mode: 'json' }).notNull(),
  createdBy: text('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});

/**
 * A revision the lead asked for from comments and observation findings: the
 * version it made (null when nothing could be applied), a change note per
 * comment, and the to-do items left for people.
 */
export const planRevisions = sqliteTable(
  'plan_revisions',
  {
    id: text('id').primaryKey(),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    baseVersionId: text('base_version_id').notNull(),
    versionId: text('version_id'),
    engine: text('engine').notNull(),
    model: text('model'),
    promptVersion: text('prompt_version'),
    /** `[{ commentId, note, origin }]`. */
    notes: text('notes', { mode: 'json' }).notNull(),
    /** `[{ text, commentId?, source }]`. */
    todo: text('todo', { mode: 'json' }).notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('plan_revisions_lesson').on(t.lessonId)],
);
