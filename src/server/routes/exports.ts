import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { latestArtifactJson } from '../../lessons/artifacts.js';
import { getLesson } from '../../lessons/lessons.js';
import { readStoredPlan } from '../../lessons/plan-upgrade.js';
import { latestPlanVersion } from '../../lessons/plans.js';
import { renderPlanDocx } from '../../render/plan-docx.js';
import { renderPlanMarkdown } from '../../render/plan-markdown.js';
import { renderSheetsDocx } from '../../render/sheets-docx.js';
import { renderVideoOutlineMarkdown } from '../../render/video-outline-markdown.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam } from '../schemas.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const MARKDOWN = 'text/markdown; charset=utf-8';

const EXPORTS = {
  'deck.pptx': { type: PPTX, suffix: '课件.pptx' },
  'plan.docx': { type: DOCX, suffix: '教学设计.docx' },
  'plan.md': { type: MARKDOWN, suffix: '教学设计.md' },
  'sheets.docx': { type: DOCX, suffix: '三单.docx' },
  'video-outline.md': { type: MARKDOWN, suffix: '视频提纲.md' },
} as const;
type ExportName = keyof typeof EXPORTS;

/**
 * RFC 6266 / 5987: an ASCII fallback for old clients and the real Chinese name
 * percent-encoded as UTF-8, which every current browser and WPS download uses.
 */
export function contentDisposition(asciiName: string, name: string): string {
  const fallback = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function exportRoutes(app: OpenAPIHono, { db, store }: ServiceContext): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/export/{file}',
      tags: ['exports'],
      summary: 'Download deck.pptx, plan.docx, plan.md, sheets.docx or video-outline.md (the current plan version, edits included)',
      request: {
        params: IdParam.extend({
          file: z.enum(Object.keys(EXPORTS) as [ExportName, ...ExportName[]]).openapi({ param: { name: 'file', in: 'path' } }),
        }),
      },
      responses: {
        200: {
          content: Object.fromEntries(Object.values(EXPORTS).map((e) => [e.type, { schema: z.string().openapi({ format: 'binary' }) }])),
          description: 'The file',
        },
        404: error('No such lesson, or not generated yet'),
      },
    }),
    async (c) => {
      const { id, file } = c.req.valid('param');
      const lesson = getLesson(db, id);
      if (!lesson) throw notFound('课程', id);
      const stored = latestPlanVersion(db, id);
      const plan = stored ? readStoredPlan(stored.json) : null;
      const missing = () => new ApiError(404, 'not-generated', `还没有 ${file}，请先生成`);
      let body: Uint8Array | string;
      if (file === 'deck.pptx') {
        const deck = latestArtifactJson(db, id, 'C3');
        if (!deck) throw missing();
        body = await store.get(deck.sha256);
      } else if (file === 'video-outline.md') {
        const outline = latestArtifactJson(db, id, 'V3');
        if (!outline) throw missing();
        body = renderVideoOutlineMarkdown(outline, plan);
      } else {
        if (!plan) throw missing();
        body =
          file === 'plan.md' ? renderPlanMarkdown(plan) : file === 'plan.docx' ? await renderPlanDocx(plan) : await renderSheetsDocx(plan);
      }
      const { type, suffix } = EXPORTS[file];
      c.header('Content-Type', type);
      c.header('Content-Disposition', contentDisposition(file, `${plan?.title.text ?? lesson.title ?? lesson.subject}-${suffix}`));
      return c.body(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>), 200);
    },
  );
}
