import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, prepGroup, type SignedIn, setupAdmin } from '../support/accounts.js';
import { DEMO } from '../support/demo-offline.js';
import { api, upload, waitForRun } from '../support/http.js';
import { requestedSchema } from '../support/offline-answers.js';
import { localModelConfig, type OpenAIServer, type Reply, startOpenAIServer } from '../support/openai-server.js';
import { startService, type TestService } from '../support/service.js';

/**
 * Refining one section 调整 over real HTTP with the real ChatOpenAI client
 * against a local OpenAI-protocol server. The lesson's draft is made by the
 * offline engine; the model's answers below were written by a helper agent
 * acting as the model, for the demo lesson (三年级《长方形和正方形的周长》,
 * 40 minutes; its steps are found by what they say, as their ids move when the offline draft improves).
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-refine-'));
const offlineDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-refine-offline-'));
let model: OpenAIServer;
let service: TestService;
let offline: TestService;
let lead: SignedIn;
let teacher: SignedIn;
let lessonId: string;
/** The answers the model gives next, in order. */
let replies: Reply[] = [];

type Step = { id: string; minutes: number; teacherActivity: unknown };
/** The demo plan's step whose teacher activity mentions `words` (例1 花坛, the 小棒 task): ids move as the offline draft improves. */
const stepOf = (plan: { process: Step[] }, words: string) => plan.process.find((s) => JSON.stringify(s.teacherActivity).includes(words))!;
/** Every step's minutes, with `moved` minutes taken from the 小棒 step and given to 例1 (0 keeps the total). */
const minutesMoving = (plan: { process: Step[] }, moved: number, taken = moved) =>
  plan.process.map((s) => ({
    id: s.id,
    minutes: s.minutes + (s === stepOf(plan, '花坛') ? moved : 0) - (s === stepOf(plan, '小棒') ? taken : 0),
  }));

/** 更浅显 for the process: 例1 and the 小棒 task in plainer words, two minutes moved from the 小棒 task to 例1. */
const easier = (plan: { process: Step[] }, moved = 2, taken = moved) => ({
  changes: [
    {
      part: 'step',
      id: stepOf(plan, '花坛').id,
      field: 'teacherActivity',
      text: '出示花坛图，先请学生用手指沿花坛边走一圈，说说篱笆围的是哪几条边，再提问：花坛长8米、宽5米，篱笆至少要多长？',
    },
    {
      part: 'step',
      id: stepOf(plan, '小棒').id,
      field: 'teacherActivity',
      text: '给每组12根小棒，先围出一个长方形，再试着围正方形，把围法记在表里。',
    },
  ],
  minutes: minutesMoving(plan, moved, taken),
  note: '例1 先让学生沿花坛边“走一走”再计算，小棒操作改为先围长方形；把小棒环节的 2 分钟移给例1。',
});

beforeAll(async () => {
  model = await startOpenAIServer({
    respond: (request) =>
      requestedSchema(request) === 'section_refinement' && replies.length > 0
        ? replies.shift()!
        : { status: 400, body: { error: { message: 'no scripted answer', type: 'invalid_request_error' } } },
  });
  [service, offline] = await Promise.all([startService(dataDir, { modelConfig: localModelConfig(model.url) }), startService(offlineDir)]);
  const admin = await setupAdmin(service.url);
  [lead, teacher] = await Promise.all([addUser(admin, 'lead', '张主备'), addUser(admin, 'teacher', '李老师')]);
  const groupId = await prepGroup(admin, [
    [lead, 'lead'],
    [teacher, 'teacher'],
  ]);
  lessonId = (
    await api(lead, 'POST', '/api/lessons', { title: '长方形和正方形的周长', subject: '数学', grade: 3, edition: '人教版', groupId })
  ).body.id;
  for (const file of ['materials/textbook-p82-84.pdf', 'materials/jiaocan.md']) await upload(lead, lessonId, path.join(DEMO, file));
  const run = (await api(lead, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'offline' })).body;
  expect((await waitForRun(lead, run.id)).status).toBe('succeeded');
});
afterAll(async () => {
  await Promise.all([service?.stop(), offline?.stop()]);
  await model?.close();
  for (const dir of [dataDir, offlineDir]) fs.rmSync(dir, { recursive: true, force: true });
});

const latest = async () => (await api(lead, 'GET', `/api/lessons/${lessonId}/plan`)).body;
const refine = (who: SignedIn, basedOn: string, section = 'process', kind = 'easier') =>
  api(who, 'POST', `/api/lessons/${lessonId}/plan/refine`, { basedOn, section, kind });

