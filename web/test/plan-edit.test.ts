import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, reactive } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { makePlan } from '../../test/support/fixtures/plan.js';
import type { Lesson, LessonPlan, PlanVersion } from '../src/api/client.js';
import { LESSON, type LessonContext } from '../src/lessons/lesson-context.js';
import PlanPage from '../src/plan/PlanPage.vue';
import { issuesFromServer, PlanDraft, rebaseEdit } from '../src/plan/plan-draft.js';

const plan = () => makePlan() as unknown as LessonPlan;

describe('the plan edit model', () => {
  it('checks the minutes against the period as she types, before any save', () => {
    const draft = new PlanDraft(plan());
    expect(draft.minutesTotal).toBe(40);
    expect(draft.issues).toEqual({});
    draft.setMinutes(1, '14');
    expect(draft.minutesTotal).toBe(42);
    expect(draft.issues.process).toBe('各环节合计 42 分钟，比课时 40 分钟多 2 分钟');
    draft.setMinutes(2, '');
    expect(draft.issues['process.2.minutes']).toBe('请填写大于 0 的整数分钟');
    expect(draft.issues.process).toBe('各环节合计 34 分钟，比课时 40 分钟少 6 分钟');
    draft.setMinutes(2, '6');
    expect(draft.issues).toEqual({});
  });

  it('is dirty once something changed and clean again when it is put back', () => {
    const draft = new PlanDraft(plan());
    expect(draft.dirty).toBe(false);
    draft.setText(['objectives', 0], '能用自己的话说出什么是周长');
    expect(draft.dirty).toBe(true);
    draft.setText(['objectives', 0], '能说出周长的含义，指出长方形和正方形的周长');
    expect(draft.dirty).toBe(false);
  });

  it('makes an edited text hers and gives a restored text its origin and sources back', () => {
    const draft = new PlanDraft(plan());
    const before = draft.plan.keyPoints[0]!;
    expect(before.origin).toBe('material');
    draft.setText(['keyPoints', 0], '长方形的周长等于两条长加两条宽');
    expect(draft.plan.keyPoints[0]).toMatchObject({ origin: 'teacher', sources: [] });
    draft.setText(['keyPoints', 0], '长方形的周长＝（长＋宽）×2');
    expect(draft.plan.keyPoints[0]!.origin).toBe('material');
    expect(draft.plan.keyPoints[0]!.sources[0]).toMatchObject({ file: '数学三上.pdf', page: 85 });
  });

  it('counts the blanks, fills one with her words, and leaves it a blank while its box is empty', () => {
    const draft = new PlanDraft(plan());
    expect(draft.blanks).toBe(1);
    draft.setText(['learnerAnalysis'], '   ');
    expect(draft.plan.learnerAnalysis.origin).toBe('blank');
    expect(draft.dirty).toBe(false);
    draft.setText(['learnerAnalysis'], '32 人，约三分之一的学生常把周长和面积混淆');
    expect(draft.blanks).toBe(0);
    expect(draft.plan.learnerAnalysis.origin).toBe('teacher');
  });

  it('names an emptied text, an added empty item and an empty option', () => {
    const draft = new PlanDraft(plan());
    draft.setText(['boardDesign'], '');
    draft.addBlock(['homework', 'basic']);
    draft.setOption('masteryCheck', 0, 1, ' ');
    expect(draft.issues).toEqual({
      boardDesign: '请填写内容，或删除这一条',
      'homework.basic.1': '请填写内容，或删除这一条',
      'sheets.masteryCheck.items.0.options.1': '请填写选项',
    });
    draft.remove(['homework', 'basic'], 1);
    draft.remove(['homework', 'basic'], 0);
    expect(draft.plan.homework.basic).toHaveLength(1);
  });

  it('adds a 环节 of a chosen role with a new id, moves it, and removes one while two are left', () => {
    const draft = new PlanDraft(plan());
    const ids = draft.plan.process.map((s) => s.id);
    const id = draft.addStep(0, 'group-inquiry');
    expect(id).toBe(`S${Math.max(...ids.map((i) => Number(i.slice(1)))) + 1}`);
    expect(draft.plan.process[1]).toMatchObject({ id, role: 'group-inquiry', name: '合作探究', objectiveIds: [], clip: null });
    expect(draft.issues['process.1.minutes']).toBe('请填写大于 0 的整数分钟');
    expect(draft.issues['process.1.teacherActivity']).toBe('请填写内容，或删除这一条');
    draft.moveStep(1, 1);
    expect(draft.plan.process[2]!.id).toBe(id);
    draft.moveStep(0, -1);
    expect(draft.plan.process[0]!.id).toBe(ids[0]);
    // A removed step's id is not given to the next step she adds: comments on it stay with it.
    const last = draft.plan.process.at(-1)!.id;
    draft.removeStep(draft.plan.process.length - 1);
    expect(draft.addStep(0, 'check')).not.toBe(last);
    while (draft.plan.process.length > 2) draft.removeStep(0);
    draft.removeStep(0);
    expect(draft.plan.process).toHaveLength(2);
  });

  it('places the server’s refusals at their fields, in Chinese', () => {
    expect(
      issuesFromServer([
        { path: ['plan', 'objectives', 1, 'text'], message: 'String must contain at least 4 character(s)' },
        { path: ['plan', 'process'], message: '教学过程各环节用时合计 38 分钟，与课时 40 分钟不符' },
      ]),
    ).toEqual({ 'objectives.1': '这里填写得不符合要求，请检查', process: '教学过程各环节用时合计 38 分钟，与课时 40 分钟不符' });
  });

  it('carries her edit onto a version saved meanwhile, keeping theirs and counting the clashes', () => {
    const base = plan();
    const mine = new PlanDraft(base);
    mine.setText(['objectives', 0], '能用自己的话说出什么是周长');
    mine.setText(['boardDesign'], '周长＝一周的长度');
    const theirs = structuredClone(base);
    theirs.boardDesign.text = '周长（组长版）';
    theirs.homework.advanced[0]!.text = '量一量黑板的周长';
    const { draft, clashes } = mine.carryOnto(theirs);
    expect(clashes).toBe(1);
    expect(draft.plan.objectives[0]!.text).toBe('能用自己的话说出什么是周长');
    expect(draft.plan.homework.advanced[0]!.text).toBe('量一量黑板的周长');
    expect(draft.plan.boardDesign.text).toBe('周长＝一周的长度');
    expect(draft.base).toEqual(theirs);
    expect(rebaseEdit({ a: [1, 2] }, { a: [1, 2, 3] }, { a: [1] })).toEqual({ plan: { a: [1, 2, 3] }, clashes: 1 });
  });
});

