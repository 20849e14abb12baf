import fs from 'node:fs/promises';
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { STANDARD_STAGES } from '../../db/schema.js';
import { safeFileName } from '../../lessons/file-names.js';
import { countStandardItems, type SchoolStandard as StandardRow, standardItemsOf, standardsLibrary } from '../../standards/library.js';
import { PART_LABEL } from '../../standards/structure.js';
import { type App, currentUser } from '../auth.js';
import { ingestLimits, type ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, IngestReport, jsonResponse as json, MaterialProcessing } from '../schemas.js';
import { documentReport } from './materials.js';

const SchoolStandard = z
  .object({
    id: z.string(),
    name: z.string(),
    subject: z.string(),
    stage: z.enum(STANDARD_STAGES),
    /** 课标 items recognised; null while a scan is recognised. */
    items: z.number().int().nullable(),
    sha256: z.string(),
    addedBy: z.string().nullable(),
    createdAt: z.string(),
    /** How far reading the file is: a scan is recognised in the background; null when the service has not read it (added from another DATA_DIR). */
    processing: MaterialProcessing.nullable(),
  })
  .openapi('SchoolStandard');

const StandardUpload = SchoolStandard.extend({
  report: IngestReport.openapi({ description: 'What was read from the file, page by page, as for a material' }),
}).openapi('StandardUpload');

const StandardItem = z
  .object({
    index: z.number().int(),
    part: z.enum(['goals', 'content', 'achievement', 'tips', 'quality', 'other']).openapi({
      description: 'The part the standard’s own headings put it in; other (前言, 课程性质 …) is never quoted as a requirement',
    }),
    partLabel: z.string().openapi({ example: '内容要求' }),
    path: z.array(z.string()).openapi({ description: 'The headings above it, outermost first' }),
    stage: z.string().nullable().openapi({ description: 'The 学段 or grades it states, e.g. 第二学段（3～4年级）' }),
    page: z.number().int(),
    text: z.string(),
  })
  .openapi('StandardItem');

const StandardDetail = SchoolStandard.extend({
  pageUnit: z.enum(['page', 'section', 'slide']).nullable().openapi({ description: 'What `page` counts; null while unread' }),
  entries: z.array(StandardItem).openapi({ description: 'Every item as extracted, in reading order; empty while a scan is recognised' }),
  citedBy: z.number().int().openapi({
    description:
      'Lessons with a plan version citing this standard: removing it leaves those versions as they are; their next runs no longer get it',
  }),
}).openapi('StandardDetail');

const StandardForm = z.object({
  file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }),
  subject: z.string().trim().min(1, '请填写学科').max(20),
  stage: z.enum(STANDARD_STAGES, { message: `学段只能是 ${STANDARD_STAGES.join('、')}` }),
});

/**
 * The school's 课标 library (学校课标库): an admin adds a standard once, tagged
 * by subject and 学段; everyone signed in sees the list; a lesson with no 课标
 * of its own is grounded in the matching ones.
 */
