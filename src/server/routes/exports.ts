import { createRoute, z } from '@hono/zod-openapi';
import { getGroup } from '../../accounts/groups.js';
import { PLAN_LABEL_NAMES } from '../../collab/labels.js';
import { latestArtifactJson } from '../../lessons/artifacts.js';
import { readStoredPlan } from '../../lessons/plan-upgrade.js';
import { latestPlanVersion, type PlanVersionRow } from '../../lessons/plans.js';
import { renderPlanDocx, renderSheetsDocx } from '../../render/lazy-docx.js';
import { renderPlanMarkdown } from '../../render/plan-markdown.js';
import { renderVideoOutlineMarkdown } from '../../render/video-outline-markdown.js';
import { type App, lessonFor } from '../auth.js';
import type { ServiceContext } from '../context.js';
import { ApiError } from '../errors.js';
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

/**
 * The line under the title that says which version a printed plan is: its
 * label and number, and for a 终案 the group it belongs to and who finalised
 * it when, so the 终案 a school files is traceable.
 */
async function versionLine(ctx: ServiceContext, version: PlanVersionRow, groupId: string | null): Promise<string> {
  const label = `${PLAN_LABEL_NAMES[version.label]}（第 ${version.number} 版，第 ${version.cycle} 轮）`;
  if (version.label !== 'final') return label;
  const group = groupId ? await getGroup(ctx.db, groupId) : null;
  const day = version.createdAt.slice(0, 10);
  return [label, ...(group ? [`${group.school} ${group.name}`] : []), `定稿：${version.author} ${day}`].join(' · ');
}

export function exportRoutes(app: App, ctx: ServiceContext): void {
  const { db, store } = ctx;
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
      const { lesson } = await lessonFor(ctx, c, id, 'view');
      const version = latestPlanVersion(db, id);
      const plan = version ? readStoredPlan(version.json) : null;
      const status = version ? await versionLine(ctx, version, lesson.groupId) : null;
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
          file === 'plan.md'
            ? renderPlanMarkdown(plan, status)
            : file === 'plan.docx'
              ? await renderPlanDocx(plan, status)
              : await renderSheetsDocx(plan);
      }
      const { type, suffix } = EXPORTS[file];
      c.header('Content-Type', type);
      const final = version?.label === 'final' ? '终案-' : '';
      c.header('Content-Disposition', contentDisposition(file, `${plan?.title.text ?? lesson.title ?? lesson.subject}-${final}${suffix}`));
      return c.body(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>), 200);
    },
  );
}