const lesson = (role: Lesson['role']): Lesson => ({
  id: 'l1',
  title: '长方形和正方形的周长',
  subject: '数学',
  grade: 3,
  periodMinutes: 40,
  edition: '人教版',
  unit: null,
  classProfile: null,
  ownerId: 'u1',
  groupId: null,
  role,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
});

const version = (number: number, label: PlanVersion['label'] = 'ai-draft', body = plan()): PlanVersion => ({
  id: `v${number}`,
  number,
  label,
  labelName: label,
  cycle: 1,
  author: number === 1 ? '离线规则引擎' : '李组长',
  authorId: null,
  basedOn: number === 1 ? null : `v${number - 1}`,
  runId: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  plan: body,
});

type Handler = (request: Request) => Response | Promise<Response>;

/** The plan page in a router, as the lesson layout shows it, with the service answered by `handler`. */
async function mountPage(role: Lesson['role'], handler: Handler) {
  const requests: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    requests.push({
      method: request.method,
      url: new URL(request.url).pathname,
      body: request.method === 'GET' ? null : await request.clone().json(),
    });
    return handler(request);
  });
  vi.stubGlobal('confirm', () => true);
  const elsewhere = { render: () => null };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/lessons/:id/plan', name: 'plan', component: PlanPage },
      { path: '/lessons/:id/run', name: 'run', component: elsewhere },
      { path: '/lessons/:id/sheets', name: 'sheets', component: elsewhere },
    ],
  });
  const ctx = reactive({
    lessonId: 'l1',
    lesson: lesson(role),
    status: { run: null, version: null, openComments: 0 },
    health: null,
    problem: null,
    refresh: async () => {},
    ready: Promise.resolve(),
  }) as LessonContext;
  await router.push('/lessons/l1/plan');
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [router], provide: { [LESSON as symbol]: ctx } },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, requests };
}

