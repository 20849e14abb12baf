import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';
import { type SignedIn, signedInTeacher } from '../support/accounts.js';
import { api, fetchAs, upload } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const FIXTURES = packagePath('test/fixtures/ingest');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-err-'));
let service: TestService;
let teacher: SignedIn;
let lessonId: string;

beforeAll(async () => {
  service = await startService(dataDir, { limits: { uploadBytes: 200_000, materialsPerLesson: 3, jsonBytes: 64 * 1024 } });
  teacher = await signedInTeacher(service.url);
  lessonId = (await api(teacher, 'POST', '/api/lessons', { title: '测试', subject: '数学', grade: 3 })).body.id;
});
afterAll(async () => {
  await service.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const expectError = (response: { status: number; body: { error?: { code: string; message: string } } }, status: number, code?: string) => {
  expect(response.status).toBe(status);
  expect(response.body.error?.message).toBeTruthy();
  if (code) expect(response.body.error?.code).toBe(code);
  expect(JSON.stringify(response.body)).not.toMatch(/\n\s+at |\.ts:\d+/);
};

describe('errors: one envelope, the right status, never a stack trace', () => {
  it('400 for an invalid body, naming the field', async () => {
    const response = await api(teacher, 'POST', '/api/lessons', { subject: '数学', grade: 13 });
    expectError(response, 400, 'invalid-request');
    expect(JSON.stringify(response.body.error.details)).toContain('grade');
  });

  it('400 for a body that is not JSON, 413 for a JSON body over the limit', async () => {
    const malformed = await fetchAs(teacher, '/api/lessons', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": "周长",',
    });
    expectError(
      { status: malformed.status, body: (await malformed.json()) as { error?: { code: string; message: string } } },
      400,
      'invalid-json',
    );
    const huge = { title: '周长', subject: '数学', grade: 3, classProfile: '很'.repeat(40_000) };
    expectError(await api(teacher, 'POST', '/api/lessons', huge), 413, 'too-large');
  });

  it('400 for a video link that is not http(s)', async () => {
    const response = await upload(teacher, lessonId, path.join(DEMO, 'video/zhouchang.srt'), { videoUrl: 'javascript:alert(1)' });
    expectError(response, 400, 'invalid-request');
    expect(JSON.stringify(response.body)).toContain('http');
  });

  it('401 for every lesson route without a session, in the same envelope', async () => {
    expectError(await api(service.url, 'GET', '/api/lessons'), 401, 'unauthenticated');
    expectError(await api(service.url, 'GET', `/api/lessons/${lessonId}`), 401, 'unauthenticated');
    expectError(await api(service.url, 'POST', '/api/lessons', { title: '周长', subject: '数学', grade: 3 }), 401, 'unauthenticated');
  });

  it('404 for unknown ids and routes', async () => {
    expectError(await api(teacher, 'GET', '/api/lessons/nope'), 404, 'not-found');
    expectError(await api(teacher, 'GET', '/api/runs/nope'), 404);
    expectError(await api(teacher, 'GET', '/api/artifacts/nope'), 404);
    expectError(await api(teacher, 'DELETE', '/api/materials/nope'), 404);
    expectError(await api(teacher, 'GET', '/api/nothing-here'), 404);
  });

  it('409 when the lesson has no material to run on, and 409 for a plan that does not exist yet', async () => {
    expectError(await api(teacher, 'POST', `/api/lessons/${lessonId}/runs`, {}), 409, 'no-materials');
    expectError(await api(teacher, 'GET', `/api/lessons/${lessonId}/plan`), 404, 'no-plan');
  });

  it('413 for a file over the upload limit', async () => {
    const big = path.join(dataDir, 'big.pdf');
    fs.writeFileSync(big, Buffer.alloc(300_000, 0x20));
    expectError(await upload(teacher, lessonId, big), 413, 'too-large');
  });

  it('415 for a file type the product cannot read', async () => {
    const png = path.join(dataDir, 'photo.png');
    fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    expectError(await upload(teacher, lessonId, png), 415, 'unsupported-type');
  });

  it.each([
    ['encrypted.pdf', 'encrypted'],
    ['scanned.pdf', 'scanned'],
    ['corrupt.pdf', 'corrupt'],
    ['truncated.pdf', 'corrupt'],
  ])('422 for %s, naming the file', async (name, code) => {
    const response = await upload(teacher, lessonId, path.join(FIXTURES, name));
    expectError(response, 422, code);
    expect(response.body.error.message).toContain(name);
  });

  it('422 for subtitles with no usable cue', async () => {
    const empty = path.join(dataDir, 'empty.srt');
    fs.writeFileSync(empty, '1\n00:00:xx,000 --> 00:00:02,000\n你好\n\n2\n00:00:05,000 --> 00:00:03,000\n再见\n');
    expectError(await upload(teacher, lessonId, empty), 422, 'no-cues');
  });

  it('503 when a model run is asked for and none is configured', async () => {
    expect((await upload(teacher, lessonId, path.join(DEMO, 'materials/jiaocan.md'))).status).toBe(201);
    expectError(await api(teacher, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'openai' }), 503, 'model-unavailable');
  });

  it('409 for too many materials, and for cancelling a run that already ended', async () => {
    await upload(teacher, lessonId, path.join(DEMO, 'materials/textbook-p82-84.pdf'));
    await upload(teacher, lessonId, path.join(DEMO, 'video/zhouchang.srt'));
    expectError(await upload(teacher, lessonId, path.join(DEMO, 'materials/jiaocan.md')), 409, 'too-many-materials');
    const run = (await api(teacher, 'POST', `/api/lessons/${lessonId}/runs`, {})).body;
    expectError(await api(teacher, 'POST', `/api/lessons/${lessonId}/runs`, {}), 409, 'run-active');
    await fetchAs(teacher, `/api/runs/${run.id}/events`).then((r) => r.text());
    expectError(await api(teacher, 'POST', `/api/runs/${run.id}/cancel`), 409, 'run-finished');
  });
});
