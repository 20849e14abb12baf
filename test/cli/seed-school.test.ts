import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signIn } from '../support/accounts.js';
import { compiledBin } from '../support/compiled.js';
import { api, fetchAs } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

/**
 * `lessonprep demo --seed-school` on an empty data directory, then the real
 * service on that directory: the demo school signs in with the printed
 * passwords, finds the lesson part-way through the loop with its observation
 * data, and finishes it (reflection, 终案) over HTTP.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-seed-'));
const dataDir = path.join(work, 'data');
let stdout = '';
let service: TestService;
let lead: SignedIn;
let observer: SignedIn;
let lessonId: string;

beforeAll(async () => {
  const result = spawnSync(process.execPath, [compiledBin(), 'demo', '--seed-school', '--out', path.join(work, 'out')], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir },
    timeout: 300_000,
  });
  stdout = result.stdout;
  expect(result.status, result.stderr).toBe(0);
  service = await startService(dataDir);
  const password = (username: string) => stdout.match(new RegExp(`${username.replace('.', '\\.')}\\s+\\S+　密码 (\\S+)`))?.[1];
  lead = await signIn(service.url, 'demo.lead', password('demo.lead'));
  observer = await signIn(service.url, 'demo.observer', password('demo.observer'));
  lessonId = (await api(lead, 'GET', '/api/lessons')).body[0].id;
}, 330_000);
afterAll(async () => {
  await service?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the demo school', () => {
  it('says what it made, that the observation data is made up, and what is left to do', () => {
    expect(stdout).toContain('共案（第 3 版）');
    expect(stdout).toContain('演示用的模拟数据');
    expect(stdout).toContain('还没做的：教学反思和终案');
  });

  it('has the lesson at its 共案 with the accepted suggestion, and the question still open', async () => {
    const versions = (await api(observer, 'GET', `/api/lessons/${lessonId}/plan/versions`)).body;
    expect(versions.map((v: { labelName: string; author: string }) => `${v.labelName} ${v.author}`)).toEqual([
      '共案 张主备',
      '初案 张主备',
      expect.stringMatching(/^AI初稿 /),
    ]);
    const open = (await api(observer, 'GET', `/api/lessons/${lessonId}/plan/versions/${versions[0].id}/open-items`)).body.items;
    expect(open.map((o: { body: string }) => o.body)).toEqual([expect.stringContaining('达标检测单')]);
    const shared = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body.plan;
    expect(shared.process[1].intent).toMatchObject({ text: expect.stringContaining('描一描、量一量'), origin: 'teacher' });
  });

  it('has a taught lesson observed by two colleagues, whose report shows the data', async () => {
    const [observation] = (await api(observer, 'GET', `/api/lessons/${lessonId}/observations`)).body;
    expect(observation).toMatchObject({ className: '三(2)班', versionNumber: 3, teacherName: '张主备', hasResults: true });
    expect(observation.observers.map((o: { name: string }) => o.name).sort()).toEqual(['赵老师', '陈老师'].sort());
    const report = (await api(observer, 'GET', `/api/observations/${observation.id}/report`)).body;
    expect(report.observers).toHaveLength(2);
    // One sample every 30 s by each observer; they disagree on some, so the Rt they give differ.
    const minutes = report.steps.reduce((sum: number, s: { taughtMinutes: { mean: number } }) => sum + s.taughtMinutes.mean, 0);
    expect(report.observers.map((o: { st: { n: number } }) => o.st.n)).toEqual([minutes * 2, minutes * 2]);
    expect(report.aggregate.rt.sd).toBeGreaterThan(0);
    expect(report.steps.filter((s: { notes: unknown[] }) => s.notes.length > 0).length).toBeGreaterThan(0);
    expect(report.steps.some((s: { deltaMinutes: number | null }) => (s.deltaMinutes ?? 0) > 0)).toBe(true);
    expect(report.attainment.classSize).toBe(40);
    expect(report.attainment.objectives.some((o: { rate: number | null }) => o.rate !== null)).toBe(true);
    const docx = await fetchAs(lead, `/api/observations/${observation.id}/report.docx`);
    expect(docx.status).toBe(200);
  });

  it('is finished over HTTP: the lead writes the reflection from the offline draft and marks the 终案', async () => {
    const [observation] = (await api(lead, 'GET', `/api/lessons/${lessonId}/observations`)).body;
    const draft = (await api(lead, 'POST', `/api/observations/${observation.id}/reflection/draft`, { engine: 'offline' })).body;
    const text = draft.text.replace(/【待教师补充：[^】]*】/g, '小组分工要先说清楚。');
    const shared = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body;
    const saved = await api(lead, 'POST', `/api/observations/${observation.id}/reflection`, {
      basedOn: shared.id,
      text,
      draftId: draft.id,
    });
    expect(saved.status).toBe(201);
    const final = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/label`, { basedOn: saved.body.id, label: 'final' });
    expect(final.body).toMatchObject({ number: 5, labelName: '终案' });
    const md = await (await fetchAs(observer, `/api/lessons/${lessonId}/export/plan.md`)).text();
    expect(md).toContain('演示小学 三年级数学教研组');
    expect(md).toContain('小组分工要先说清楚。');
  });
});
