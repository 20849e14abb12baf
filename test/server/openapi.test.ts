import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-oas-'));
let service: TestService;
beforeAll(async () => {
  service = await startService(dataDir);
});
afterAll(async () => {
  await service.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every route the issue names, as OpenAPI path templates. */
const ROUTES = [
  'get /api/health',
  'post /api/lessons',
  'get /api/lessons',
  'get /api/lessons/{id}',
  'patch /api/lessons/{id}',
  'delete /api/lessons/{id}',
  'post /api/lessons/{id}/materials',
  'get /api/lessons/{id}/materials',
  'delete /api/materials/{id}',
  'get /api/lessons/{id}/source-page',
  'get /api/materials/{id}/report',
  'post /api/lessons/{id}/runs',
  'get /api/runs/{id}',
  'get /api/runs/{id}/events',
  'post /api/runs/{id}/cancel',
  'get /api/lessons/{id}/runs/latest',
  'get /api/steps',
  'get /api/lessons/{id}/artifacts',
  'get /api/artifacts/{id}',
  'get /api/lessons/{id}/plan',
  'put /api/lessons/{id}/plan',
  'get /api/lessons/{id}/plan/versions',
  'get /api/lessons/{id}/export/{file}',
  'get /api/setup',
  'post /api/setup',
  'post /api/auth/login',
  'post /api/auth/logout',
  'get /api/auth/session',
  'post /api/auth/password',
  'get /api/auth/tokens',
  'post /api/auth/tokens',
  'delete /api/auth/tokens/{id}',
  'get /api/users',
  'post /api/users',
  'patch /api/users/{id}',
  'get /api/groups',
  'post /api/groups',
  'get /api/groups/{id}',
  'patch /api/groups/{id}',
  'put /api/groups/{id}/members/{userId}',
  'delete /api/groups/{id}/members/{userId}',
  'get /api/lessons/{id}/plan/versions/{versionId}',
  'post /api/lessons/{id}/plan/label',
  'post /api/lessons/{id}/plan/cycles',
  'get /api/lessons/{id}/plan/diff',
  'get /api/lessons/{id}/plan/versions/{versionId}/open-items',
  'get /api/lessons/{id}/comments',
  'post /api/lessons/{id}/comments',
  'post /api/comments/{id}/replies',
  'post /api/comments/{id}/resolve',
  'post /api/comments/{id}/reopen',
  'post /api/comments/{id}/accept',
  'post /api/comments/{id}/reject',
  'patch /api/comments/{id}',
  'delete /api/comments/{id}',
  'get /api/lessons/{id}/observations',
  'post /api/lessons/{id}/observations',
  'get /api/observations/{id}',
  'post /api/observations/{id}/events',
  'get /api/observations/{id}/events',
  'put /api/observations/{id}/results',
  'get /api/observations/{id}/results',
  'get /api/observations/{id}/report',
  'get /api/observations/{id}/report.docx',
  'post /api/observations/{id}/reflection/draft',
  'post /api/observations/{id}/reflection',
  'post /api/lessons/{id}/plan/revise',
  'post /api/lessons/{id}/plan/refine',
  'get /api/lessons/{id}/plan/revisions',
  'get /api/standards',
  'post /api/standards',
  'get /api/standards/{id}',
  'delete /api/standards/{id}',
];

/** The only routes open without signing in. */
const PUBLIC = ['get /api/health', 'get /api/setup', 'post /api/setup', 'post /api/auth/login'];

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document covering every route, each with responses and its path parameters', async () => {
    const { status, body: doc } = await api(service.url, 'GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    expect(documented.sort()).toEqual([...ROUTES].sort());
    for (const [route, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { responses: object; parameters?: { name: string; in: string }[] }>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses).length, `${method} ${route}`).toBeGreaterThan(0);
        for (const name of route.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
          expect(
            op.parameters?.some((p) => p.name === name && p.in === 'path'),
            `${method} ${route} documents {${name}}`,
          ).toBe(true);
        }
      }
    }
    // How to sign in: a session cookie or a bearer token everywhere, except the public routes; protected routes document 401.
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
    expect(doc.security).toEqual([{ session: [] }, { bearer: [] }]);
    for (const route of ROUTES) {
      const [method, template] = route.split(' ') as [string, string];
      const op = doc.paths[template][method];
      if (PUBLIC.includes(route)) expect(op.security, route).toEqual([]);
      else expect(op.responses['401'], `${route} documents 401`).toBeTruthy();
    }
    // Every $ref resolves to a component.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeTruthy();
  });

  it('answers the documented schema for a real response (health)', async () => {
    const { body } = await api(service.url, 'GET', '/api/health');
    expect(body).toEqual({ status: 'ok', version: 'test', engine: 'offline', model: null, database: 'ok' });
  });
});
