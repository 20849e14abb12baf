import { z } from '@hono/zod-openapi';
import { MaterialKind } from '../domain/index.js';

/**
 * Request and response bodies of the API. Routes validate with these and the
 * OpenAPI document is generated from them, so the two cannot disagree.
 */
/** A JSON response entry for `createRoute`. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonRequest = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .openapi('Error');

export const errorResponse = (description: string) => jsonResponse(ErrorBody, description);

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const lessonFields = {
  title: z.string().trim().min(1).max(100).openapi({ example: '长方形和正方形的周长' }),
  subject: z.string().trim().min(1).max(20).openapi({ example: '数学' }),
  grade: z.number().int().min(1).max(12).openapi({ example: 3 }),
  periodMinutes: z.number().int().min(10).max(120).nullable().optional(),
  edition: z.string().max(40).nullable().optional().openapi({ example: '人教版' }),
  unit: z.string().max(100).nullable().optional(),
  classProfile: z.string().max(2000).nullable().optional().openapi({ example: '乡镇小学三年级，32 人，计算基础较弱' }),
  groupId: z
    .string()
    .nullable()
    .optional()
    .openapi({ description: 'The prep group that shares the lesson; null or absent: only the owner sees it' }),
};
export const LessonInput = z.object(lessonFields).openapi('LessonInput');
export const LessonPatch = z.object(lessonFields).partial().openapi('LessonPatch');

export const Lesson = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    subject: z.string(),
    grade: z.number().int(),
    periodMinutes: z.number().int().nullable(),
    edition: z.string().nullable(),
    unit: z.string().nullable(),
    classProfile: z.string().nullable(),
    ownerId: z.string().nullable(),
    groupId: z.string().nullable(),
    role: z.enum(['owner', 'lead', 'teacher', 'observer']).openapi({ description: 'What the signed-in user is to this lesson' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Lesson');

/** A link a teacher will click in the deck: http or https only (never javascript:, file: or data:). */
export const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine((url) => /^https?:$/.test(new URL(url).protocol), { message: '视频链接只能是 http 或 https 地址' })
  .openapi({ example: 'https://basic.smartedu.cn/…' });

export const MaterialKindField = z.enum([...MaterialKind.options, 'transcript', 'auto']);

export const Material = z
  .object({
    id: z.string(),
    lessonId: z.string(),
    name: z.string(),
    kind: z.string(),
    sha256: z.string(),
    position: z.number().int(),
    videoUrl: z.string().nullable(),
    videoTitle: z.string().nullable(),
    videoDurationSec: z.number().nullable(),
    createdAt: z.string(),
  })
  .openapi('Material');

export const IngestReport = z
  .object({
    format: z.string(),
    encoding: z.string().nullable(),
    pages: z.number().int().nullable(),
    characters: z.number().int(),
    cues: z.number().int().nullable(),
    durationSec: z.number().nullable(),
    quality: z.array(
      z.object({
        page: z.number().int(),
        quality: z.enum(['good', 'garbled', 'empty']),
        chars: z.number().int(),
        note: z.string().nullable(),
      }),
    ),
    warnings: z.array(z.string()),
  })
  .openapi('IngestReport');

export const UploadForm = z.object({
  file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }),
  kind: MaterialKindField.optional().openapi({
    description: 'auto (default) recognises 教材/教参/课标 by name and content; .srt/.vtt are transcripts',
  }),
  videoUrl: httpUrl.optional(),
  videoTitle: z.string().max(200).optional(),
  videoDurationSec: z.coerce.number().positive().optional(),
});

export const RunCreate = z
  .object({
    engine: z.enum(['offline', 'openai']).optional().openapi({ description: 'default: openai when a model is configured, else offline' }),
    theme: z.string().optional().openapi({ example: 'qingsong' }),
  })
  .openapi('RunCreate');

export const StepState = z.object({
  id: z.string(),
  title: z.string(),
  stage: z.string(),
  phase: z.string(),
  status: z.string(),
  cached: z.boolean(),
  artifactId: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  modelCalls: z.number().int(),
  ms: z.number().int(),
  error: z.string().nullable(),
});

export const Run = z
  .object({
    id: z.string(),
    lessonId: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    engine: z.string(),
    model: z.string().nullable(),
    theme: z.string(),
    planVersionId: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    steps: z.array(StepState),
  })
  .openapi('Run');

export const ArtifactSummary = z
  .object({
    id: z.string(),
    stepId: z.string(),
    title: z.string(),
    version: z.number().int(),
    runId: z.string(),
    engine: z.string(),
    model: z.string().nullable(),
    promptVersion: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ArtifactSummary');

export const Artifact = ArtifactSummary.omit({ version: true, runId: true }).extend({ json: z.unknown() }).openapi('Artifact');
