import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';
import { addUser, prepGroup, type SignedIn, setupAdmin } from '../support/accounts.js';
import { api, type Caller, fetchAs, upload, waitForRun } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

/**
 * The collective-prep loop over real HTTP with four people of one group (a
 * lead, two teachers, an observer) and an outsider from another group:
 * AI draft → 初案 → comments with a suggestion accepted → 共案 → taught and
 * recorded by two observers → 达标检测 results → report → reflection → 终案
 * locked → a new cycle. Then every route is tried as every role on that lesson.
 */
const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-loop-'));
let service: TestService;
let admin: SignedIn;
let lead: SignedIn;
let teacher1: SignedIn;
let teacher2: SignedIn;
let observer: SignedIn;
let outsider: SignedIn;
let groupId: string;
let lessonId: string;
let runId: string;

async function latest(as: Caller) {
  return (await api(as, 'GET', `/api/lessons/${lessonId}/plan`)).body;
}

beforeAll(async () => {
  service = await startService(dataDir);
  admin = await setupAdmin(service.url);
  [lead, teacher1, teacher2, observer, outsider] = await Promise.all([
    addUser(admin, 'zhang.lead', '张主备'),
    addUser(admin, 'li.t1', '李老师'),
    addUser(admin, 'zhao.t2', '赵老师'),
    addUser(admin, 'chen.obs', '陈老师'),
    addUser(admin, 'wu.other', '吴老师'),
  ]);
  groupId = await prepGroup(admin, [
    [lead, 'lead'],
    [teacher1, 'teacher'],
    [teacher2, 'teacher'],
    [observer, 'observer'],
  ]);
  await prepGroup(admin, [[outsider, 'lead']], { name: '四年级数学组', grade: 4 });

  lessonId = (
    await api(lead, 'POST', '/api/lessons', { title: '长方形和正方形的周长', subject: '数学', grade: 3, edition: '人教版', groupId })
  ).body.id;
  for (const file of ['materials/textbook-p82-84.pdf', 'materials/jiaocan.md']) {
    expect((await upload(lead, lessonId, path.join(DEMO, file))).status).toBe(201);
  }
  runId = (await api(lead, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'offline' })).body.id;
  expect((await waitForRun(lead, runId)).status).toBe('succeeded');
});
afterAll(async () => {
  await service.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the four-round loop with a prep group', () => {
  let suggestionId: string;
  let questionId: string;

  it('starts from the AI draft, which the whole group sees and no one else does', async () => {
    const draft = await latest(teacher1);
    expect(draft).toMatchObject({
      number: 1,
      label: 'ai-draft',
      labelName: 'AI初稿',
      cycle: 1,
      author: '离线规则引擎',
      authorId: lead.userId,
    });
    const roles = await Promise.all([lead, teacher1, observer].map(async (who) => (await api(who, 'GET', '/api/lessons')).body[0].role));
    expect(roles).toEqual(['owner', 'teacher', 'observer']);
    expect((await api(outsider, 'GET', '/api/lessons')).body).toEqual([]);
    expect((await api(outsider, 'GET', `/api/lessons/${lessonId}/plan`)).status).toBe(404);
  });

  it('the lead marks it 初案; teachers comment on parts of it, one with a suggestion; the observer may not', async () => {
    const draft = await latest(lead);
    const initial = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/label`, { basedOn: draft.id, label: 'initial' });
    expect(initial.status).toBe(201);
    expect(initial.body).toMatchObject({ number: 2, label: 'initial', labelName: '初案', author: '张主备', basedOn: draft.id });

    const anchor = { part: 'step', id: 'S2', field: 'intent' };
    const suggestion = await api(teacher1, 'POST', `/api/lessons/${lessonId}/comments`, {
      anchor,
      body: '设计意图要写出学生能做到什么',
      suggestion: '让学生在描一描、量一量中说出周长的含义。',
    });
    expect(suggestion.status).toBe(201);
    expect(suggestion.body).toMatchObject({
      authorName: '李老师',
      versionNumber: 2,
      anchor,
      quote: initial.body.plan.process[1].intent.text,
      suggestionStatus: 'pending',
      status: 'open',
    });
    suggestionId = suggestion.body.id;

    const question = await api(teacher2, 'POST', `/api/lessons/${lessonId}/comments`, {
      anchor: { part: 'objective', id: initial.body.plan.objectives[0].id },
      body: '这条目标在达标检测单里有对应的题吗？',
    });
    expect(question.status).toBe(201);
    questionId = question.body.id;
    expect((await api(teacher2, 'POST', `/api/comments/${suggestionId}/replies`, { body: '同意，补上学生的表现。' })).status).toBe(201);

    const denied = await api(observer, 'POST', `/api/lessons/${lessonId}/comments`, { anchor, body: '观课员想评论' });
    expect(denied.status).toBe(403);
    const badAnchor = await api(teacher1, 'POST', `/api/lessons/${lessonId}/comments`, { anchor: { part: 'step', id: 'S99' }, body: '？' });
    expect(badAnchor.status).toBe(400);
    expect(badAnchor.body.error.code).toBe('bad-anchor');

    const threads = (await api(observer, 'GET', `/api/lessons/${lessonId}/comments`)).body;
    expect(threads.map((t: { id: string; replies: unknown[] }) => [t.id, t.replies.length])).toEqual([
      [suggestionId, 1],
      [questionId, 0],
    ]);
    const open = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan/versions/${initial.body.id}/open-items`)).body;
    expect(open.items.map((i: { id: string; location: string }) => [i.id, i.location])).toEqual([
      [suggestionId, `教学过程 S2「${initial.body.plan.process[1].name}」`],
      [questionId, `教学目标 ${initial.body.plan.objectives[0].id}`],
    ]);
  });

  it('the lead accepts the suggestion as the 共案: applied as a new version, the thread resolved, the deck re-made', async () => {
    const initial = await latest(lead);
    expect((await api(teacher1, 'POST', `/api/comments/${suggestionId}/accept`, { basedOn: initial.id })).status).toBe(403);
    const accepted = await api(lead, 'POST', `/api/comments/${suggestionId}/accept`, { basedOn: initial.id, label: 'shared' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.version).toMatchObject({ number: 3, label: 'shared', labelName: '共案', author: '张主备', basedOn: initial.id });
    expect(accepted.body.version.plan.process[1].intent.text).toBe('让学生在描一描、量一量中说出周长的含义。');
    expect(accepted.body.comment).toMatchObject({
      suggestionStatus: 'accepted',
      status: 'resolved',
      appliedVersionId: accepted.body.version.id,
    });
    expect((await waitForRun(lead, accepted.body.run.id)).status).toBe('succeeded');

    const diff = (await api(teacher2, 'GET', `/api/lessons/${lessonId}/plan/diff?from=${initial.id}&to=${accepted.body.version.id}`)).body;
    expect(diff.summary).toBe('修改 1 处，新增 0 处，删除 0 处');
    expect(diff.changes[0]).toMatchObject({
      part: 'step',
      id: 'S2',
      fields: [{ field: 'intent', before: initial.plan.process[1].intent.text, after: '让学生在描一描、量一量中说出周长的含义。' }],
    });
    const text = await (await fetchAs(teacher2, `/api/lessons/${lessonId}/plan/diff?format=text`)).text();
    expect(text).toContain('第 2 版（初案）→ 第 3 版（共案）');

    // A second decision on the same suggestion, or going back to 初案, is refused.
    expect((await api(lead, 'POST', `/api/comments/${suggestionId}/reject`)).status).toBe(409);
    const back = await api(lead, 'PUT', `/api/lessons/${lessonId}/plan`, {
      plan: accepted.body.version.plan,
      basedOn: accepted.body.version.id,
      label: 'initial',
    });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('label-order');
  });

  it('the 共案 is taught: two observers record, a teacher enters the results, the report shows it, the reflection goes into the chain', async () => {
    const shared = await latest(lead);
    const t = (clock: string) => `2025-03-12T09:${clock}+08:00`;
    // The observer and a teacher each start observing 三(2)班 on their tablets; both land on one observation.
    const started = await Promise.all(
      [observer, teacher2].map((who) =>
        api(who, 'POST', `/api/lessons/${lessonId}/observations`, { className: '三(2)班', taughtOn: '2025-03-12', versionId: shared.id }),
      ),
    );
    expect(new Set(started.map((r) => r.body.id)).size).toBe(1);
    const observationId = started[0]!.body.id;
    // 陈老师 (observer): S1 09:00–09:04, S2 09:04–09:10; samples T T S S | S D S T
    const byObserver = [
      { id: '1', at: t('00:00'), kind: 'step-start', stepId: 'S1' },
      ...['T', 'T', 'S', 'S'].map((code, i) => ({ id: `s${i}`, at: t(`0${i}:30`), kind: 'sample', code })),
      { id: '2', at: t('04:00'), kind: 'step-start', stepId: 'S2' },
      ...['S', 'D', 'S', 'T'].map((code, i) => ({ id: `s${i + 4}`, at: t(`0${i + 4}:30`), kind: 'sample', code })),
      { id: '3', at: t('05:00'), kind: 'interaction', type: 'student-question', speaker: '15' },
      { id: '4', at: t('06:00'), kind: 'note', stepId: 'S2', text: '小组合作时有两组没有动手' },
      { id: '5', at: t('10:00'), kind: 'step-stop', stepId: 'S2' },
    ];
    // 赵老师 (teacher): the same lesson, T T T S | S S S T
    const byTeacher = [
      { id: '1', at: t('00:00'), kind: 'step-start', stepId: 'S1' },
      ...['T', 'T', 'T', 'S', 'S', 'S', 'S', 'T'].map((code, i) => ({ id: `s${i}`, at: t(`0${i}:30`), kind: 'sample', code })),
      { id: '2', at: t('04:00'), kind: 'step-start', stepId: 'S2' },
      { id: '3', at: t('10:00'), kind: 'step-stop', stepId: 'S2' },
    ];
    // The observer's tablet was offline: it sends its queue twice, the second time in reverse.
    for (const events of [byObserver, [...byObserver].reverse()]) {
      expect((await api(observer, 'POST', `/api/observations/${observationId}/events`, { events })).status).toBe(200);
    }
    expect((await api(teacher2, 'POST', `/api/observations/${observationId}/events`, { events: byTeacher })).body.stored).toBe(
      byTeacher.length,
    );

    // 李老师 enters the 达标检测 results: 40 students, every item 32 correct (80%).
    const items = shared.plan.sheets.masteryCheck.items.map((i: { id: string }) => ({ itemId: i.id, correct: 32 }));
    expect((await api(observer, 'PUT', `/api/observations/${observationId}/results`, { classSize: 40, items })).status).toBe(403);
    expect((await api(teacher1, 'PUT', `/api/observations/${observationId}/results`, { classSize: 40, items })).status).toBe(200);

    const report = (await api(lead, 'GET', `/api/observations/${observationId}/report`)).body;
    // 陈老师: T T S S S D S T → Nt 3, Ns 4, Nd 1, Rt (3 + 0.5)/8 = 0.4375, runs TT|SSS|D|S|T → g 5, Ch 4/8 = 0.5
    // 赵老师: T T T S S S S T → Rt 4/8 = 0.5, runs TTT|SSSS|T → g 3, Ch 2/8 = 0.25
    expect(report.observers.map((o: { st: { rt: number; ch: number } }) => [o.st.rt, o.st.ch])).toEqual([
      [0.4375, 0.5],
      [0.5, 0.25],
    ]);
    expect(report.aggregate.rt.mean).toBeCloseTo((0.4375 + 0.5) / 2, 10);
    expect(report.aggregate.ch.mean).toBeCloseTo(0.375, 10);
    expect(report.aggregate.mode).toBe('混合型'); // 0.3 < 0.47 < 0.7 and Ch 0.375 < 0.4
    expect(report.steps.slice(0, 2).map((s: { taughtMinutes: { mean: number } }) => s.taughtMinutes.mean)).toEqual([4, 6]);
    const rates = report.attainment.objectives.filter((o: { rate: number | null }) => o.rate !== null).map((o: { rate: number }) => o.rate);
    expect(rates.length).toBeGreaterThan(0);
    for (const rate of rates) expect(rate).toBeCloseTo(0.8, 10);
    expect(report.steps[1].notes[0]).toMatchObject({ name: '陈老师', text: '小组合作时有两组没有动手' });
    const docx = await fetchAs(teacher2, `/api/observations/${observationId}/report.docx`);
    expect(docx.status).toBe(200);
    expect((await docx.arrayBuffer()).byteLength).toBeGreaterThan(50_000);

    // The lead taught it: she asks for the offline draft, fills in its blanks and saves it as a 修订 in the chain.
    const draft = (await api(lead, 'POST', `/api/observations/${observationId}/reflection/draft`, { engine: 'offline' })).body;
    expect(draft.sections[0]).toMatchObject({ origin: 'template' });
    const text = draft.text
      .replace(/【待教师补充：本课成功的地方及依据】/, '情境导入贴近学生生活，学生参与积极。')
      .replace(/【待教师补充：不足及原因[^】]*】/, '小组合作分工不清，有两组没有动手。')
      .replace(/【待教师补充：下一次教学的改进做法】/, '下次先明确组内分工再开始合作。');
    const saved = await api(lead, 'POST', `/api/observations/${observationId}/reflection`, { basedOn: shared.id, text, draftId: draft.id });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ label: 'revision', labelName: '修订', number: 4, basedOn: shared.id });
    expect(JSON.stringify(saved.body.plan.reflection)).toContain('下次先明确组内分工再开始合作。');
  });

  it('the question is resolved; the 终案 locks the plan and its export names the group', async () => {
    expect((await api(teacher1, 'POST', `/api/comments/${questionId}/resolve`)).status).toBe(403);
    expect((await api(lead, 'POST', `/api/comments/${questionId}/resolve`)).body.status).toBe('resolved');
    const shared = await latest(lead);
    expect((await api(lead, 'GET', `/api/lessons/${lessonId}/plan/versions/${shared.id}/open-items`)).body.items).toEqual([]);

    const final = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/label`, { basedOn: shared.id, label: 'final' });
    expect(final.status).toBe(201);
    expect(final.body).toMatchObject({ number: 5, label: 'final', labelName: '终案' });
    expect(JSON.stringify(final.body.plan.reflection)).toContain('下次先明确组内分工再开始合作。');
    const edit = await api(lead, 'PUT', `/api/lessons/${lessonId}/plan`, { plan: final.body.plan, basedOn: final.body.id });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('plan-final');

    const md = await fetchAs(observer, `/api/lessons/${lessonId}/export/plan.md`);
    expect(decodeURIComponent(md.headers.get('content-disposition')!)).toContain('终案-教学设计.md');
    const markdown = await md.text();
    expect(markdown).toContain('终案（第 5 版，第 1 轮） · 城关小学 三年级数学组 · 定稿：张主备');
    expect(markdown).toContain('下次先明确组内分工再开始合作。');

    // A new run on a 终案 re-makes the deck from it and adds no version.
    const rerun = await api(lead, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'offline' });
    expect(rerun.body.planVersionId).toBe(final.body.id);
    expect((await waitForRun(lead, rerun.body.id)).status).toBe('succeeded');
    expect((await latest(lead)).number).toBe(5);
  });

  it('a new cycle supersedes the 终案 with a 修订 that can be edited again', async () => {
    const final = await latest(lead);
    const cycle = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/cycles`, { basedOn: final.id });
    expect(cycle.status).toBe(201);
    expect(cycle.body).toMatchObject({ number: 6, label: 'revision', cycle: 2, basedOn: final.id });
    const plan = structuredClone(cycle.body.plan);
    plan.process[0].teacherActivity.text = `${plan.process[0].teacherActivity.text}（第二轮：改用学生自己的书签）`;
    const saved = await api(lead, 'PUT', `/api/lessons/${lessonId}/plan`, { plan, basedOn: cycle.body.id });
    expect(saved.status).toBe(201);
    expect(saved.body.version).toMatchObject({ number: 7, label: 'revision', cycle: 2, author: '张主备' });
    expect((await waitForRun(lead, saved.body.run.id)).status).toBe('succeeded');
    const versions = (await api(teacher2, 'GET', `/api/lessons/${lessonId}/plan/versions`)).body;
    expect(versions.map((v: { labelName: string }) => v.labelName)).toEqual(['修订', '修订', '终案', '修订', '共案', '初案', 'AI初稿']);
  });
});