export function standardRoutes(app: App, ctx: ServiceContext): void {
  const library = standardsLibrary(ctx.db);
  /** A scan added while it was still being recognised gets its item count once recognition has finished. */
  const view = (row: StandardRow) => {
    const { fileSha256, ...rest } = row;
    const processing = ctx.ingest.state(fileSha256);
    let items = row.items;
    const document = items === null && processing?.status === 'ready' ? ctx.ingest.document(fileSha256) : null;
    if (document) {
      items = countStandardItems(document);
      library.setItems(row.id, items);
    }
    return { ...rest, items, sha256: fileSha256, processing };
  };
  const requireAdmin = (c: Parameters<typeof currentUser>[0]) => {
    const user = currentUser(c);
    if (!user.admin) throw new ApiError(403, 'forbidden', '只有管理员可以管理学校课标库');
    return user;
  };

  // Checked before the body is read, as for materials.
  app.use(
    '/api/standards',
    bodyLimit({
      maxSize: ctx.limits.uploadBytes + 64 * 1024,
      onError: (c) =>
        c.json({ error: { code: 'too-large', message: `文件超过上传上限 ${Math.round(ctx.limits.uploadBytes / 1024 / 1024)} MB` } }, 413),
    }),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/standards',
      tags: ['standards'],
      summary: 'The school’s 课标 library: every standard with its subject, 学段 and how many items were recognised (anyone signed in)',
      responses: { 200: json(z.array(SchoolStandard), 'Standards, newest first'), 401: error('Not signed in') },
    }),
    async (c) => {
      currentUser(c);
      return c.json(library.list().map(view), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/standards/{id}',
      tags: ['standards'],
      summary:
        'One standard with every item extracted from it (part, headings, 学段, page), so a lead can check the extraction, and how many lessons cite it (anyone signed in)',
      request: { params: IdParam },
      responses: { 200: json(StandardDetail, 'The standard and its items'), 401: error('Not signed in'), 404: error('No such standard') },
    }),
    async (c) => {
      currentUser(c);
      const { id } = c.req.valid('param');
      const row = library.get(id);
      if (!row) throw notFound('课标', id);
      // A file parsed by an older ingest version (or never by this service) is read again now, once, by hash.
      if (!ctx.ingest.state(row.fileSha256)) {
        const bytes = new Uint8Array(await fs.readFile(ctx.store.pathOf(row.fileSha256)).catch(() => Buffer.alloc(0)));
        if (bytes.byteLength > 0) await ctx.ingest.add({ name: row.name, bytes }, ingestLimits(ctx.limits)).catch(() => null);
      }
      const standard = view(row);
      const document = standard.processing?.status === 'ready' ? ctx.ingest.document(row.fileSha256) : null;
      const entries = document
        ? standardItemsOf(document).map(({ grades: _grades, ...item }) => ({ ...item, partLabel: PART_LABEL[item.part] }))
        : [];
      return c.json({ ...standard, pageUnit: document?.pageUnit ?? null, entries, citedBy: library.citingLessons(row.name) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/standards',
      tags: ['standards'],
      summary:
        'Add a 课程标准 (PDF, Word, text; scans recognised in the background) to the library for a subject and 学段 (admin only); stored and parsed once by file hash',
      request: { body: { content: { 'multipart/form-data': { schema: StandardForm } }, required: true } },
      responses: {
        200: json(StandardUpload, 'Already in the library with these tags'),
        201: json(StandardUpload, 'Added'),
        400: error('Missing file, subject or 学段'),
        401: error('Not signed in'),
        403: error('Not an admin'),
        413: error('File too large'),
        415: error('Unsupported file type'),
        422: error('Unreadable, or no 课标 items recognised in it'),
      },
    }),
    async (c) => {
      const user = requireAdmin(c);
      const form = c.req.valid('form');
      const { name } = safeFileName(form.file.name || 'standard');
      const bytes = new Uint8Array(await form.file.arrayBuffer());
      if (bytes.byteLength > ctx.limits.uploadBytes) throw new ApiError(413, 'too-large', `${name}: 文件超过上传上限`);
      const { document, state } = await ctx.ingest.add({ name, bytes }, ingestLimits(ctx.limits));
      const recognising = state.status === 'recognising';
      const items = recognising ? null : countStandardItems(document);
      if (items === 0) {
        throw new ApiError(
          422,
          'not-a-standard',
          `${name}: 没有识别出课标条目（课程目标、内容要求、学业要求等）。请确认这是课程标准原文，且不是扫描件中看不清的页面`,
        );
      }
      const { standard, added } = library.add({
        fileSha256: document.sha256,
        name,
        subject: form.subject,
        stage: form.stage,
        items,
        addedBy: user.id,
      });
      return c.json({ ...view(standard), report: documentReport(document, state) }, added ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/standards/{id}',
      tags: ['standards'],
      summary:
        'Remove a standard from the library (admin only). Plan versions that cite it keep their 课标要求 and objective links (a plan stores the items’ words and pages), though their citations no longer open its page; runs started after it no longer get it',
      request: { params: IdParam },
      responses: {
        204: { description: 'Removed' },
        401: error('Not signed in'),
        403: error('Not an admin'),
        404: error('No such standard'),
      },
    }),
    async (c) => {
      requireAdmin(c);
      const { id } = c.req.valid('param');
      if (!library.remove(id)) throw notFound('课标', id);
      return c.body(null, 204);
    },
  );
}
