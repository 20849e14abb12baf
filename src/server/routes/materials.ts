import path from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { ingestTranscript } from '../../ingest/index.js';
import { addMaterial, deleteMaterial, getMaterial, listMaterials, type MaterialRow } from '../../lessons/materials.js';
import { activeRunOf } from '../../lessons/runs.js';
import { classifyKind } from '../../steps/t1-digest/kind.js';
import { type App, lessonFor } from '../auth.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, IngestReport, jsonResponse as json, Material, UploadForm } from '../schemas.js';

const TRANSCRIPT_EXTENSIONS = new Set(['.srt', '.vtt']);

function materialView(row: MaterialRow): z.infer<typeof Material> {
  const { fileSha256, ...rest } = row;
  return { ...rest, sha256: fileSha256 };
}

export function materialRoutes(app: App, ctx: ServiceContext): void {
  const { db, store, limits } = ctx;

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
      summary: 'Upload a material (PDF, TXT, Markdown) or subtitles (SRT, WebVTT, plain transcript)',
      request: { params: IdParam, body: { content: { 'multipart/form-data': { schema: UploadForm } }, required: true } },
      responses: {
        201: json(z.object({ material: Material, report: IngestReport }), 'Stored, with what could be read'),
        400: error('Missing file'),
        404: error('No such lesson'),
        409: error('Too many materials, or a run is under way'),
        413: error('File too large'),
        415: error('Unsupported file type'),
        422: error('Unreadable: encrypted, corrupt, scanned, garbled, no cues'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const form = c.req.valid('form');
      await lessonFor(ctx, c, id, 'edit');
      // A run reads the lesson's materials when it starts (and again if it resumes after a restart).
      if (activeRunOf(db, id)) throw new ApiError(409, 'run-active', '这节课正在生成中，请等生成结束或取消后再上传材料');
      if (listMaterials(db, id).length >= limits.materialsPerLesson) {
        throw new ApiError(409, 'too-many-materials', `每节课最多 ${limits.materialsPerLesson} 个材料`);
      }
      const name = path.basename(form.file.name || 'upload');
      const bytes = new Uint8Array(await form.file.arrayBuffer());
      if (bytes.byteLength > limits.uploadBytes) throw new ApiError(413, 'too-large', `${name}: 文件超过上传上限`);
      const isTranscript = form.kind === 'transcript' || (!form.kind && TRANSCRIPT_EXTENSIONS.has(path.extname(name).toLowerCase()));

      if (isTranscript) {
        const transcript = ingestTranscript({ name, bytes }, { durationSec: form.videoDurationSec ?? null });
        const sha256 = await store.put(bytes, 'text/plain');
        const material = addMaterial(db, id, {
          name,
          sha256,
          kind: 'transcript',
          video: { url: form.videoUrl ?? null, title: form.videoTitle ?? null, durationSec: form.videoDurationSec ?? null },
        });
        const report = {
          format: transcript.format,
          encoding: transcript.encoding,
          pages: null,
          characters: transcript.cues.reduce((sum, cue) => sum + cue.text.length, 0),
          cues: transcript.cues.length,
          durationSec: transcript.durationSec,
          quality: [],
          warnings: transcript.warnings,
        };
        return c.json({ material: materialView(material), report }, 201);
      }

      const document = await ctx.ingest.ingest({ name, bytes }, { maxBytes: limits.uploadBytes, maxPages: limits.pdfPages });
      const kind = form.kind && form.kind !== 'auto' ? form.kind : classifyKind(name, document.pages);
      const sha256 = await store.put(bytes, document.format === 'pdf' ? 'application/pdf' : 'text/plain');
      const material = addMaterial(db, id, { name, sha256, kind, video: null });
      const report = {
        format: document.format,
        encoding: document.encoding,
        pages: document.pages.length,
        characters: document.pages.reduce((sum, page) => sum + page.chars, 0),
        cues: null,
        durationSec: null,
        quality: document.pages.map(({ page, quality, chars, note }) => ({ page, quality, chars, note })),
        warnings: document.warnings,
      };
      return c.json({ material: materialView(material), report }, 201);
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
