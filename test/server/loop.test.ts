import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';
import { addUser, type SignedIn, setupAdmin } from '../support/accounts.js';
import { api, type Caller, fetchAs, upload, waitForRun } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

/**
 * The collective-prep loop over real HTTP with four people of one group (a
 * lead, two teachers, an observer) and an outsider from another group:
 * AI draft → 初案 → comments with a suggestion accepted → 共案 → 终案 locked →
 * a new cycle. Then every route is tried as every role on that lesson.
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
  groupId = (
    await api(admin, 'POST', '/api/groups', { name: '三年级数学组', school: '城关小学', subject: '数学', gradeFrom: 3, gradeTo: 3 })
  ).body.id;
  const other = (
    await api(admin, 'POST', '/api/groups', { name: '四年级数学组', school: '城关小学', subject: '数学', gradeFrom: 4, gradeTo: 4 })
  ).body.id;
  for (const [who, role] of [
    [lead, 'lead'],
    [teacher1, 'teacher'],
    [teacher2, 'teacher'],
    [observer, 'observer'],
  ] as const) {
    expect((await api(admin, 'PUT', `/api/groups/${groupId}/members/${who.userId}`, { role })).status).toBe(200);
  }
  await api(admin, 'PUT', `/api/groups/${other}/members/${outsider.userId}`, { role: 'lead' });

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

  it('the question is resolved; the 终案 locks the plan and its export names the group', async () => {
    expect((await api(teacher1, 'POST', `/api/comments/${questionId}/resolve`)).status).toBe(403);
    expect((await api(lead, 'POST', `/api/comments/${questionId}/resolve`)).body.status).toBe('resolved');
    const shared = await latest(lead);
    expect((await api(lead, 'GET', `/api/lessons/${lessonId}/plan/versions/${shared.id}/open-items`)).body.items).toEqual([]);

    const final = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/label`, { basedOn: shared.id, label: 'final' });
    expect(final.status).toBe(201);
    expect(final.body).toMatchObject({ number: 4, label: 'final', labelName: '终案' });
    const edit = await api(lead, 'PUT', `/api/lessons/${lessonId}/plan`, { plan: final.body.plan, basedOn: final.body.id });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('plan-final');

    const md = await fetchAs(observer, `/api/lessons/${lessonId}/export/plan.md`);
    expect(decodeURIComponent(md.headers.get('content-disposition')!)).toContain('终案-教学设计.md');
    expect(await md.text()).toContain('终案（第 4 版，第 1 轮） · 城关小学 三年级数学组 · 定稿：张主备');

    // A new run on a 终案 re-makes the deck from it and adds no version.
    const rerun = await api(lead, 'POST', `/api/lessons/${lessonId}/runs`, { engine: 'offline' });
    expect(rerun.body.planVersionId).toBe(final.body.id);
    expect((await waitForRun(lead, rerun.body.id)).status).toBe('succeeded');
    expect((await latest(lead)).number).toBe(4);
  });

  it('a new cycle supersedes the 终案 with a 修订 that can be edited again', async () => {
    const final = await latest(lead);
    const cycle = await api(lead, 'POST', `/api/lessons/${lessonId}/plan/cycles`, { basedOn: final.id });
    expect(cycle.status).toBe(201);
    expect(cycle.body).toMatchObject({ number: 5, label: 'revision', cycle: 2, basedOn: final.id });
    const plan = structuredClone(cycle.body.plan);
    plan.process[0].teacherActivity.text = `${plan.process[0].teacherActivity.text}（第二轮：改用学生自己的书签）`;
    const saved = await api(lead, 'PUT', `/api/lessons/${lessonId}/plan`, { plan, basedOn: cycle.body.id });
    expect(saved.status).toBe(201);
    expect(saved.body.version).toMatchObject({ number: 6, label: 'revision', cycle: 2, author: '张主备' });
    expect((await waitForRun(lead, saved.body.run.id)).status).toBe('succeeded');
    const versions = (await api(teacher2, 'GET', `/api/lessons/${lessonId}/plan/versions`)).body;
    expect(versions.map((v: { labelName: string }) => v.labelName)).toEqual(['修订', '修订', '终案', '共案', '初案', 'AI初稿']);
  });
});

type Role = 'anonymous' | 'outsider' | 'admin' | 'observer' | 'teacher' | 'lead' | 'owner';
const ROLES: Role[] = ['anonymous', 'outsider', 'admin', 'observer', 'teacher', 'lead', 'owner'];
const VIEW: Role[] = ['observer', 'teacher', 'lead', 'owner'];
const COMMENT: Role[] = ['teacher', 'lead', 'owner'];
const EDIT: Role[] = ['lead', 'owner'];

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
    ids.spare = (await api(lead, 'POST', '/api/lessons', { title: '备用课', subject: '数学', grade: 3, groupId })).body.id;
    ids.doomed = (await api(lead, 'POST', '/api/lessons', { title: '待删课', subject: '数学', grade: 3, groupId })).body.id;
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
      .filter(([route]) => /^\/api\/(lessons|runs|artifacts|materials|comments)\/\{id\}/.test(route))
      .flatMap(([route, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${route}`));
    const tried = new Set([
      ...MATRIX.map(([name]) => name.replace(/ \(.*\)$/, '')),
      'DELETE /api/materials/{id}',
      'POST /api/lessons/{id}/materials',
    ]);
    expect(lessonRoutes.filter((route) => !tried.has(route))).toEqual([]);
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
      const status = (await upload(callers[role], lessonId, path.join(DEMO, 'materials/jiaocan.md'))).status;
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