describe('editing and deleting comments', () => {
  const comment = async (as: Caller, body: string, suggestion?: string) =>
    (await api(as, 'POST', `/api/lessons/${lessonId}/comments`, { anchor: { part: 'keyPoint', id: 'K1' }, body, suggestion })).body;

  it('her own comment: she changes its words (marked 已修改) and a pending suggestion; no one else may', async () => {
    const mine = await comment(teacher1, '重点写得太长', '长方形的周长＝（长＋宽）×2');
    expect(mine.editedAt).toBeNull();
    const edited = await api(teacher1, 'PATCH', `/api/comments/${mine.id}`, { body: '重点可以更简洁', suggestion: '周长＝（长＋宽）×2' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: '重点可以更简洁', suggestion: '周长＝（长＋宽）×2', suggestionStatus: 'pending' });
    expect(edited.body.editedAt).toEqual(expect.any(String));
    const threads = (await api(teacher2, 'GET', `/api/lessons/${lessonId}/comments`)).body;
    expect(threads.find((t: { id: string }) => t.id === mine.id)).toMatchObject({ body: '重点可以更简洁' });

    for (const other of [teacher2, lead]) {
      const refused = await api(other, 'PATCH', `/api/comments/${mine.id}`, { body: '改别人的评论' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('只有评论者本人可以修改这条评论');
    }
    const plain = await comment(teacher2, '这一条我同意');
    const noSuggestion = await api(teacher2, 'PATCH', `/api/comments/${plain.id}`, { body: '同意', suggestion: '新写法' });
    expect(noSuggestion.status).toBe(400);
    expect((await api(teacher2, 'PATCH', `/api/comments/${plain.id}`, { body: '  ' })).status).toBe(400);

    const reply = (await api(teacher2, 'POST', `/api/comments/${mine.id}/replies`, { body: '赞成' })).body;
    const editedReply = await api(teacher2, 'PATCH', `/api/comments/${reply.id}`, { body: '赞成，再短一点更好' });
    expect(editedReply.body).toMatchObject({ body: '赞成，再短一点更好', parentId: mine.id });

    // Once the lead has decided, the suggestion is part of the record: no more edits.
    expect((await api(lead, 'POST', `/api/comments/${mine.id}/reject`)).status).toBe(200);
    const late = await api(teacher1, 'PATCH', `/api/comments/${mine.id}`, { body: '再改一次' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'suggestion-decided', message: expect.stringContaining('不采纳') });
  });

  it('deletes: the author hers while no one else replied, the group’s lead any thread with its replies, never an accepted suggestion', async () => {
    const alone = await comment(teacher2, '先记一笔');
    await api(teacher2, 'POST', `/api/comments/${alone.id}/replies`, { body: '我自己补一句' });
    expect((await api(teacher2, 'DELETE', `/api/comments/${alone.id}`)).status).toBe(204);

    const answered = await comment(teacher2, '例题可以换成校园里的花坛');
    const reply = (await api(teacher1, 'POST', `/api/comments/${answered.id}/replies`, { body: '好主意' })).body;
    const hasReplies = await api(teacher2, 'DELETE', `/api/comments/${answered.id}`);
    expect(hasReplies.status).toBe(409);
    expect(hasReplies.body.error.message).toContain('已有其他老师回复');
    expect((await api(teacher2, 'DELETE', `/api/comments/${reply.id}`)).status).toBe(403);
    expect((await api(observer, 'DELETE', `/api/comments/${answered.id}`)).status).toBe(403);
    // The lead of the group (also this lesson's owner) removes the whole thread.
    expect((await api(lead, 'DELETE', `/api/comments/${answered.id}`)).status).toBe(204);
    const left = (await api(teacher1, 'GET', `/api/lessons/${lessonId}/comments`)).body as { id: string; replies: { id: string }[] }[];
    expect(left.some((t) => t.id === answered.id || t.id === alone.id || t.replies.some((r) => r.id === reply.id))).toBe(false);

    const accepted = left.find((t) => (t as unknown as { suggestionStatus: string }).suggestionStatus === 'accepted')!;
    const kept = await api(lead, 'DELETE', `/api/comments/${accepted.id}`);
    expect(kept.status).toBe(409);
    expect(kept.body.error.message).toMatch(/已被采纳（第 \d+ 版）/);
  });
});

type Role = 'anonymous' | 'outsider' | 'admin' | 'observer' | 'teacher' | 'lead' | 'owner';
const ROLES: Role[] = ['anonymous', 'outsider', 'admin', 'observer', 'teacher', 'lead', 'owner'];
const VIEW: Role[] = ['observer', 'teacher', 'lead', 'owner'];
const COMMENT: Role[] = ['teacher', 'lead', 'owner'];
const EDIT: Role[] = ['lead', 'owner'];
/** Record observations: every member; enter results (and read per-student rows), draft a reflection: not observers. */
const OBSERVE: Role[] = VIEW;
const RESULTS: Role[] = COMMENT;

describe('authorization: every lesson route as every role', () => {
  const callers = {} as Record<Role, Caller>;
  const ids = {} as Record<string, string>;

  beforeAll(async () => {
    const lead2 = await addUser(admin, 'sun.lead2', '孙组长');
    await api(admin, 'PUT', `/api/groups/${groupId}/members/${lead2.userId}`, { role: 'lead' });
    Object.assign(callers, { anonymous: service.url, outsider, admin, observer, teacher: teacher2, lead: lead2, owner: lead });
    const versions = (await api(lead, 'GET', `/api/lessons/${lessonId}/plan/versions`)).body;
    ids.latest = versions[0].id;
    ids.first = versions.at(-1).id;
    ids.artifact = (await api(lead, 'GET', `/api/lessons/${lessonId}/artifacts`)).body[0].id;
    ids.material = (await api(lead, 'GET', `/api/lessons/${lessonId}/materials`)).body[0].id;
    ids.spare = (await api(lead, 'POST', '/api/lessons', { title: '备用课', subject: '数学', grade: 3, groupId })).body.id;
    ids.doomed = (await api(lead, 'POST', '/api/lessons', { title: '待删课', subject: '数学', grade: 3, groupId })).body.id;
    ids.observation = (
      await api(observer, 'POST', `/api/lessons/${lessonId}/observations`, { className: '三(5)班', taughtOn: '2025-04-01' })
    ).body.id;
    await api(teacher1, 'PUT', `/api/observations/${ids.observation}/results`, {
      students: [{ student: '05 刘小华', correct: [] }],
    });
    ids.thread = (
      await api(teacher1, 'POST', `/api/lessons/${lessonId}/comments`, { anchor: { part: 'board', id: 'board' }, body: '板书可以更简洁' })
    ).body.id;
  });

  const material = async () => (await upload(lead, ids.spare!, path.join(DEMO, 'materials/jiaocan.md'))).body.material.id as string;
  const L = () => `/api/lessons/${lessonId}`;
  const json = (method: string, route: () => string, body?: () => unknown) => async (as: Caller) =>
    (await api(as, method, route(), body?.())).status;
  const raw = (route: () => string) => async (as: Caller) => {
    const response = await fetchAs(as, route());
    await response.arrayBuffer();
    return response.status;
  };

  const MATRIX: [string, Role[], (as: Caller) => Promise<number>][] = [
    ['GET /api/lessons/{id}', VIEW, json('GET', L)],
    ['PATCH /api/lessons/{id}', EDIT, json('PATCH', L, () => ({ unit: '第七单元' }))],
    ['PATCH /api/lessons/{id} (groupId)', ['owner'], json('PATCH', L, () => ({ groupId }))],
    ['DELETE /api/lessons/{id}', ['owner'], json('DELETE', () => `/api/lessons/${ids.doomed}`)],
    ['GET /api/lessons/{id}/materials', VIEW, json('GET', () => `${L()}/materials`)],
    ['GET /api/materials/{id}/report', VIEW, json('GET', () => `/api/materials/${ids.material}/report`)],
    ['GET /api/lessons/{id}/source-page', VIEW, json('GET', () => `${L()}/source-page?file=textbook-p82-84.pdf&page=1`)],
    ['GET /api/lessons/{id}/artifacts', VIEW, json('GET', () => `${L()}/artifacts`)],
    ['GET /api/lessons/{id}/runs/latest', VIEW, json('GET', () => `${L()}/runs/latest`)],
    ['GET /api/artifacts/{id}', VIEW, json('GET', () => `/api/artifacts/${ids.artifact}`)],
    ['GET /api/runs/{id}', VIEW, json('GET', () => `/api/runs/${runId}`)],
    ['GET /api/runs/{id}/events', VIEW, raw(() => `/api/runs/${runId}/events`)],
    ['POST /api/runs/{id}/cancel', EDIT, json('POST', () => `/api/runs/${runId}/cancel`)],
    [
      'POST /api/lessons/{id}/runs',
      EDIT,
      json(
        'POST',
        () => `/api/lessons/${ids.spare}/runs`,
        () => ({}),
      ),
    ],
    ['GET /api/lessons/{id}/plan', VIEW, json('GET', () => `${L()}/plan`)],
    [
      'PUT /api/lessons/{id}/plan',
      EDIT,
      async (as) => (await api(as, 'PUT', `${L()}/plan`, { plan: (await latest(lead)).plan, basedOn: ids.first })).status,
    ],
    ['GET /api/lessons/{id}/plan/versions', VIEW, json('GET', () => `${L()}/plan/versions`)],
    ['GET /api/lessons/{id}/plan/versions/{versionId}', VIEW, json('GET', () => `${L()}/plan/versions/${ids.first}`)],
    [
      'POST /api/lessons/{id}/plan/label',
      EDIT,
      json(
        'POST',
        () => `${L()}/plan/label`,
        () => ({ basedOn: ids.first, label: 'final' }),
      ),
    ],
    [
      'POST /api/lessons/{id}/plan/cycles',
      EDIT,
      json(
        'POST',
        () => `${L()}/plan/cycles`,
        () => ({ basedOn: ids.latest }),
      ),
    ],
    ['GET /api/lessons/{id}/plan/diff', VIEW, json('GET', () => `${L()}/plan/diff?from=${ids.first}`)],
    [
      'GET /api/lessons/{id}/plan/versions/{versionId}/open-items',
      VIEW,
      json('GET', () => `${L()}/plan/versions/${ids.latest}/open-items`),
    ],
    ['GET /api/lessons/{id}/export/{file}', VIEW, raw(() => `${L()}/export/plan.md`)],
    ['GET /api/lessons/{id}/comments', VIEW, json('GET', () => `${L()}/comments`)],
    [
      'POST /api/lessons/{id}/comments',
      COMMENT,
      json(
        'POST',
        () => `${L()}/comments`,
        () => ({ anchor: { part: 'keyPoint', id: 'K1' }, body: '赞成' }),
      ),
    ],
    [
      'POST /api/comments/{id}/replies',
      COMMENT,
      json(
        'POST',
        () => `/api/comments/${ids.thread}/replies`,
        () => ({ body: '+1' }),
      ),
    ],
    // Resolving and reopening are for the thread's author (李老师, not one of these callers), the owner and leads.
    ['POST /api/comments/{id}/resolve', EDIT, json('POST', () => `/api/comments/${ids.thread}/resolve`)],
    ['POST /api/comments/{id}/reopen', EDIT, json('POST', () => `/api/comments/${ids.thread}/reopen`)],
    [
      'POST /api/comments/{id}/accept',
      EDIT,
      json(
        'POST',
        () => `/api/comments/${ids.thread}/accept`,
        () => ({ basedOn: ids.latest }),
      ),
    ],
    ['POST /api/comments/{id}/reject', EDIT, json('POST', () => `/api/comments/${ids.thread}/reject`)],
    // Only its author (李老师, not one of these callers) edits a comment.
    [
      'PATCH /api/comments/{id}',
      [],
      json(
        'PATCH',
        () => `/api/comments/${ids.thread}`,
        () => ({ body: '改一改' }),
      ),
    ],
    // Its author or the group's lead deletes one: the owner here also leads the group. A fresh thread for each caller.
    [
      'DELETE /api/comments/{id}',
      EDIT,
      async (as) => {
        const thread = await api(teacher1, 'POST', `${L()}/comments`, { anchor: { part: 'board', id: 'board' }, body: '删掉我' });
        return (await api(as, 'DELETE', `/api/comments/${thread.body.id}`)).status;
      },
    ],
    ['GET /api/lessons/{id}/observations', VIEW, json('GET', () => `${L()}/observations`)],
    [
      'POST /api/lessons/{id}/observations',
      OBSERVE,
      json(
        'POST',
        () => `${L()}/observations`,
        () => ({ className: '三(5)班', taughtOn: '2025-04-01' }),
      ),
    ],
    ['GET /api/observations/{id}', VIEW, json('GET', () => `/api/observations/${ids.observation}`)],
    [
      'POST /api/observations/{id}/events',
      OBSERVE,
      json(
        'POST',
        () => `/api/observations/${ids.observation}/events`,
        () => ({ events: [{ id: 'm1', at: '2025-04-01T10:00:00+08:00', kind: 'sample', code: 'T' }] }),
      ),
    ],
    ['GET /api/observations/{id}/events', VIEW, json('GET', () => `/api/observations/${ids.observation}/events`)],
    [
      'PUT /api/observations/{id}/results',
      RESULTS,
      json(
        'PUT',
        () => `/api/observations/${ids.observation}/results`,
        () => ({ students: [{ student: '05 刘小华', correct: [] }] }),
      ),
    ],
    ['GET /api/observations/{id}/results', VIEW, json('GET', () => `/api/observations/${ids.observation}/results`)],
    ['GET /api/observations/{id}/report', VIEW, json('GET', () => `/api/observations/${ids.observation}/report`)],
    ['GET /api/observations/{id}/report.docx', VIEW, raw(() => `/api/observations/${ids.observation}/report.docx`)],
    [
      'POST /api/observations/{id}/reflection/draft',
      RESULTS,
      json(
        'POST',
        () => `/api/observations/${ids.observation}/reflection/draft`,
        () => ({ engine: 'offline' }),
      ),
    ],
    // The lesson's owner taught it; besides her, leads may save a reflection. A stale basedOn is a 409 for them: nothing is saved.
    [
      'POST /api/observations/{id}/reflection',
      EDIT,
      json(
        'POST',
        () => `/api/observations/${ids.observation}/reflection`,
        () => ({ basedOn: ids.first, text: '反思' }),
      ),
    ],
    [
      'POST /api/lessons/{id}/plan/revise',
      EDIT,
      json(
        'POST',
        () => `${L()}/plan/revise`,
        () => ({ basedOn: ids.first, engine: 'offline' }),
      ),
    ],
    // Offline the allowed roles get the 422 that says a model is needed; the others are refused before that.
    [
      'POST /api/lessons/{id}/plan/refine',
      EDIT,
      json(
        'POST',
        () => `${L()}/plan/refine`,
        () => ({ basedOn: ids.first, section: 'process', kind: 'shorter' }),
      ),
    ],
    ['GET /api/lessons/{id}/plan/revisions', VIEW, json('GET', () => `${L()}/plan/revisions`)],
  ];

  it.each(MATRIX)('%s', async (_route, allowed, call) => {
    const got: Record<string, number> = {};
    const expected: Record<string, string> = {};
    // The owner goes last: her DELETE really deletes.
    for (const role of ROLES) {
      got[role] = await call(callers[role]);
      expected[role] =
        role === 'anonymous' ? '401' : allowed.includes(role) ? 'allowed' : ['outsider', 'admin'].includes(role) ? '404' : '403';
    }
    const seen = Object.fromEntries(
      Object.entries(got).map(([role, status]) => [role, [401, 403, 404].includes(status) ? String(status) : 'allowed']),
    );
    expect(seen).toEqual(expected);
  });

  it('covers every route that reaches a lesson, as the OpenAPI document lists them', async () => {
    const doc = (await api(service.url, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const lessonRoutes = Object.entries(doc.paths)
      .filter(([route]) => /^\/api\/(lessons|runs|artifacts|materials|comments|observations)\/\{id\}/.test(route))
      .flatMap(([route, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${route}`));
    const tried = new Set([
      ...MATRIX.map(([name]) => name.replace(/ \(.*\)$/, '')),
      'DELETE /api/materials/{id}',
      'POST /api/lessons/{id}/materials',
    ]);
    expect(lessonRoutes.filter((route) => !tried.has(route))).toEqual([]);
  });

  it('observers read attainment but never the per-student results (学情), and cannot change plans', async () => {
    const results = (await api(observer, 'GET', `/api/observations/${ids.observation}/results`)).body;
    expect(results).toMatchObject({ students: null, studentsHidden: true, classSize: 1 });
    expect(JSON.stringify(results)).not.toContain('刘小华');
    expect(JSON.stringify((await api(observer, 'GET', `/api/observations/${ids.observation}/report`)).body)).not.toContain('刘小华');
    expect((await api(teacher2, 'GET', `/api/observations/${ids.observation}/results`)).body.students[0].student).toBe('05 刘小华');
    const plan = (await latest(lead)).plan;
    expect((await api(observer, 'PUT', `${L()}/plan`, { plan, basedOn: ids.latest })).status).toBe(403);
    expect((await api(observer, 'POST', `${L()}/plan/revise`, { basedOn: ids.latest, engine: 'offline' })).status).toBe(403);
  });

  it('DELETE /api/materials/{id}', async () => {
    for (const role of ROLES) {
      const status = (await api(callers[role], 'DELETE', `/api/materials/${await material()}`)).status;
      const expected = role === 'anonymous' ? 401 : EDIT.includes(role) ? 204 : ['outsider', 'admin'].includes(role) ? 404 : 403;
      expect(status, role).toBe(expected);
    }
  });

  it('POST /api/lessons/{id}/materials', async () => {
    for (const role of ROLES) {
      // Content of its own for each role: the same file again would be the lesson's existing material (200), not a new one.
      const file = path.join(dataDir, `${role}-补充.md`);
      fs.writeFileSync(file, `# ${role} 的补充材料\n\n长方形的周长 = (长 + 宽) × 2。\n`);
      const status = (await upload(callers[role], lessonId, file)).status;
      const expected = role === 'anonymous' ? 401 : EDIT.includes(role) ? 201 : ['outsider', 'admin'].includes(role) ? 404 : 403;
      expect(status, role).toBe(expected);
    }
  });

  it('users and groups: admins manage them; members see their own group; others get 403 or 404', async () => {
    for (const role of ROLES) {
      const as = callers[role];
      const admin = role === 'admin';
      const member = ['observer', 'teacher', 'lead', 'owner'].includes(role);
      const expectStatus = (status: number, ok: number, denied: number, what: string) =>
        expect(status, `${role} ${what}`).toBe(role === 'anonymous' ? 401 : admin ? ok : denied);
      expectStatus((await api(as, 'GET', '/api/users')).status, 200, 403, 'GET /api/users');
      expectStatus(
        (await api(as, 'POST', '/api/users', { username: `u-${role}`, displayName: 'x', password: 'password-123' })).status,
        201,
        403,
        'POST /api/users',
      );
      expectStatus(
        (await api(as, 'PATCH', `/api/users/${teacher1.userId}`, { displayName: '李老师' })).status,
        200,
        403,
        'PATCH /api/users/{id}',
      );
      expectStatus(
        (await api(as, 'POST', '/api/groups', { name: `组 ${role}`, school: '城关小学', subject: '语文', gradeFrom: 1, gradeTo: 2 }))
          .status,
        201,
        403,
        'POST /api/groups',
      );
      expectStatus((await api(as, 'PATCH', `/api/groups/${groupId}`, { name: '三年级数学组' })).status, 200, 403, 'PATCH /api/groups/{id}');
      expectStatus(
        (await api(as, 'PUT', `/api/groups/${groupId}/members/${teacher1.userId}`, { role: 'teacher' })).status,
        200,
        403,
        'PUT member',
      );
      const detail = (await api(as, 'GET', `/api/groups/${groupId}`)).status;
      expect(detail, `${role} GET /api/groups/{id}`).toBe(role === 'anonymous' ? 401 : admin || member ? 200 : 404);
      expect((await api(as, 'GET', '/api/groups')).status, `${role} GET /api/groups`).toBe(role === 'anonymous' ? 401 : 200);
      expect((await api(as, 'GET', '/api/lessons')).status, `${role} GET /api/lessons`).toBe(role === 'anonymous' ? 401 : 200);
    }
    const removed = await api(admin, 'DELETE', `/api/groups/${groupId}/members/${observer.userId}`);
    expect(removed.status).toBe(204);
    expect((await api(observer, 'GET', `/api/lessons/${lessonId}`)).status).toBe(404);
  });
});
