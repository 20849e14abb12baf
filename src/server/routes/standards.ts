import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { STANDARD_STAGES } from '../../db/schema.js';
import { safeFileName } from '../../lessons/file-names.js';
import { countStandardItems, standardsLibrary } from '../../standards/library.js';
import { type App, currentUser } from '../auth.js';
import { ingestLimits, type ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, jsonResponse as json } from '../schemas.js';

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
  })
  .openapi('SchoolStandard');

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
  const view = ({ fileSha256, ...row }: ReturnType<typeof library.list>[number]) => ({ ...row, sha256: fileSha256 });
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
      method: 'post',
      path: '/api/standards',
      tags: ['standards'],
      summary:
        'Add a 课程标准 (PDF, Word, text; scans recognised in the background) to the library for a subject and 学段 (admin only); stored and parsed once by file hash',
      request: { body: { content: { 'multipart/form-data': { schema: StandardForm } }, required: true } },
      responses: {
        200: json(SchoolStandard, 'Already in the library with these tags'),
        201: json(SchoolStandard, 'Added'),
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
      return c.json(view(standard), added ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/standards/{id}',
      tags: ['standards'],
      summary: 'Remove a standard from the library (admin only); lessons already planned keep their 课标要求',
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
