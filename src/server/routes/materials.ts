import path from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { isMediaFile } from '../../ingest/asr/media.js';
import type { MaterialState } from '../../ingest/library/state.js';
import type { IngestedDocument } from '../../ingest/types.js';
import { safeFileName } from '../../lessons/file-names.js';
import { addMaterial, deleteMaterial, getMaterial, listMaterials, type MaterialRow, materialWithContent } from '../../lessons/materials.js';
import { activeRunOf } from '../../lessons/runs.js';
import { classifyKind } from '../../steps/t1-digest/kind.js';
import { sha256 } from '../../store/sha256.js';
import { type App, lessonFor } from '../auth.js';
import { ingestLimits, type ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, IngestReport, jsonResponse as json, Material, UploadForm, UploadResult } from '../schemas.js';

const TRANSCRIPT_EXTENSIONS = new Set(['.srt', '.vtt']);

/** A document's ingest report: the upload's answer, and later the same with each recognised page's OCR confidence. */
export function documentReport(document: IngestedDocument, processing: MaterialState | null): z.infer<typeof IngestReport> {
  return {
    format: document.format,
    encoding: document.encoding,
    pages: document.pages.length,
    pageUnit: document.pageUnit,
    characters: document.pages.reduce((sum, page) => sum + page.chars, 0),
    cues: null,
    durationSec: null,
    quality: document.pages.map(({ page, quality, chars, note, ocrConfidence }) => ({
      page,
      quality,
      chars,
      note,
      ocrConfidence: ocrConfidence ?? null,
    })),
    warnings: document.warnings,
    processing,
  };
}

