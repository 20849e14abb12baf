import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createRoute, z } from '@hono/zod-openapi';
import { InputError } from '../../errors.js';
import { isMediaFile, NO_ASR } from '../../ingest/asr/media.js';
import type { MaterialState } from '../../ingest/library/state.js';
import type { IngestedDocument } from '../../ingest/types.js';
import { addMaterial, deleteMaterial, getMaterial, listMaterials, type MaterialRow, materialWithContent } from '../../lessons/materials.js';
import { activeRunOf } from '../../lessons/runs.js';
import { classifyKind } from '../../steps/t1-digest/kind.js';
import { type App, lessonFor } from '../auth.js';
import { ingestLimits, type ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, IngestReport, jsonResponse as json, Material, UploadForm, UploadResult } from '../schemas.js';
import { drainRefused, receiveUpload } from '../uploads/receive-upload.js';

/** How much of a refused upload is still read (and dropped) so its sender gets the 413 instead of a broken pipe. */
const DRAIN_REFUSED_BYTES = 16 * 1024 * 1024;

/** The form's text fields; the file itself is streamed to disk, not validated in memory. */
const UploadFields = UploadForm.omit({ file: true });

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

  // Nothing is arriving at start: partial uploads a crash cut off are removed.
  store.clearIncoming();

  const upload = createRoute({
    method: 'post',
    path: '/api/lessons/{id}/materials',
    tags: ['materials'],
    summary:
      'Upload a material (PDF, Word, PowerPoint, photo, TXT, Markdown), subtitles (SRT, WebVTT, plain transcript) or a video/audio file (mp4, mov, mkv, mp3, m4a, wav; transcribed when ASR_BASE_URL is set); scans, photos and recordings are recognised in the background (processing.status recognising). The file is streamed to disk as it arrives (a recording up to MAX_MEDIA_UPLOAD_MB, anything else up to MAX_UPLOAD_MB)',
    request: { params: IdParam, body: { content: { 'multipart/form-data': { schema: UploadForm } }, required: true } },
    responses: {
      200: json(UploadResult, 'The lesson already has this content: the existing material, not a copy'),
      201: json(UploadResult, 'Stored, with what could be read'),
      400: error('Missing file, or a form that is malformed or was cut off'),
      404: error('No such lesson'),
      409: error('Too many materials'),
      413: error('File too large (the message names the file and the limit)'),
      415: error('Unsupported file type, or a video/audio file without an ASR endpoint configured'),
      422: error('Unreadable: encrypted, corrupt, scanned, garbled, no cues, a recording too long'),
    },
  });
  // Described like every route, but not validated by it: the validator would read the whole form into
  // memory, and a lesson recording is hundreds of MB. The handler streams the form to disk instead.
  app.openAPIRegistry.registerPath(upload);
  app.post('/api/lessons/:id/materials', async (c) => {
    const { id } = IdParam.parse({ id: c.req.param('id') });
    await lessonFor(ctx, c, id, 'edit');
    // The request's body as a stream (on Node, @hono/node-server reads it from the socket as it is pulled).
    const body = Readable.fromWeb((c.req.raw.body ?? new Blob([]).stream()) as NodeReadableStream);
    const received = await receiveUpload(c.req.header(), body, {
      dir: store.incomingDir(),
      limitFor: (name) => {
        if (!isMediaFile(name)) return limits.uploadBytes;
        // Refused before a byte is read: a 300 MB recording is not received only to be turned away.
        if (!ctx.ingest.transcripts.transcribes) throw new InputError(name, 'unsupported-type', NO_ASR);
        return limits.mediaUploadBytes;
      },
    }).catch(async (error: unknown) => {
      // A small rest is read and dropped so the client hears the refusal; a big one is left unread,
      // and then the client must not send its next request on this connection.
      if (!(await drainRefused(body, DRAIN_REFUSED_BYTES))) c.header('Connection', 'close');
      throw error;
    });
    try {
      const form = UploadFields.parse(received.fields);
      const file = received.file;
      if (!file) throw new ApiError(400, 'invalid-request', '缺少文件：请把文件放在表单的 file 字段');
      const { name, originalName } = file;
      // A run reads the materials recorded when it was created: a file added now is for the next run.
      const active = activeRunOf(db, id);
      const runUnderWay = active ? { id: active.id, status: active.status as 'queued' | 'running' } : null;
      const notice = active ? `这节课正在生成中，这份材料不会用于正在进行的生成，会在下一次生成时使用` : null;
      const same = materialWithContent(db, id, file.sha256);
      if (same) return c.json({ material: materialView(same), report: null, duplicate: true, runUnderWay, notice }, 200);
      if (listMaterials(db, id).length >= limits.materialsPerLesson) {
        throw new ApiError(409, 'too-many-materials', `每节课最多 ${limits.materialsPerLesson} 个材料`);
      }
      // A video or audio file is always a lesson video: it is transcribed (ASR) in the background.
      const media = isMediaFile(name);
      const isTranscript =
        media || form.kind === 'transcript' || (!form.kind && TRANSCRIPT_EXTENSIONS.has(path.extname(name).toLowerCase()));

      if (isTranscript) {
        // A recording stays on disk (moved into the store by the library that transcribes it); subtitles are small and read here.
        const { transcript, state } = media
          ? await ctx.ingest.transcripts.add(
              { name, path: file.path, sha256: file.sha256, bytes: file.bytes },
              { durationSec: form.videoDurationSec ?? null },
            )
          : await ctx.ingest.transcripts.add({ name, bytes: await fs.readFile(file.path) }, { durationSec: form.videoDurationSec ?? null });
        const stored = state ? transcript.sha256 : await store.adopt(file.path, file.sha256, file.bytes, 'text/plain');
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
      const bytes = new Uint8Array(await fs.readFile(file.path));
      const { document, state } = await ctx.ingest.add({ name, bytes }, ingestLimits(limits));
      const kind = form.kind && form.kind !== 'auto' ? form.kind : classifyKind(name, document.pages);
      const added = addMaterial(db, id, { name, originalName, sha256: document.sha256, kind, video: null });
      const report = documentReport(document, state);
      return c.json(
        { material: materialView(added.material), report, duplicate: added.duplicate, runUnderWay, notice },
        added.duplicate ? 200 : 201,
      );
    } finally {
      await received.discard();
    }
  });

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
