import fs from 'node:fs/promises';
import { createRoute, z } from '@hono/zod-openapi';
import type { IngestedDocument } from '../../ingest/types.js';
import { lessonFileNamed } from '../../lessons/materials.js';
import { LIBRARY_LABEL, standardsLibrary } from '../../standards/library.js';
import { type App, lessonFor } from '../auth.js';
import { ingestLimits, type ServiceContext } from '../context.js';
import { ApiError } from '../errors.js';
import { errorResponse as error, IdParam, jsonResponse as json } from '../schemas.js';

const UNIT_WORD = { page: '页', section: '节', slide: '张幻灯片' } as const;

export const SourcePageQuery = z.object({
  file: z.string().min(1).max(255).openapi({ description: 'The file a citation names (SourceRef.file)', example: '数学三上.pdf' }),
  page: z.coerce.number().int().positive().openapi({ description: 'The cited page, section or slide (SourceRef.page)', example: 84 }),
});

export const SourcePage = z
  .object({
    file: z.string(),
    page: z.number().int(),
    unit: z.enum(['page', 'section', 'slide']),
    unitName: z.string().openapi({ description: '页, 节 or 张幻灯片', example: '页' }),
    pages: z.number().int().openapi({ description: 'How many pages (sections, slides) the file has' }),
    text: z.string().openapi({ description: 'The page’s text as the product read it' }),
    quality: z.enum(['good', 'garbled', 'empty']),
    note: z.string().nullable().openapi({ description: 'Why the page needs checking (garbled, OCR with low confidence), in Chinese' }),
    materialId: z
      .string()
      .nullable()
      .openapi({ description: 'The lesson’s material, or null when the file was removed after a run read it' }),
  })
  .openapi('SourcePage');

/**
 * The source passage behind a citation: the text of one page of a file the
 * lesson's plan cites, so a teacher can check a 「材料」 text against her book
 * without leaving the plan. Read-only, for anyone who may see the lesson.
 */
export function sourceRoutes(app: App, ctx: ServiceContext): void {
  const { db, store, limits } = ctx;

  /** The parse on record; a file parsed by an older ingest version is parsed again (by hash, once). */
  async function documentOf(file: { sha256: string; name: string }): Promise<IngestedDocument> {
    const parsed = ctx.ingest.parsedDocument(file.sha256);
    if (parsed) return parsed;
    const bytes = new Uint8Array(await fs.readFile(store.pathOf(file.sha256)));
    return (await ctx.ingest.add({ name: file.name, bytes }, ingestLimits(limits))).document;
  }

  /** A 课标 a run took from the school library (cited as 「学校课标库·<file>」): not one of the lesson's materials. */
  function libraryFile(name: string) {
    const standard = standardsLibrary(db).cited(name);
    return standard ? { sha256: standard.fileSha256, name, kind: 'curriculumStandard', materialId: null } : null;
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lessons/{id}/source-page',
      tags: ['materials'],
      summary: 'The text of one page (section, slide) of a file the lesson cites: what a citation in the plan points at',
      request: { params: IdParam, query: SourcePageQuery },
      responses: {
        200: json(SourcePage, 'The page as read'),
        400: error('Invalid query'),
        401: error('Not signed in'),
        404: error('No such lesson, no such file in it, no such page, or a subtitle file (cited by time, not page)'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { file: name, page } = c.req.valid('query');
      await lessonFor(ctx, c, id, 'view');
      const file = lessonFileNamed(db, id, name) ?? libraryFile(name);
      if (!file && name.startsWith(`${LIBRARY_LABEL}·`)) {
        throw new ApiError(404, 'no-such-file', `“${name}”已从学校课标库删除，无法显示原文；教学设计里引用的文字和页码不受影响`);
      }
      if (!file) throw new ApiError(404, 'no-such-file', `这节课没有名为“${name}”的材料`);
      if (file.kind === 'transcript') throw new ApiError(404, 'no-such-page', `“${name}”是视频字幕，按时间引用，没有页码`);
      let document: IngestedDocument;
      try {
        document = await documentOf(file);
      } catch {
        throw new ApiError(404, 'no-such-file', `“${name}”现在读不出文字，无法显示原文`);
      }
      const found = document.pages.find((p) => p.page === page);
      const unitName = UNIT_WORD[document.pageUnit];
      if (!found) throw new ApiError(404, 'no-such-page', `“${name}”没有第 ${page} ${unitName}（共 ${document.pages.length} ${unitName}）`);
      return c.json(
        {
          file: file.name,
          page,
          unit: document.pageUnit,
          unitName,
          pages: document.pages.length,
          text: found.text,
          quality: found.quality,
          note: found.note,
          materialId: file.materialId,
        },
        200,
      );
    },
  );
}