export function materialRoutes(app: App, ctx: ServiceContext): void {
  const { db, store, limits } = ctx;
  // A document's OCR progress, or a recording's transcription, lives with its parse (by file hash); subtitles are read at once.
  const materialView = (row: MaterialRow): z.infer<typeof Material> => {
    const { fileSha256, ...rest } = row;
    const processing = row.kind === 'transcript' ? ctx.ingest.transcripts.state(fileSha256) : ctx.ingest.state(fileSha256);
    return { ...rest, sha256: fileSha256, processing };
  };

  // Checked before the body is read, so a 2 GB upload is refused without being buffered.
  app.use(
    '/api/lessons/:id/materials',
    bodyLimit({
      maxSize: limits.uploadBytes + 64 * 1024,
      onError: (c) =>
        c.json({ error: { code: 'too-large', message: `文件超过上传上限 ${Math.round(limits.uploadBytes / 1024 / 1024)} MB` } }, 413),
    }),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/lessons/{id}/materials',
      tags: ['materials'],
      summary:
        'Upload a material (PDF, Word, PowerPoint, photo, TXT, Markdown), subtitles (SRT, WebVTT, plain transcript) or a video/audio file (mp4, mov, mkv, mp3, m4a, wav; transcribed when ASR_BASE_URL is set); scans, photos and recordings are recognised in the background (processing.status recognising)',
      request: { params: IdParam, body: { content: { 'multipart/form-data': { schema: UploadForm } }, required: true } },
      responses: {
        200: json(UploadResult, 'The lesson already has this content: the existing material, not a copy'),
        201: json(UploadResult, 'Stored, with what could be read'),
        400: error('Missing file'),
        404: error('No such lesson'),
        409: error('Too many materials'),
        413: error('File too large'),
        415: error('Unsupported file type, or a video/audio file without an ASR endpoint configured'),
        422: error('Unreadable: encrypted, corrupt, scanned, garbled, no cues, a recording too long'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const form = c.req.valid('form');
      await lessonFor(ctx, c, id, 'edit');
      const { name, original: originalName } = safeFileName(form.file.name || 'upload');
      const bytes = new Uint8Array(await form.file.arrayBuffer());
      if (bytes.byteLength > limits.uploadBytes) throw new ApiError(413, 'too-large', `${name}: 文件超过上传上限`);
      // A run reads the materials recorded when it was created: a file added now is for the next run.
      const active = activeRunOf(db, id);
      const runUnderWay = active ? { id: active.id, status: active.status as 'queued' | 'running' } : null;
      const notice = active ? `这节课正在生成中，这份材料不会用于正在进行的生成，会在下一次生成时使用` : null;
      const same = materialWithContent(db, id, sha256(bytes));
      if (same) return c.json({ material: materialView(same), report: null, duplicate: true, runUnderWay, notice }, 200);
      if (listMaterials(db, id).length >= limits.materialsPerLesson) {
        throw new ApiError(409, 'too-many-materials', `每节课最多 ${limits.materialsPerLesson} 个材料`);
      }
      // A video or audio file is always a lesson video: it is transcribed (ASR) in the background.
      const isTranscript =
        isMediaFile(name) || form.kind === 'transcript' || (!form.kind && TRANSCRIPT_EXTENSIONS.has(path.extname(name).toLowerCase()));

      if (isTranscript) {
        const { transcript, state } = await ctx.ingest.transcripts.add({ name, bytes }, { durationSec: form.videoDurationSec ?? null });
        // A recording is stored by the library that transcribes it; subtitles are stored here.
        const stored = state ? transcript.sha256 : await store.put(bytes, 'text/plain');
        const added = addMaterial(db, id, {
          name,
          originalName,
          sha256: stored,
          kind: 'transcript',
          video: {
            url: form.videoUrl ?? null,
            title: form.videoTitle ?? null,
            durationSec: form.videoDurationSec ?? (state ? transcript.durationSec : null),
          },
        });
        const report = {
          format: transcript.format,
          encoding: transcript.encoding,
          pages: null,
          pageUnit: null,
          characters: transcript.cues.reduce((sum, cue) => sum + cue.text.length, 0),
          cues: transcript.cues.length,
          durationSec: transcript.durationSec,
          quality: [],
          warnings: transcript.warnings,
          processing: state,
        };
        return c.json(
          { material: materialView(added.material), report, duplicate: added.duplicate, runUnderWay, notice },
          added.duplicate ? 200 : 201,
        );
      }

      // Parsed on the worker pool (or reused by hash); a scan or photo comes back `recognising` at once.
      const { document, state } = await ctx.ingest.add({ name, bytes }, ingestLimits(limits));
      const kind = form.kind && form.kind !== 'auto' ? form.kind : classifyKind(name, document.pages);
      const added = addMaterial(db, id, { name, originalName, sha256: document.sha256, kind, video: null });
      const report = documentReport(document, state);
      return c.json(
        { material: materialView(added.material), report, duplicate: added.duplicate, runUnderWay, notice },
        added.duplicate ? 200 : 201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/materials',
      tags: ['materials'],
      summary: 'The lesson’s materials in order',
      request: { params: IdParam },
      responses: { 200: json(z.array(Material), 'Materials'), 404: error('No such lesson') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await lessonFor(ctx, c, id, 'view');
      return c.json(listMaterials(db, id).map(materialView), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/materials/{id}/report',
      tags: ['materials'],
      summary:
        'What was read from a document material, page by page, as the upload reported it; once a scan or photo is recognised, each page with its OCR confidence (poll while processing.status is recognising)',
      request: { params: IdParam },
      responses: {
        200: json(IngestReport, 'The report'),
        404: error('No such material, or subtitles or a recording (their report comes with the upload)'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const material = getMaterial(db, id);
      if (!material) throw notFound('材料', id);
      await lessonFor(ctx, c, material.lessonId, 'view', notFound('材料', id));
      const document = material.kind === 'transcript' ? null : ctx.ingest.document(material.fileSha256);
      if (!document) throw notFound('材料的读取结果', id);
      return c.json(documentReport(document, ctx.ingest.state(material.fileSha256)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/materials/{id}',
      tags: ['materials'],
      summary: 'Remove a material from its lesson (the stored file is kept)',
      request: { params: IdParam },
      responses: { 204: { description: 'Removed' }, 404: error('No such material'), 409: error('A run is under way') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const material = getMaterial(db, id);
      if (!material) throw notFound('材料', id);
      await lessonFor(ctx, c, material.lessonId, 'edit', notFound('材料', id));
      if (activeRunOf(db, material.lessonId)) throw new ApiError(409, 'run-active', '这节课正在生成中，请等生成结束或取消后再删除材料');
      deleteMaterial(db, id);
      return c.body(null, 204);
    },
  );
}
