import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

/** Uploaded files and rendered outputs, stored by content hash under DATA_DIR/files. */
export const files = sqliteTable('files', {
  sha256: text('sha256').primaryKey(),
  bytes: integer('bytes').notNull(),
  mediaType: text('media_type').notNull(),
  createdAt: createdAt(),
});

export const lessons = sqliteTable(
  'lessons',
  {
    id: text('id').primaryKey(),
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
  (t) => [index('lessons_fingerprint').on(t.fingerprint)],
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
    /** ai-draft, edited, or the prep group's own words (共案, 终案 …). */
    label: text('label').notNull(),
    author: text('author').notNull(),
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
