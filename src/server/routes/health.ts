import { createRoute, z } from '@hono/zod-openapi';
import { databaseAnswers } from '../../db/client.js';
import type { App } from '../auth.js';
import type { ServiceContext } from '../context.js';
import { jsonResponse as json } from '../schemas.js';

const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    engine: z.enum(['offline', 'openai-compatible']),
    model: z.string().nullable(),
    database: z.enum(['ok', 'error']),
  })
  .openapi('Health');

export function healthRoutes(app: App, { db, modelConfig, version }: ServiceContext): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health',
      tags: ['service'],
      summary: 'Is the service up, which engine, is the database answering',
      security: [],
      responses: { 200: json(Health, 'Health'), 503: json(Health, 'Database not answering') },
    }),
    async (c) => {
      const database = (await databaseAnswers(db)) ? ('ok' as const) : ('error' as const);
      const body = {
        status: database === 'ok' ? ('ok' as const) : ('degraded' as const),
        version,
        engine: modelConfig ? ('openai-compatible' as const) : ('offline' as const),
        model: modelConfig?.model ?? null,
        database,
      };
      return database === 'ok' ? c.json(body, 200) : c.json(body, 503);
    },
  );
}
