import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';
import { addUser, prepGroup, type SignedIn, setupAdmin } from '../support/accounts.js';
import { api, fetchAs, upload, waitForRun } from '../support/http.js';
import { requestedSchema } from '../support/offline-answers.js';
import { type ChatRequest, localModelConfig, type OpenAIServer, type Reply, startOpenAIServer } from '../support/openai-server.js';
import { startService, type TestService } from '../support/service.js';

/**
 * 观课 over real HTTP: two observers' tablets send their queues (late, twice,
 * out of order), a teacher enters the 达标检测 results, and the report
 * aggregates them; then the report as .docx, the reflection draft and the AI
 * revision on both engines (the model is a local OpenAI-protocol server).
 */
const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-observe-'));
let service: TestService;
let model: OpenAIServer;
/** What the local model answers, by schema name; a test sets it before asking. */
const answers: Record<string, unknown> = {};
let lead: SignedIn;
let teacher: SignedIn;
let observerA: SignedIn;
let observerB: SignedIn;
let outsider: SignedIn;
let lessonId: string;
// biome-ignore lint/suspicious/noExplicitAny: the plan JSON as the API returns it
let plan: any;
let versionId: string;

beforeAll(async () => {
  model = await startOpenAIServer({
    respond: (request: ChatRequest): Reply => {
      const name = requestedSchema(request);
      const answer = name ? answers[name] : undefined;
      return answer === undefined ? { status: 400, body: { error: { message: `no answer for ${name}` } } } : { json: answer };
    },
  });
  service = await startService(dataDir, { modelConfig: localModelConfig(model.url) });
  const admin = await setupAdmin(service.url);
  [lead, teacher, observerA, observerB, outsider] = await Promise.all([
    addUser(admin, 'lead', '张主备'),
    addUser(admin, 'teacher', '李老师'),
    addUser(admin, 'obs.a', '陈老师'),
    addUser(admin, 'obs.b', '周老师'),
    addUser(admin, 'outsider', '吴老师'),
  ]);
  const groupId = await prepGroup(admin, [
    [lead, 'lead'],
    [teacher, 'teacher'],
    [observerA, 'observer'],
    [observerB, 'observer'],
  ]);
  lessonId = (await api(lead, 'POST', '/api/lessons', { title: '长方形和正方形的周长', subject: '数学', grade: 3, groupId })).body.id;
  for (const file of ['materials/textbook-p82-84.pdf', 'materials/jiaocan.md']) await upload(lead, lessonId, path.join(DEMO, file));
  const run = (await api(lead, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'offline' })).body;
  expect((await waitForRun(lead, run.id)).status).toBe('succeeded');
  const latest = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body;
  plan = latest.plan;
  versionId = latest.id;
});
afterAll(async () => {
  await service.stop();
  await model.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const t = (clock: string) => `2025-03-12T09:${clock}+08:00`;
/** Observer A: S1 09:00:00–09:03:00, S2 –09:10:30; samples T T S T in S1, S S D in S2; one retracted sample. */
const eventsA = [
  { id: 'a1', at: t('00:00'), kind: 'step-start', stepId: 'S1' },
  { id: 'a2', at: t('00:30'), kind: 'sample', code: 'T' },
  { id: 'a3', at: t('01:00'), kind: 'sample', code: 'T' },
  { id: 'a4', at: t('01:10'), kind: 'interaction', type: 'teacher-question' },
  { id: 'a5', at: t('01:20'), kind: 'interaction', type: 'student-answer', speaker: '12' },
  { id: 'a6', at: t('01:30'), kind: 'sample', code: 'S' },
  { id: 'a7', at: t('02:00'), kind: 'sample', code: 'T' },
  { id: 'a8', at: t('03:00'), kind: 'step-start', stepId: 'S2' },
  { id: 'a9', at: t('03:30'), kind: 'sample', code: 'S' },
  { id: 'a10', at: t('04:00'), kind: 'sample', code: 'S' },
  { id: 'a11', at: t('04:10'), kind: 'interaction', type: 'student-answer', speaker: '07' },
  { id: 'a12', at: t('04:30'), kind: 'sample', code: 'D' },
  { id: 'a13', at: t('05:00'), kind: 'sample', code: 'T' },
  { id: 'a14', at: t('05:01'), kind: 'retract', eventId: 'a13' },
  { id: 'a15', at: t('06:00'), kind: 'note', stepId: 'S2', text: '学生描周长时不会从起点开始' },
  { id: 'a16', at: t('10:30'), kind: 'step-stop', stepId: 'S2' },
];
/** Observer B: S1 09:00:00–09:03:30; T S T S; three teacher questions. */
const eventsB = [
  { id: 'b1', at: t('00:00'), kind: 'step-start', stepId: 'S1' },
  { id: 'b2', at: t('00:30'), kind: 'sample', code: 'T' },
  { id: 'b3', at: t('01:00'), kind: 'sample', code: 'S' },
  { id: 'b4', at: t('01:30'), kind: 'sample', code: 'T' },
  { id: 'b5', at: t('02:00'), kind: 'sample', code: 'S' },
  { id: 'b6', at: t('02:10'), kind: 'interaction', type: 'teacher-question' },
  { id: 'b7', at: t('02:20'), kind: 'interaction', type: 'teacher-question' },
  { id: 'b8', at: t('02:30'), kind: 'interaction', type: 'teacher-question' },
  { id: 'b9', at: t('03:30'), kind: 'step-stop', stepId: 'S1' },
  { id: 'b10', at: t('03:40'), kind: 'note', stepId: 'S1', text: '导入用时偏长' },
];

describe('observation with data', () => {
  let observationId: string;

  it('two tablets starting the same class and day land on one observation', async () => {
    const first = await api(observerA, 'POST', `/api/lessons/${lessonId}/observations`, {
      className: '三（2）班',
      taughtOn: '2025-03-12',
      versionId,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      className: '三（2）班',
      versionId,
      versionNumber: 1,
      versionLabel: 'AI初稿',
      teacherId: lead.userId,
      teacherName: '张主备',
    });
    const again = await api(observerB, 'POST', `/api/lessons/${lessonId}/observations`, { className: '三(2) 班', taughtOn: '2025-03-12' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    observationId = first.body.id;
    const badTeacher = await api(observerA, 'POST', `/api/lessons/${lessonId}/observations`, {
      className: '三(3)班',
      taughtOn: '2025-03-12',
      teacherId: observerB.userId,
    });
    expect(badTeacher.status).toBe(400);
    expect(
      (await api(outsider, 'POST', `/api/lessons/${lessonId}/observations`, { className: '三(2)班', taughtOn: '2025-03-12' })).status,
    ).toBe(404);
  });

  it('events are idempotent and may arrive out of order, in pieces, twice', async () => {
    const route = `/api/observations/${observationId}/events`;
    // A's tablet sends the second half first, then everything (the first half and the second again).
    const late = await api(observerA, 'POST', route, { events: eventsA.slice(8) });
    expect(late.body).toMatchObject({ stored: 8, duplicates: 0, rejected: 0 });
    const all = await api(observerA, 'POST', route, { events: [...eventsA].reverse() });
    expect(all.body).toMatchObject({ stored: 8, duplicates: 8, rejected: 0 });
    const resent = await api(observerA, 'POST', route, { events: eventsA });
    expect(resent.body).toMatchObject({ stored: 0, duplicates: 16, rejected: 0 });
    // An id reused for other content, and a step the version does not have, are refused one by one.
    const refused = await api(observerA, 'POST', route, {
      events: [
        { ...eventsA[1], code: 'S' },
        { id: 'a99', at: t('11:00'), kind: 'step-start', stepId: 'S99' },
      ],
    });
    expect(refused.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected']);
    expect(refused.body.results[1].reason).toContain('S99');
    expect((await api(observerB, 'POST', route, { events: eventsB })).body.stored).toBe(10);
    // A malformed event is the client's bug: the batch is refused as a whole with where it is.
    const malformed = await api(observerB, 'POST', route, { events: [{ id: 'x', at: 'yesterday', kind: 'sample', code: 'T' }] });
    expect(malformed.status).toBe(400);
    expect((await api(outsider, 'POST', route, { events: eventsB })).status).toBe(404);

    const listed = (await api(lead, 'GET', `/api/observations/${observationId}`)).body;
    expect(listed.observers).toEqual([
      { id: observerA.userId, name: '陈老师', events: 16 },
      { id: observerB.userId, name: '周老师', events: 10 },
    ]);
  });

  it('the teacher enters results; observers may not, and never see per-student rows', async () => {
    const items = plan.sheets.masteryCheck.items as { id: string; objectiveIds: string[] }[];
    const route = `/api/observations/${observationId}/results`;
    expect((await api(observerA, 'PUT', route, { classSize: 40, items: [] })).status).toBe(403);
    const unknown = await api(teacher, 'PUT', route, { classSize: 40, items: [{ itemId: 'M99', correct: 3 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown-item');
    expect((await api(teacher, 'PUT', route, { classSize: 40, items: [{ itemId: items[0]!.id, correct: 41 }] })).status).toBe(400);

    // Per student: four students; the first got every item right, the second all but the first, the others none.
    const students = [
      { student: '01 王小明', correct: items.map((i) => i.id) },
      { student: '02 李小红', correct: items.slice(1).map((i) => i.id) },
      { student: '03', correct: [] },
      { student: '04', correct: [] },
    ];
    const saved = await api(teacher, 'PUT', route, { students });
    expect(saved.status).toBe(200);
    expect(saved.body.classSize).toBe(4);
    expect(saved.body.items[0]).toEqual({ itemId: items[0]!.id, correct: 1 });
    expect(saved.body.items[1]).toEqual({ itemId: items[1]!.id, correct: 2 });
    const seenByObserver = (await api(observerA, 'GET', route)).body;
    expect(seenByObserver).toMatchObject({ students: null, studentsHidden: true, classSize: 4 });
    expect(JSON.stringify(seenByObserver)).not.toContain('王小明');
    expect((await api(lead, 'GET', route)).body.students[0].student).toBe('01 王小明');

    // Then as counts per item: 40 students, item 1: 36 correct, the rest 30.
    const counts = items.map((item, i) => ({ itemId: item.id, correct: i === 0 ? 36 : 30 }));
    expect((await api(teacher, 'PUT', route, { classSize: 40, items: counts })).body).toMatchObject({ classSize: 40, students: null });
  });

  it('the report aggregates both observers against the plan', async () => {
    const report = await api(observerB, 'GET', `/api/observations/${observationId}/report`);
    expect(report.status).toBe(200);
    const { aggregate: group, steps, attainment, observers, summary } = report.body;
    // A: T T S T S S D → N 7, Nt 3, Nd 1, Rt (3 + 0.5)/7 = 0.5, runs TT|S|T|SS|D → g 5, Ch 4/7
    // B: T S T S → Rt 0.5, g 4, Ch 3/4
    expect(observers.map((o: { st: { rt: number } }) => o.st.rt)).toEqual([0.5, 0.5]);
    expect(observers[0].st.ch).toBeCloseTo(4 / 7, 10);
    expect(group.rt).toEqual({ n: 2, mean: 0.5, min: 0.5, max: 0.5, sd: 0 });
    expect(group.ch.mean).toBeCloseTo((4 / 7 + 3 / 4) / 2, 10);
    expect(group.mode).toBe('对话型');
    expect(group.teacherQuestions).toEqual({ n: 2, mean: 2, min: 1, max: 3, sd: 1 });
    // S1: A 3 min, B 3.5 min → mean 3.25 against the plan's minutes; S2: A only, 09:03:00–09:10:30 = 7.5
    expect(steps[0]).toMatchObject({
      stepId: 'S1',
      plannedMinutes: plan.process[0].minutes,
      taughtMinutes: { n: 2, mean: 3.25, sd: 0.25 },
    });
    expect(steps[0].deltaMinutes).toBeCloseTo(3.25 - plan.process[0].minutes, 10);
    expect(steps[1].taughtMinutes).toMatchObject({ n: 1, mean: 7.5 });
    expect(steps[0].notes).toEqual([{ observerId: observerB.userId, name: '周老师', text: '导入用时偏长', at: t('03:40') }]);
    expect(steps[1].notes[0]).toMatchObject({ name: '陈老师', text: '学生描周长时不会从起点开始' });
    // Attainment: item 1 36/40 = 0.9, the others 30/40 = 0.75; each objective is the mean over its items.
    const items = plan.sheets.masteryCheck.items as { id: string; objectiveIds: string[] }[];
    for (const objective of attainment.objectives) {
      const rates = items.filter((i) => i.objectiveIds.includes(objective.objectiveId)).map((i) => (i === items[0] ? 0.9 : 0.75));
      expect(objective.rate ?? null).toBeCloseTo(rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : Number.NaN, 10);
    }
    expect(summary[0]).toContain('2 位观课员共记录 S-T 采样 11 次');
    expect(summary[0]).toContain('对话型');
    expect(report.body.modeChart.regions.map((r: { mode: string }) => r.mode)).toEqual(['练习型', '讲授型', '对话型', '混合型']);
  });
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the report as .docx, the reflection and its place in the version chain', () => {
  let observationId: string;
  beforeAll(async () => {
    observationId = (await api(lead, 'GET', `/api/lessons/${lessonId}/observations`)).body[0].id;
  });

  it('the .docx re-opens with the figures, the notes and four charts as PNG images', async () => {
    const response = await fetchAs(observerA, `/api/observations/${observationId}/report.docx`);
    expect(response.status).toBe(200);
    expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain('三（2）班-2025-03-12-评课报告.docx');
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of [
      '评课报告',
      'S-T 分析',
      '对话型',
      '陈老师：学生描周长时不会从起点开始',
      '周老师：导入用时偏长',
      '目标达成',
      '没有使用 AI 模型',
    ]) {
      expect(text).toContain(expected);
    }
    const images = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    expect(images).toHaveLength(4);
    for (const name of images) {
      const png = Buffer.from(await zip.file(name)!.async('uint8array'));
      const { width, height } = pngSize(png);
      // Drawn at 2× for print: 1280 × 800 pixels, and not blank (a blank white PNG of that size compresses to a few KB).
      expect([width, height]).toEqual([1280, 800]);
      expect(png.length).toBeGreaterThan(15_000);
    }
  });

  it('offline, the draft is the figures as sentences and blanks, and cannot be saved with its blanks', async () => {
    expect((await api(observerA, 'POST', `/api/observations/${observationId}/reflection/draft`, { engine: 'offline' })).status).toBe(403);
    const draft = await api(teacher, 'POST', `/api/observations/${observationId}/reflection/draft`, { engine: 'offline' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ engine: 'offline', model: null });
    expect(draft.body.sections.map((s: { origin: string }) => s.origin)).toEqual(['template', 'blank', 'blank', 'blank']);
    expect(draft.body.sections[0].text).toContain('Rt = 0.5');
    expect(draft.body.text).toContain('【待教师补充：');
    expect(model.requests).toHaveLength(0);

    const latest = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body;
    const unfinished = await api(lead, 'POST', `/api/observations/${observationId}/reflection`, {
      basedOn: latest.id,
      text: draft.body.text,
      draftId: draft.body.id,
    });
    expect(unfinished.status).toBe(400);
    expect(unfinished.body.error.code).toBe('reflection-blanks');
  });

  it('with a model, the draft comes through the real client from fenced data; saved unchanged it says the model wrote it', async () => {
    answers.teaching_reflection = {
      strengths: '我在 S1 用问题串引导，学生回答积极。',
      problems: '导入用时超出计划，可能是情境铺垫过长。',
      improvements: '下次把导入压缩到 3 分钟以内。',
    };
    model.requests.length = 0;
    const draft = await api(teacher, 'POST', `/api/observations/${observationId}/reflection/draft`, { engine: 'openai' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ engine: 'openai-compatible', model: 'test-model' });
    expect(draft.body.sections.map((s: { origin: string }) => s.origin)).toEqual(['template', 'model', 'model', 'model']);
    expect(model.requests).toHaveLength(1);
    const prompt = model.requests[0]!.messages.map((m) => m.content).join('\n');
    expect(prompt).toMatch(/<<<MATERIAL \w+ 观课员记录>>>[\s\S]*学生描周长时不会从起点开始[\s\S]*<<<END \w+>>>/);
    expect(model.requests[0]!.schemaName).toBe('teaching_reflection');

    // The lesson's owner saves it unchanged: a new 修订 whose reflection is marked as the model's (on a plan of text blocks).
    const latest = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body;
    const saved = await api(lead, 'POST', `/api/observations/${observationId}/reflection`, {
      basedOn: latest.id,
      text: draft.body.text,
      draftId: draft.body.id,
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ label: 'revision', author: '张主备', basedOn: latest.id });
    const reflection = saved.body.plan.reflection;
    const text = typeof reflection === 'string' ? reflection : reflection.text;
    expect(text).toContain('下次把导入压缩到 3 分钟以内。');
    if (typeof reflection !== 'string') expect(reflection.origin).toBe('model');
    // An observer may not save one; a stale basedOn is a 409.
    expect(
      (await api(observerA, 'POST', `/api/observations/${observationId}/reflection`, { basedOn: saved.body.id, text: '观课员的反思' }))
        .status,
    ).toBe(403);
    const stale = await api(lead, 'POST', `/api/observations/${observationId}/reflection`, { basedOn: latest.id, text: '我改过的反思' });
    expect(stale.status).toBe(409);
  });
});

describe('the AI revision from comments and observation findings', () => {
  it('offline: the suggestion is applied and accepted, the rest listed as to-do, nothing invented', async () => {
    const base = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body;
    const suggestion = await api(teacher, 'POST', `/api/lessons/${lessonId}/comments`, {
      anchor: { part: 'step', id: 'S2', field: 'intent' },
      body: '设计意图要写出学生能做到什么',
      suggestion: '让学生在描一描中说出周长的含义。',
    });
    const question = await api(teacher, 'POST', `/api/lessons/${lessonId}/comments`, {
      anchor: { part: 'objective', id: base.plan.objectives[0].id },
      body: '这条目标的达成度偏低，检测题是不是太难？',
    });
    expect((await api(teacher, 'POST', `/api/lessons/${lessonId}/plan/revise`, { basedOn: base.id, engine: 'offline' })).status).toBe(403);
    const revised = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/revise`, { basedOn: base.id, engine: 'offline' });
    expect(revised.status).toBe(201);
    expect(revised.body.version).toMatchObject({ label: 'revision', basedOn: base.id, author: '张主备' });
    expect(revised.body.version.plan.process[1].intent).toMatchObject({ text: '让学生在描一描中说出周长的含义。', origin: 'teacher' });
    // Only that field changed: every other part of the plan is the base's.
    const diff = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan/diff?from=${base.id}&to=${revised.body.version.id}`)).body;
    expect(diff.changes.map((ch: { part: string; id: string }) => `${ch.part} ${ch.id}`)).toEqual(['step S2']);
    expect(revised.body.revision).toMatchObject({ engine: 'offline', model: null, versionId: revised.body.version.id });
    expect(revised.body.revision.notes).toEqual([
      { commentId: suggestion.body.id, note: expect.stringContaining('已按建议修改'), origin: 'template' },
    ]);
    const todo = revised.body.revision.todo as { text: string; commentId: string | null; source: string }[];
    expect(todo.find((t) => t.commentId === question.body.id)?.text).toContain('检测题是不是太难');
    expect(todo.filter((t) => t.source === 'observation').map((t) => t.text)).toEqual(
      expect.arrayContaining([expect.stringContaining('导入用时偏长'), expect.stringContaining('学生描周长时不会从起点开始')]),
    );
    expect(model.requests.filter((r) => r.schemaName === 'plan_revision')).toHaveLength(0);
    const comments = (await api(lead, 'GET', `/api/lessons/${lessonId}/comments`)).body;
    expect(comments.find((t: { id: string }) => t.id === suggestion.body.id)).toMatchObject({
      suggestionStatus: 'accepted',
      appliedVersionId: revised.body.version.id,
    });
    // The outline and deck are re-made from it, as for any edit.
    expect((await waitForRun(lead, revised.body.run.id)).status).toBe('succeeded');
    // A revision with nothing to apply makes no version, only the to-do list.
    const again = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/revise`, { basedOn: revised.body.version.id, engine: 'offline' });
    expect(again.body).toMatchObject({ version: null, run: null });
    expect(again.body.revision.todo.length).toBeGreaterThan(0);
  });

  it('with a model: text revised by anchor through the real client, a note per comment, impossible changes become to-do', async () => {
    const base = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body;
    const open = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan/versions/${base.id}/open-items`)).body.items as { id: string }[];
    expect(open).toHaveLength(1);
    answers.plan_revision = {
      changes: [
        {
          part: 'step',
          id: 'S3',
          field: 'teacherActivity',
          text: '出示长方形花坛图，请学生先估一估再量一量，说出周长的求法。',
          reason: '观课：学生描周长时不会从起点开始',
        },
        { part: 'step', id: 'S1', field: 'minutes', text: '2', reason: '导入用时偏长' },
      ],
      notes: [{ commentId: open[0]!.id, note: '检测题保留，增加一道基础题放在前面。' }],
      todo: ['在达标检测单前面加一道基础题'],
    };
    model.requests.length = 0;
    const revised = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/revise`, {
      basedOn: base.id,
      engine: 'openai',
      label: 'shared',
    });
    expect(revised.status).toBe(201);
    expect(revised.body.version).toMatchObject({ label: 'shared', labelName: '共案' });
    // The model's rewrite says it is the model's, not the lead's who asked for it.
    expect(revised.body.version.plan.process[2].teacherActivity).toMatchObject({
      text: '出示长方形花坛图，请学生先估一估再量一量，说出周长的求法。',
      origin: 'model',
    });
    expect(revised.body.version.plan.process[0].minutes).toBe(base.plan.process[0].minutes);
    expect(revised.body.revision).toMatchObject({ engine: 'openai-compatible', model: 'test-model' });
    expect(revised.body.revision.notes).toEqual([
      { commentId: open[0]!.id, note: '检测题保留，增加一道基础题放在前面。', origin: 'model' },
    ]);
    const todo = revised.body.revision.todo.map((t: { text: string }) => t.text);
    expect(todo).toEqual(expect.arrayContaining([expect.stringContaining('不能用文字替换'), '在达标检测单前面加一道基础题']));
    // One call, with the plan, the comment and the findings fenced.
    expect(model.requests).toHaveLength(1);
    const prompt = model.requests[0]!.messages.map((m) => m.content).join('\n');
    expect(prompt).toMatch(/<<<MATERIAL \w+ 组员评论>>>[\s\S]*检测题是不是太难[\s\S]*<<<END \w+>>>/);
    expect(prompt).toMatch(/<<<MATERIAL \w+ 观课发现>>>[\s\S]*导入用时偏长/);
    expect(prompt).toContain('[step S3 teacherActivity]');
    expect((await waitForRun(lead, revised.body.run.id)).status).toBe('succeeded');
    const listed = (await api(observerA, 'GET', `/api/lessons/${lessonId}/plan/revisions`)).body;
    expect(listed.map((r: { engine: string }) => r.engine)).toEqual(['openai-compatible', 'offline', 'offline']);
  });
});
