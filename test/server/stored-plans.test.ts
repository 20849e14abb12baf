import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { planVersions } from '../../src/db/schema.js';
import type { LessonPlan } from '../../src/domain/index.js';
import { addPlanVersion } from '../../src/lessons/plans.js';
import { packagePath } from '../../src/paths.js';
import { type SignedIn, signedInTeacher } from '../support/accounts.js';
import { api, upload, waitForRun } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

/** The demo lesson's plan as lessonprep stored it before origins and roles (shape version 1). */
const v1 = JSON.parse(fs.readFileSync(packagePath('test/fixtures/plans/plan-v1-demo.json'), 'utf8'));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-stored-'));
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

/** A lesson whose plan row was written by an older lessonprep: stored straight into the service's database. */
async function lessonWithStoredPlan(json: unknown): Promise<string> {
  const lesson = (await api(teacher, 'POST', '/api/lessons', { title: '长方形和正方形的周长', subject: '数学', grade: 3 })).body;
  const db = openDatabase(path.join(dataDir, 'lessonprep.sqlite'));
  try {
    addPlanVersion(db, lesson.id, json as LessonPlan, {
      label: 'ai-draft',
      author: '离线规则引擎',
      authorId: null,
      basedOn: null,
      runId: null,
    });
  } finally {
    db.$client.close();
  }
  return lesson.id;
}

describe('plans stored in an older shape', () => {
  it('are upgraded when read: GET /plan answers with the current shape, and the exports render it', async () => {
    const id = await lessonWithStoredPlan(v1);
    const got = await api(teacher, 'GET', `/api/lessons/${id}/plan`);
    expect(got.status).toBe(200);
    expect(got.body.plan.schemaVersion).toBe(2);
    expect(got.body.plan.process[0]).toMatchObject({ id: 'S1', role: 'lead-in', teacherActivity: { origin: 'template' } });
    const md = await fetch(`${service.url}/api/lessons/${id}/export/plan.md`, { headers: { cookie: teacher.cookie } });
    expect(md.status).toBe(200);
    expect(await md.text()).toContain('自动升级');
  });

  it('can be edited: her rewrite is marked hers, and the re-run makes the deck from the upgraded plan', async () => {
    const id = await lessonWithStoredPlan(v1);
    await upload(teacher, id, packagePath('eval/cases/demo-shuxue-g3-zhouchang/materials/jiaocan.md'));
    const current = (await api(teacher, 'GET', `/api/lessons/${id}/plan`)).body;
    const plan = structuredClone(current.plan);
    plan.learnerAnalysis.text = '本班 32 人，一半学生列式时漏写括号。';
    plan.learnerAnalysis.origin = 'material';
    const saved = await api(teacher, 'PUT', `/api/lessons/${id}/plan`, { plan, basedOn: current.id, label: 'revision' });
    expect(saved.status).toBe(201);
    expect(saved.body.version.plan.learnerAnalysis).toMatchObject({ text: '本班 32 人，一半学生列式时漏写括号。', origin: 'teacher' });
    expect(saved.body.version.plan.textbookAnalysis.origin).toBe('template');
    const run = await waitForRun(teacher, saved.body.run.id);
    expect(run.status).toBe('succeeded');
  });

  it('are refused with a clear message when they cannot be read, and nothing stored is lost', async () => {
    const id = await lessonWithStoredPlan({ title: '残缺的旧版', process: 'x' });
    const got = await api(teacher, 'GET', `/api/lessons/${id}/plan`);
    expect(got.status).toBe(409);
    expect(got.body.error).toMatchObject({ code: 'plan-unreadable' });
    expect(got.body.error.message).toContain('请重新生成教学设计');
    const db = openDatabase(path.join(dataDir, 'lessonprep.sqlite'));
    try {
      expect(
        db
          .select()
          .from(planVersions)
          .all()
          .some((row) => (row.json as { title?: string }).title === '残缺的旧版'),
      ).toBe(true);
    } finally {
      db.$client.close();
    }
  });
});