const json = (body: unknown, status = 200) => Response.json(body, { status });
const clickSave = (wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper']) =>
  wrapper
    .findAll('button')
    .find((b) => b.text() === '保存为新版本')!
    .trigger('click');

describe('the plan page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lets the owner edit: the sum error shows before saving, the save sends her words as hers and shows the new version', async () => {
    let latest = version(1);
    const { wrapper, requests } = await mountPage('owner', async (request) => {
      if (request.method === 'PUT') {
        const body = (await request.json()) as { plan: LessonPlan };
        latest = version(2, 'revision', body.plan);
        return json({ version: latest, run: {} }, 201);
      }
      return json(latest);
    });
    expect(wrapper.get('[data-testid="blank-count"]').text()).toContain('还有 1 处待补充');
    await wrapper.get('button.primary').trigger('click');
    expect(wrapper.get('button.primary:disabled').text()).toBe('保存为新版本');

    const objective = wrapper.get('#f-objectives-0');
    await objective.setValue('能用自己的话说出什么是周长');
    expect(wrapper.get('[data-objective="O1"] [data-origin]').attributes('data-origin')).toBe('teacher');
    await wrapper.get('#f-process-1-minutes').setValue('14');
    expect(wrapper.get('#process-total-error').text()).toBe('各环节合计 42 分钟，比课时 40 分钟多 2 分钟，请调整各环节的用时。');
    expect(wrapper.get('[data-testid="minutes-total"]').text()).toBe('42 分钟');
    await clickSave(wrapper);
    await flushPromises();
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    expect(document.activeElement?.id).toBe('f-process-0-minutes');

    await wrapper.get('#f-process-1-minutes').setValue('12');
    expect(wrapper.find('#process-total-error').exists()).toBe(false);
    await clickSave(wrapper);
    await flushPromises();
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.url).toBe('/api/lessons/l1/plan');
    expect(put.body).toMatchObject({ basedOn: 'v1', label: 'revision' });
    expect((put.body as { plan: LessonPlan }).plan.objectives[0]).toMatchObject({ text: '能用自己的话说出什么是周长', origin: 'teacher' });
    expect(wrapper.get('[data-testid="plan-version"]').text()).toBe('第 2 版 · 修订');
    expect(wrapper.get('[role="status"]').text()).toContain('已保存为第 2 版');
    expect(wrapper.get('[data-objective="O1"] .origin').text()).toBe('教师填写');
    expect(wrapper.find('textarea').exists()).toBe(false);
  });

  it('adds a 环节 after a chosen step with a chosen role, moves it, removes another after asking, and saves them', async () => {
    let latest = version(1);
    const { wrapper, requests } = await mountPage('lead', async (request) => {
      if (request.method === 'PUT') {
        latest = version(2, 'revision', ((await request.json()) as { plan: LessonPlan }).plan);
        return json({ version: latest, run: {} }, 201);
      }
      return json(latest);
    });
    const before = latest.plan.process.map((s) => s.id);
    await wrapper.get('button.primary').trigger('click');
    await wrapper.get('#add-step-after').setValue('1');
    await wrapper.get('#add-step-role').setValue('group-inquiry');
    await wrapper.get('.add-step button').trigger('click');
    await flushPromises();
    expect(document.activeElement?.id).toBe('f-process-2-name');
    expect(wrapper.get('[data-testid="step-said"]').text()).toBe('已在第 2 个环节后添加“合作探究”环节，请填写用时和内容。');
    expect(wrapper.get('#f-process-2-minutes-error').text()).toBe('请填写大于 0 的整数分钟');
    await wrapper.get('#f-process-2-name').setValue('小组比一比');
    for (const cell of ['teacherActivity', 'studentActivity', 'intent'])
      await wrapper.get(`#f-process-2-${cell}`).setValue(`新环节的${cell}`);
    await wrapper.get('#f-process-2-minutes').setValue('5');
    await wrapper.get('#f-process-1-minutes').setValue('7');
    await wrapper.get('#f-process-2-up').trigger('click');
    await flushPromises();
    expect(document.activeElement?.id).toBe('f-process-1-up');
    expect(wrapper.get('[data-testid="step-said"]').text()).toBe('已把“小组比一比”移到第 2 个。');

    const asked: string[] = [];
    vi.stubGlobal('confirm', (message: string) => {
      asked.push(message);
      return asked.length > 1;
    });
    const last = before.length; // index of the last step, one was added
    await wrapper.get(`#f-process-${last}-remove`).trigger('click');
    expect(wrapper.findAll('tbody tr')).toHaveLength(before.length + 1);
    await wrapper.get(`#f-process-${last}-remove`).trigger('click');
    expect(asked[1]).toMatch(/^删除环节“.+”吗？它的用时、教师活动、学生活动、设计意图会一起删除。/);
    expect(wrapper.findAll('tbody tr')).toHaveLength(before.length);
    const removedMinutes = latest.plan.process.at(-1)!.minutes;
    await wrapper.get(`#f-process-0-minutes`).setValue(String(latest.plan.process[0]!.minutes + removedMinutes));
    expect(wrapper.find('#process-total-error').exists()).toBe(false);
    await clickSave(wrapper);
    await flushPromises();
    const sent = (requests.find((r) => r.method === 'PUT')!.body as { plan: LessonPlan }).plan.process;
    expect(sent.map((s) => s.id)).toEqual([before[0], `S${before.length + 1}`, ...before.slice(1, -1)]);
    expect(sent[1]).toMatchObject({ role: 'group-inquiry', name: '小组比一比', minutes: 5, teacherActivity: { origin: 'teacher' } });
  });

  it('explains a save refused for a newer version and carries her edit onto it', async () => {
    let current = version(1);
    const { wrapper } = await mountPage('lead', (request) => {
      if (request.method === 'PUT') {
        current = version(2, 'revision', { ...plan(), boardDesign: { text: '组长改的板书', origin: 'teacher', sources: [] } });
        return json({ error: { code: 'stale-edit', message: '教学设计已有更新的版本（第 2 版），请在最新版本上修改' } }, 409);
      }
      return json(current);
    });
    await wrapper.get('button.primary').trigger('click');
    await wrapper.get('#f-objectives-0').setValue('能用自己的话说出什么是周长');
    await clickSave(wrapper);
    await flushPromises();
    const conflict = wrapper.get('[data-testid="conflict"]');
    expect(conflict.text()).toContain('您编辑的时候，李组长 保存了第 2 版，所以这次没有保存。您的修改还在页面上，没有丢失。');
    await conflict.findAll('button')[0]!.trigger('click');
    expect((wrapper.get('#f-objectives-0').element as HTMLTextAreaElement).value).toBe('能用自己的话说出什么是周长');
    expect((wrapper.get('#f-boardDesign').element as HTMLTextAreaElement).value).toBe('组长改的板书');
    expect(wrapper.get('[data-testid="plan-version"]').text()).toBe('第 2 版 · 修订');
    expect(wrapper.text()).toContain('已把您的修改放到第 2 版上');
  });

  it('shows the server’s validation error beside the field it is about', async () => {
    const { wrapper } = await mountPage('owner', (request) =>
      request.method === 'PUT'
        ? json(
            {
              error: {
                code: 'invalid-request',
                message: '请求内容不符合要求',
                details: [{ path: ['plan', 'homework', 'challenge', 0, 'text'], message: '拓展作业不能只写“略”' }],
              },
            },
            400,
          )
        : json(version(1)),
    );
    await wrapper.get('button.primary').trigger('click');
    await wrapper.get('#f-homework-challenge-0').setValue('略');
    await clickSave(wrapper);
    await flushPromises();
    expect(wrapper.get('#f-homework-challenge-0-error').text()).toBe('拓展作业不能只写“略”');
    expect(wrapper.get('#f-homework-challenge-0').attributes('aria-invalid')).toBe('true');
    await wrapper.get('#f-homework-challenge-0').setValue('用 16 根小棒围出不同的长方形');
    expect(wrapper.find('#f-homework-challenge-0-error').exists()).toBe(false);
  });

  it('lists under 教学过程 what the service refused about a step that no box shows, and moves there', async () => {
    const { wrapper } = await mountPage('owner', (request) =>
      request.method === 'PUT'
        ? json(
            {
              error: {
                code: 'invalid-request',
                message: '请求内容不符合要求',
                details: [{ path: ['plan', 'process', 1, 'clip'], message: '视频片段的结束时间必须晚于开始时间' }],
              },
            },
            400,
          )
        : json(version(1)),
    );
    await wrapper.get('button.primary').trigger('click');
    await wrapper.get('#f-process-1-name').setValue('探究周长');
    await clickSave(wrapper);
    await flushPromises();
    expect(wrapper.get('#process-step-issues').text()).toBe('第 2 个环节“探究周长”：视频片段的结束时间必须晚于开始时间');
    expect(document.activeElement?.id).toBe('process-step-issues');
  });

  it('opens the cited page of a material beside the plan, with the quote marked, and closes it with Esc', async () => {
    const { wrapper, requests } = await mountPage('teacher', (request) =>
      new URL(request.url).pathname.endsWith('/source-page')
        ? json({
            file: '课程标准2022.pdf',
            page: 23,
            unit: 'page',
            unitName: '页',
            pages: 60,
            text: '第二学段……结合实例认识周长，能测量并计算长方形和正方形的周长……',
            quality: 'good',
            note: null,
            materialId: 'm1',
          })
        : json(version(1)),
    );
    const mark = wrapper.get('button[aria-label="查看原文：课程标准2022.pdf 第 23 页"]');
    await mark.trigger('click');
    await flushPromises();
    expect(requests.at(-1)!.url).toBe('/api/lessons/l1/source-page');
    const passage = wrapper.get('[data-testid="source-passage"]');
    expect(passage.get('h3').text()).toBe('原文：课程标准2022.pdf 第 23 页');
    expect(passage.get('mark').text()).toBe('认识周长');
    await passage.trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('[data-testid="source-passage"]').exists()).toBe(false);
  });

  it('keeps a 终案 read-only and says why; a colleague who is not the owner or lead only reads', async () => {
    const final = await mountPage('owner', () => json(version(3, 'final')));
    expect(final.wrapper.get('[data-testid="read-only-reason"]').text()).toContain('这是终案（第 3 版），已经锁定');
    expect(final.wrapper.findAll('button').some((b) => b.text() === '修改教学设计')).toBe(false);
    final.wrapper.unmount();
    const colleague = await mountPage('teacher', () => json(version(1)));
    expect(colleague.wrapper.get('[data-testid="read-only-reason"]').text()).toContain('只有这节课的主备教师和备课组长可以修改');
    expect(colleague.wrapper.find('textarea').exists()).toBe(false);
  });
});
