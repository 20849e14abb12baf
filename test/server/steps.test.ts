import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';
import { STEPS } from '../../src/pipeline/registry.js';
import { type SignedIn, signedInTeacher } from '../support/accounts.js';
import { api, upload } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-steps-'));
let service: TestService;
let teacher: SignedIn;
beforeAll(async () => {
  service = await startService(dataDir);
  teacher = await signedInTeacher(service.url);
});
afterAll(async () => {
  await service.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/steps', () => {
  it('needs a signed-in user', async () => {
    expect((await api(service.url, 'GET', '/api/steps')).status).toBe(401);
  });

  it('lists the registry’s steps with their stage and phase, and the stages and phases in order', async () => {
    const { status, body } = await api(teacher, 'GET', '/api/steps');
    expect(status).toBe(200);
    expect(body.steps.map((s: { id: string }) => s.id)).toEqual(STEPS.map((s) => s.id));
    expect(body.stages.map((s: { label: string }) => s.label)).toEqual(['文字材料', '教学视频', '课件编撰']);
    expect(body.phases.map((p: { label: string }) => p.label)).toEqual(['资源输入', '智能加工', '成果输出']);
    for (const step of body.steps) {
      const registered = STEPS.find((s) => s.id === step.id)!;
      expect(step).toMatchObject({
        title: registered.title,
        stage: registered.stage,
        phase: registered.phase,
        usesModel: registered.prompt !== null,
      });
    }
  });
});

describe('GET /api/lessons/:id/runs/latest', () => {
  it('is a 404 with code no-run before the first run, then the newest run whatever its status', async () => {
    const lesson = (await api(teacher, 'POST', '/api/lessons', { title: '长方形和正方形的周长', subject: '数学', grade: 3 })).body;
    const before = await api(teacher, 'GET', `/api/lessons/${lesson.id}/runs/latest`);
    expect(before.status).toBe(404);
    expect(before.body.error.code).toBe('no-run');
    await upload(teacher, lesson.id, packagePath('eval/cases/demo-shuxue-g3-zhouchang/materials/textbook-p82-84.pdf'));
    const run = (await api(teacher, 'POST', `/api/lessons/${lesson.id}/runs`, {})).body;
    const latest = await api(teacher, 'GET', `/api/lessons/${lesson.id}/runs/latest`);
    expect(latest.status).toBe(200);
    expect(latest.body.id).toBe(run.id);
    expect(latest.body.steps).toHaveLength(STEPS.length);
    await api(teacher, 'POST', `/api/runs/${run.id}/cancel`);
    expect((await api(teacher, 'GET', '/api/lessons/nope/runs/latest')).body.error.code).toBe('not-found');
  });
});
