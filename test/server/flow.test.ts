import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { LessonPlan } from '../../src/domain/index.js';
import { packagePath } from '../../src/paths.js';
import { STEPS } from '../../src/pipeline/registry.js';
import type { SignedIn } from '../support/accounts.js';
import { api, fetchAs, readEvents, upload, waitForRun } from '../support/http.js';
import { teacherService } from '../support/teacher-service.js';

// One teacher's lesson over HTTP, from the upload to the edited plan; the step listing is in steps.test.ts.
const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const live = teacherService('lessonprep-svc-');
let teacher: SignedIn;
let lessonId: string;

beforeAll(() => {
  teacher = live.teacher;
});

describe('lessons and materials', () => {
  it('changes a lesson with PATCH, lists it, and deletes it with its materials', async () => {
    const created = (await api(teacher, 'POST', '/api/lessons', { title: '草稿', subject: '语文', grade: 2 })).body;
    const patched = await api(teacher, 'PATCH', `/api/lessons/${created.id}`, { title: '雾在哪里', classProfile: '28 人' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: '雾在哪里', classProfile: '28 人', grade: 2 });
    expect(patched.body).not.toHaveProperty('fingerprint');
    expect((await api(teacher, 'GET', '/api/lessons')).body.map((l: { id: string }) => l.id)).toContain(created.id);

    const material = (await upload(teacher, created.id, path.join(DEMO, 'materials/jiaocan.md'))).body.material;
    expect((await api(teacher, 'DELETE', `/api/materials/${material.id}`)).status).toBe(204);
    expect((await api(teacher, 'GET', `/api/lessons/${created.id}/materials`)).body).toEqual([]);
    expect((await api(teacher, 'DELETE', `/api/lessons/${created.id}`)).status).toBe(204);
    expect((await api(teacher, 'GET', `/api/lessons/${created.id}`)).status).toBe(404);
  });
});

