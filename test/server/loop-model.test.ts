import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCase } from '../../eval/run-case.js';
import { addUser, prepGroup, type SignedIn, setupAdmin } from '../support/accounts.js';
import { DEMO, demoOfflineResults } from '../support/demo-offline.js';
import { api, fetchAs, upload, waitForRun } from '../support/http.js';
import { answerLikeOffline, requestedSchema } from '../support/offline-answers.js';
import { localModelConfig, type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { startService, type TestService } from '../support/service.js';

/**
 * The four rounds on the model engine, over real HTTP with the real client
 * against a local OpenAI-protocol server: the AI draft by the model, the 初案,
 * comments, a model revision that applies the suggestion and rewrites by
 * anchor as the 共案, the lesson observed, results, a model reflection draft,
 * the 终案. The pipeline's answers are what the offline engine made from the
 * same materials; the revision and reflection answers are written here.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-loop-model-'));
let model: OpenAIServer;
let service: TestService;
let lead: SignedIn;
let teacher: SignedIn;
let observer: SignedIn;
let lessonId: string;
const extra: Record<string, unknown> = {};

beforeAll(async () => {
  const offline = await demoOfflineResults();
  const pipeline = answerLikeOffline(offline);
  model = await startOpenAIServer({
    respond: (request) => {
      const name = requestedSchema(request);
      return name && name in extra ? { json: extra[name] } : pipeline(request);
    },
  });
  service = await startService(dataDir, { modelConfig: localModelConfig(model.url) });
  const admin = await setupAdmin(service.url);
  [lead, teacher, observer] = await Promise.all([
    addUser(admin, 'lead', '张主备'),
    addUser(admin, 'teacher', '李老师'),
    addUser(admin, 'observer', '陈老师'),
  ]);
  const groupId = await prepGroup(admin, [
    [lead, 'lead'],
    [teacher, 'teacher'],
    [observer, 'observer'],
  ]);
  lessonId = (
    await api(lead, 'POST', '/api/lessons', { title: '长方形和正方形的周长', subject: '数学', grade: 3, edition: '人教版', groupId })
  ).body.id;
  for (const file of ['materials/textbook-p82-84.pdf', 'materials/jiaocan.md']) await upload(lead, lessonId, path.join(DEMO, file));
  // The demo case's video too, so the answers made from the case fit the lesson.
  const video = loadCase(DEMO).transcripts[0]!;
  const fields = { videoUrl: video.url!, videoTitle: video.title!, videoDurationSec: String(video.durationSec) };
  expect((await upload(lead, lessonId, path.join(DEMO, video.file), fields)).status).toBe(201);
});
afterAll(async () => {
  await service?.stop();
  await model?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const latest = async () => (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body;

// A model run, a revision and a reflection in one test (49 s on a 2-core machine at load 29): a hang guard, not a speed target.
describe('the four-round loop on the model engine', { timeout: 240_000 }, () => {
  it('runs from the model’s draft to a 终案 that carries the model revision and the reflection', async () => {
    // Round 1: the model's AI初稿, which the lead marks as her 初案.
    const run = (await api(lead, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'openai' })).body;
    const done = await waitForRun(lead, run.id);
    expect(done.status, JSON.stringify(done.steps.filter((step: { error: unknown }) => step.error))).toBe('succeeded');
    expect(model.requests.some((r) => requestedSchema(r) === 'lesson_design')).toBe(true);
    const draft = await latest();
    expect(draft).toMatchObject({ labelName: 'AI初稿', author: 'test-model' });
    const initial = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/label`, { basedOn: draft.id, label: 'initial' });
    expect(initial.body).toMatchObject({ labelName: '初案' });

    // Round 2: comments, then the model revision as the 共案.
    const [s2, s3] = [draft.plan.process[1], draft.plan.process[2]];
    const suggestion = await api(teacher, 'POST', `/api/lessons/${lessonId}/comments`, {
      anchor: { part: 'step', id: s2.id, field: 'intent' },
      body: '写出学生能做到什么',
      suggestion: '让学生在描一描中说出周长的含义。',
    });
    const question = await api(teacher, 'POST', `/api/lessons/${lessonId}/comments`, {
      anchor: { part: 'step', id: s3.id, field: 'teacherActivity' },
      body: '这里能不能先让学生估一估？',
    });
    extra.plan_revision = {
      changes: [
        { part: 'step', id: s3.id, field: 'teacherActivity', text: '出示花坛图，先请学生估一估周长，再量一量验证。', reason: '评论' },
      ],
      notes: [{ commentId: question.body.id, note: '教师活动改为先估后量。' }],
      todo: [],
    };
    const revised = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/revise`, {
      basedOn: initial.body.id,
      engine: 'openai',
      label: 'shared',
    });
    expect(revised.status).toBe(201);
    const shared = revised.body.version;
    expect(shared).toMatchObject({ labelName: '共案', author: '张主备' });
    expect(shared.plan.process[1].intent).toMatchObject({ text: '让学生在描一描中说出周长的含义。', origin: 'teacher' });
    expect(shared.plan.process[2].teacherActivity).toMatchObject({
      text: '出示花坛图，先请学生估一估周长，再量一量验证。',
      origin: 'model',
    });
    expect(revised.body.revision.notes.map((n: { commentId: string; origin: string }) => [n.commentId, n.origin])).toEqual([
      [suggestion.body.id, 'template'],
      [question.body.id, 'model'],
    ]);
    expect((await waitForRun(lead, revised.body.run.id)).status).toBe('succeeded');

    // Round 3: taught and observed, results entered, the report.
    const observation = (
      await api(observer, 'POST', `/api/lessons/${lessonId}/observations`, {
        className: '三(2)班',
        taughtOn: '2025-03-12',
        versionId: shared.id,
      })
    ).body;
    const at = (mmss: string) => `2025-03-12T09:${mmss}+08:00`;
    const events = [
      { id: '1', at: at('00:00'), kind: 'step-start', stepId: draft.plan.process[0].id },
      ...['T', 'D', 'S', 'T', 'S', 'S'].map((code, i) => ({ id: `s${i}`, at: at(`0${i}:29`), kind: 'sample', code })),
      { id: '2', at: at('06:00'), kind: 'step-stop', stepId: draft.plan.process[0].id },
    ];
    expect((await api(observer, 'POST', `/api/observations/${observation.id}/events`, { events })).body.stored).toBe(events.length);
    const items = shared.plan.sheets.masteryCheck.items.map((i: { id: string }) => ({ itemId: i.id, correct: 30 }));
    expect((await api(teacher, 'PUT', `/api/observations/${observation.id}/results`, { classSize: 40, items })).status).toBe(200);
    const report = (await api(lead, 'GET', `/api/observations/${observation.id}/report`)).body;
    // T D S T S S: Rt = (2 + 0.5) / 6, runs T|D|S|T|SS → Ch = 4 / 6.
    expect(report.observers[0].st.rt).toBeCloseTo(2.5 / 6, 10);
    expect(report.observers[0].st.ch).toBeCloseTo(4 / 6, 10);

    // Round 4: the model's reflection draft, saved unchanged (so marked as the model's), then the 终案.
    extra.teaching_reflection = {
      strengths: '导入环节师生对话充分。',
      problems: '导入比计划长。',
      improvements: '下次导入控制在 4 分钟内。',
    };
    const reflection = (await api(lead, 'POST', `/api/observations/${observation.id}/reflection/draft`, { engine: 'openai' })).body;
    expect(reflection).toMatchObject({ engine: 'openai-compatible', model: 'test-model' });
    const withReflection = await api(lead, 'POST', `/api/observations/${observation.id}/reflection`, {
      basedOn: (await latest()).id,
      text: reflection.text,
      draftId: reflection.id,
    });
    expect(withReflection.status).toBe(201);
    expect(withReflection.body.plan.reflection).toMatchObject({ origin: 'model' });
    const final = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/label`, { basedOn: withReflection.body.id, label: 'final' });
    expect(final.body).toMatchObject({ labelName: '终案' });
    const md = await (await fetchAs(observer, `/api/lessons/${lessonId}/export/plan.md`)).text();
    expect(md).toContain('城关小学 三年级数学组');
    expect(md).toContain('下次导入控制在 4 分钟内。');
    expect(md).toContain('出示花坛图，先请学生估一估周长，再量一量验证。');
    const labels = (await api(teacher, 'GET', `/api/lessons/${lessonId}/plan/versions`)).body.map(
      (v: { labelName: string }) => v.labelName,
    );
    expect(labels).toEqual(['终案', '修订', '共案', '初案', 'AI初稿']);
  });
});
