import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';
import { STEPS } from '../../src/pipeline/registry.js';
import { api, upload } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-steps-'));
let service: TestService;
beforeAll(async () => {
  service = await startService(dataDir);
});
afterAll(async () => {
  await service.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/steps', () => {
  it('lists the registry’s steps with their stage and phase, and the stages and phases in order', async () => {
    const { status, body } = await api(service.url, 'GET', '/api/steps');
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
    const lesson = (await api(service.url, 'POST', '/api/lessons', { title: '长方形和正方形的周长', subject: '数学', grade: 3 })).body;
    const before = await api(service.url, 'GET', `/api/lessons/${lesson.id}/runs/latest`);
    expect(before.status).toBe(404);
    expect(before.body.error.code).toBe('no-run');
    await upload(service.url, lesson.id, packagePath('eval/cases/demo-shuxue-g3-zhouchang/materials/textbook-p82-84.pdf'));
    const run = (await api(service.url, 'POST', `/api/lessons/${lesson.id}/runs`, {})).body;
    const latest = await api(service.url, 'GET', `/api/lessons/${lesson.id}/runs/latest`);
    expect(latest.status).toBe(200);
    expect(latest.body.id).toBe(run.id);
    expect(latest.body.steps).toHaveLength(STEPS.length);
    await api(service.url, 'POST', `/api/runs/${run.id}/cancel`);
    expect((await api(service.url, 'GET', '/api/lessons/nope/runs/latest')).body.error.code).toBe('not-found');
  });
});