// An offline run and several model calls: a hang guard, not a speed target.
describe('POST /api/lessons/{id}/plan/refine', { timeout: 180_000 }, () => {
  it('saves the refined section as a new 修订 with the model’s text marked as the model’s, and re-runs what depends on it', async () => {
    const base = await latest();
    replies = [{ json: easier(base.plan) }];
    const refined = await refine(lead, base.id);
    expect(refined.status, JSON.stringify(refined.body)).toBe(201);
    const { version, note, run } = refined.body;
    expect(version).toMatchObject({ labelName: '修订', basedOn: base.id, author: '张主备' });
    expect(note).toMatch(/^教学过程「更浅显」：例1 先让学生/);
    const example = stepOf(base.plan, '花坛');
    const s3 = version.plan.process.find((s: Step) => s.id === example.id);
    expect(s3.minutes).toBe(example.minutes + 2);
    expect(s3.teacherActivity).toMatchObject({ origin: 'model' });
    expect(JSON.stringify(s3.teacherActivity)).toContain('用手指沿花坛边走一圈');
    // What the model was not asked about keeps its origin and its text.
    const untouched = base.plan.process.find((s: Step) => ![example.id, stepOf(base.plan, '小棒').id].includes(s.id));
    expect(version.plan.process.find((s: Step) => s.id === untouched.id)).toEqual(untouched);
    expect(version.plan.objectives).toEqual(base.plan.objectives);
    // The plan went to the model fenced as data, with the teacher's request and the period to keep.
    const sent = model.requests
      .at(-1)!
      .messages.map((m) => m.content)
      .join('\n');
    expect(sent).toContain('<<<MATERIAL');
    expect(sent).toContain(`[step ${example.id} teacherActivity]`);
    expect(sent).toContain('更浅显');
    expect(sent).toContain('课时 40 分钟');
    expect((await waitForRun(lead, run.id)).status).toBe('succeeded');
  });

  it('refuses a stale basedOn with a 409 before asking the model', async () => {
    const versions = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan/versions`)).body;
    const asked = model.requests.length;
    const stale = await refine(lead, versions.at(-1).id, 'homework', 'harder');
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('新版本');
    expect(model.requests.length).toBe(asked);
  });

  it('shows the model its minutes that do not add up and takes the repaired answer', async () => {
    const base = await latest();
    // 更详细 for 例1 with one more minute: first taken from nowhere (one minute over the period), then from the 小棒 task.
    const detail = (taken: number) => {
      const answer = easier(base.plan, 1, taken);
      answer.changes = [
        {
          part: 'step',
          id: stepOf(base.plan, '花坛').id,
          field: 'studentActivity',
          text: '学生独立列式计算，再交流两种算法：8＋5＋8＋5＝26（米）；(8＋5)×2＝26（米）。预设：有学生只加两条边，请他沿图再走一圈找出漏掉的边。',
        },
      ];
      return { ...answer, note: '例1 补写学生两种算法和只加两条边的错例应对，用时加 1 分钟，取自拼小棒环节。' };
    };
    replies = [{ json: detail(0) }, { json: detail(1) }];
    const asked = model.requests.length;
    const refined = await refine(lead, base.id, 'process', 'detail');
    expect(refined.status, JSON.stringify(refined.body)).toBe(201);
    expect(model.requests.length).toBe(asked + 2);
    expect(model.requests.at(-1)!.messages.at(-1)!.content).toContain('分钟不符');
    const example = stepOf(base.plan, '花坛');
    expect(refined.body.version.plan.process.find((s: Step) => s.id === example.id).minutes).toBe(example.minutes + 1);
    expect(refined.body.version.plan.process.reduce((sum: number, s: { minutes: number }) => sum + s.minutes, 0)).toBe(40);
    expect((await waitForRun(lead, refined.body.run.id)).status).toBe('succeeded');
  });

  it('refuses with a sentence when the model breaks the rules twice, and saves nothing', async () => {
    const base = await latest();
    const outside = { part: 'objective', id: 'O1', field: 'text', text: '能说出周长的含义。' };
    replies = [{ json: { ...easier(base.plan), changes: [outside] } }, { json: easier(base.plan, 2, 0) }];
    const refused = await refine(lead, base.id);
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toMatch(/^模型两次给出的调整都不合要求，教学设计没有改动。/);
    expect(refused.body.error.message).toContain('不符');
    expect((await latest()).id).toBe(base.id);
  });

  it('is refused to a colleague who neither owns the lesson nor leads the group', async () => {
    const base = await latest();
    expect((await refine(teacher, base.id)).status).toBe(403);
  });

  it('offline, says in Chinese that a model is needed and how to configure one', async () => {
    const admin = await setupAdmin(offline.url);
    const owner = await addUser(admin, 'owner', '王老师');
    const id = (await api(owner, 'POST', '/api/lessons', { title: '周长', subject: '数学', grade: 3 })).body.id;
    const got = await api(owner, 'POST', `/api/lessons/${id}/plan/refine`, { basedOn: 'v-none', section: 'process', kind: 'shorter' });
    expect(got.status).toBe(422);
    expect(got.body.error).toMatchObject({ code: 'model-required' });
    expect(got.body.error.message).toContain('LLM_BASE_URL');
  });
});