describe('the whole flow over HTTP', () => {
  it('creates a lesson and uploads a PDF, a teacher guide and subtitles with ingest reports', async () => {
    const created = await api(teacher, 'POST', '/api/lessons', {
      title: '长方形和正方形的周长',
      subject: '数学',
      grade: 3,
      edition: '人教版',
    });
    expect(created.status).toBe(201);
    lessonId = created.body.id;
    const none = await api(teacher, 'GET', `/api/lessons/${lessonId}/runs/latest`);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('no-run');

    const pdf = await upload(teacher, lessonId, path.join(DEMO, 'materials/textbook-p82-84.pdf'));
    expect(pdf.status).toBe(201);
    expect(pdf.body.material.kind).toBe('textbook');
    expect(pdf.body.report).toMatchObject({ format: 'pdf', pages: 3 });
    expect(pdf.body.report.quality.every((q: { quality: string }) => q.quality === 'good')).toBe(true);

    const guide = await upload(teacher, lessonId, path.join(DEMO, 'materials/jiaocan.md'));
    expect(guide.body.material.kind).toBe('teacherGuide');
    const srt = await upload(teacher, lessonId, path.join(DEMO, 'video/zhouchang.srt'), {
      videoUrl: 'https://basic.smartedu.cn/x?id=1',
      videoTitle: '周长微课',
    });
    expect(srt.status).toBe(201);
    expect(srt.body.report.cues).toBeGreaterThan(100);
    expect((await api(teacher, 'GET', `/api/lessons/${lessonId}/materials`)).body).toHaveLength(3);
  });

  it('runs the nine steps off the request path and streams their events to the end', async () => {
    const started = await api(teacher, 'POST', `/api/lessons/${lessonId}/runs`, { theme: 'heiban' });
    expect(started.status).toBe(202);
    const latest = await api(teacher, 'GET', `/api/lessons/${lessonId}/runs/latest`);
    expect(latest.status).toBe(200);
    expect(latest.body.id).toBe(started.body.id);
    expect(latest.body.steps).toHaveLength(STEPS.length);
    expect((await api(teacher, 'GET', '/api/lessons/nope/runs/latest')).body.error.code).toBe('not-found');
    const events = await readEvents(teacher, `/api/runs/${started.body.id}/events`);
    const finished = events.filter((e) => e.event === 'step' && e.data.status === 'finished').map((e) => e.data.stepId);
    expect(finished.sort()).toEqual(['C1', 'C2', 'C3', 'T1', 'T2', 'T3', 'V1', 'V2', 'V3']);
    expect(events.at(-1)!.data).toMatchObject({ type: 'run', status: 'succeeded' });

    // A client that connects after the end still gets every event.
    const late = await readEvents(teacher, `/api/runs/${started.body.id}/events`);
    expect(late.length).toBe(events.length);
    const run = (await api(teacher, 'GET', `/api/runs/${started.body.id}`)).body;
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`)).toContain('C3:succeeded');
  });

  it('lists the artifacts and serves each one’s JSON', async () => {
    const list = (await api(teacher, 'GET', `/api/lessons/${lessonId}/artifacts`)).body as {
      id: string;
      stepId: string;
      version: number;
    }[];
    expect(list.map((a) => a.stepId).sort()).toEqual(['C1', 'C2', 'C3', 'T1', 'T2', 'T3', 'V1', 'V2', 'V3']);
    const plan = list.find((a) => a.stepId === 'T3')!;
    const artifact = await api(teacher, 'GET', `/api/artifacts/${plan.id}`);
    expect(LessonPlan.safeParse(artifact.body.json).success).toBe(true);
  });

  it('downloads a deck that re-opens, with a Chinese-safe file name', async () => {
    const response = await fetchAs(teacher, `/api/lessons/${lessonId}/export/deck.pptx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('presentationml');
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''%E9%95%BF%E6%96%B9%E5%BD%A2");
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    expect(Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length).toBeGreaterThan(10);
    for (const file of ['plan.docx', 'plan.md', 'sheets.docx', 'video-outline.md']) {
      const r = await fetchAs(teacher, `/api/lessons/${lessonId}/export/${file}`);
      expect(r.status, file).toBe(200);
      expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(500);
    }
  });

  it('saves an edited plan as a new version and re-runs only what depends on it', async () => {
    const current = (await api(teacher, 'GET', `/api/lessons/${lessonId}/plan`)).body;
    expect(current).toMatchObject({ number: 1, label: 'ai-draft' });
    const plan = structuredClone(current.plan);
    plan.process[0].name = '创设情境';
    plan.process[0].minutes += 1;
    plan.process[2].minutes -= 1;

    const broken = structuredClone(plan);
    broken.process[0].minutes += 10;
    const refused = await api(teacher, 'PUT', `/api/lessons/${lessonId}/plan`, { plan: broken, basedOn: current.id });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('不符');

    const saved = await api(teacher, 'PUT', `/api/lessons/${lessonId}/plan`, { plan, basedOn: current.id });
    expect(saved.status).toBe(201);
    expect(saved.body.version).toMatchObject({
      number: 2,
      label: 'revision',
      labelName: '修订',
      author: '王老师',
      authorId: teacher.userId,
      basedOn: current.id,
    });
    const run = await waitForRun(teacher, saved.body.run.id);
    expect(run.status).toBe('succeeded');
    expect((await api(teacher, 'GET', `/api/lessons/${lessonId}/runs/latest`)).body.id).toBe(run.id);
    expect(run.theme).toBe('heiban');
    const byId = Object.fromEntries(run.steps.map((s: { id: string; cached: boolean; status: string }) => [s.id, s]));
    for (const id of ['T1', 'T2', 'V1', 'V2']) expect(byId[id].cached, id).toBe(true);
    for (const id of ['V3', 'C1', 'C2', 'C3']) expect(byId[id].cached, id).toBe(false);

    const outline = await (await fetchAs(teacher, `/api/lessons/${lessonId}/export/video-outline.md`)).text();
    const md = await (await fetchAs(teacher, `/api/lessons/${lessonId}/export/plan.md`)).text();
    expect(md).toContain('创设情境');
    expect(outline.length).toBeGreaterThan(100);
    const versions = (await api(teacher, 'GET', `/api/lessons/${lessonId}/plan/versions`)).body;
    expect(versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);

    const stale = await api(teacher, 'PUT', `/api/lessons/${lessonId}/plan`, { plan, basedOn: current.id });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale-edit');
  });
  it('adds, removes and reorders 环节: the deck follows, comments on a removed step stay, and a new step never takes an old id', async () => {
    const v2 = (await api(teacher, 'GET', `/api/lessons/${lessonId}/plan`)).body;
    const steps = v2.plan.process as LessonPlan['process'];
    const gone = steps.at(-1)!;
    const thread = await api(teacher, 'POST', `/api/lessons/${lessonId}/comments`, {
      anchor: { part: 'step', id: gone.id, field: 'intent' },
      body: '这个环节可以并到小结里',
    });
    expect(thread.status).toBe(201);

    const next = (n: number) => `S${Math.max(...steps.map((s) => Number(s.id.slice(1)))) + n}`;
    const cell = (text: string) => ({ text, origin: 'teacher', sources: [] });
    const added = {
      id: next(1),
      role: 'group-inquiry',
      name: '小组比一比',
      minutes: gone.minutes,
      teacherActivity: cell('出示两个花坛，请各组量一量、算一算哪个围栏更长。'),
      studentActivity: cell('小组分工测量，汇报算法。'),
      intent: cell('在比较中巩固周长的算法。'),
      objectiveIds: [],
      clip: null,
    };
    const edited = structuredClone(v2.plan);
    edited.process = [steps[0], added, ...steps.slice(1, -1)];
    const saved = await api(teacher, 'PUT', `/api/lessons/${lessonId}/plan`, { plan: edited, basedOn: v2.id });
    expect(saved.status).toBe(201);
    const v3 = saved.body.version;
    expect(v3.plan.process.map((s: { id: string }) => s.id)).toEqual([steps[0]!.id, added.id, ...steps.slice(1, -1).map((s) => s.id)]);
    expect(v3.plan.process[1]).toMatchObject({ role: 'group-inquiry', teacherActivity: { origin: 'teacher' } });
    expect((await waitForRun(teacher, saved.body.run.id)).status).toBe('succeeded');

    const artifacts = (await api(teacher, 'GET', `/api/lessons/${lessonId}/artifacts`)).body as { id: string; stepId: string }[];
    const deck = (await api(teacher, 'GET', `/api/artifacts/${artifacts.find((a) => a.stepId === 'C2')!.id}`)).body.json;
    const pointedAt = new Set(deck.slides.map((slide: { stepId: string | null }) => slide.stepId).filter(Boolean));
    const ids = new Set(v3.plan.process.map((s: { id: string }) => s.id));
    expect([...pointedAt].filter((id) => !ids.has(id))).toEqual([]);
    expect(pointedAt.has(gone.id)).toBe(false);

    // The thread on the removed step is kept, on the version it was made on, and its text is gone from the newest version.
    const open = (await api(teacher, 'GET', `/api/lessons/${lessonId}/plan/versions/${v3.id}/open-items`)).body.items;
    expect(open.find((item: { id: string }) => item.id === thread.body.id)).toMatchObject({ current: null, versionNumber: 2 });

    // A client that reuses the removed step's id for a new step: the service numbers it after every id the lesson has had.
    const again = structuredClone(v3.plan);
    again.process[1].minutes -= 2;
    again.process.splice(2, 0, { ...added, id: gone.id, name: '画一画', minutes: 2 });
    const reused = await api(teacher, 'PUT', `/api/lessons/${lessonId}/plan`, { plan: again, basedOn: v3.id });
    expect(reused.status).toBe(201);
    expect(reused.body.version.plan.process[2]).toMatchObject({ id: next(2), name: '画一画' });
    expect((await waitForRun(teacher, reused.body.run.id)).status).toBe('succeeded');
  });
});
