import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import ReflectionEditor from '../src/report/ReflectionEditor.vue';

const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { template: '<div />' } }] });
const latest = { id: 'v3', number: 3, label: 'shared', labelName: '共案', plan: { reflection: null } };
const modelDraft = {
  id: 'd1',
  observationId: 'o1',
  engine: 'openai-compatible',
  model: 'qwen2.5-14b',
  sections: [
    { key: 'data', heading: '数据摘要', text: '2 位观课员……', origin: 'template' },
    { key: 'strengths', heading: '成功之处', text: '情境导入贴近生活。', origin: 'model' },
  ],
  text: '【数据摘要】\n2 位观课员……\n\n【成功之处】\n情境导入贴近生活。',
  createdAt: '2025-03-12T10:00:00Z',
};

/** The service as the editor meets it: the newest version, a draft, and the saved version. */
function service(requests: { method: string; path: string; body: unknown }[]) {
  return async (request: Request) => {
    const path = new URL(request.url).pathname;
    requests.push({ method: request.method, path, body: request.method === 'GET' ? null : await request.json() });
    if (path.endsWith('/plan')) return Response.json(latest);
    if (path.endsWith('/reflection/draft')) return Response.json(modelDraft, { status: 201 });
    return Response.json({ ...latest, id: 'v4', number: 4, label: 'revision', labelName: '修订' }, { status: 201 });
  };
}

const mountEditor = (props: Record<string, unknown>) =>
  mount(ReflectionEditor, {
    props: { lessonId: 'l1', observationId: 'o1', health: null, mayDraft: true, maySave: true, ...props },
    global: { plugins: [router] },
  });

describe('ReflectionEditor', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('with a model: asks it for the draft, says which parts it wrote, and saves her text on the newest version', async () => {
    const requests: { method: string; path: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', service(requests));
    const health = { status: 'ok', version: '0.1.0', engine: 'openai-compatible', model: 'qwen2.5-14b', database: 'ok' };
    const wrapper = mountEditor({ health });
    await flushPromises();
    expect(wrapper.get('[data-testid="reflection-engine"]').text()).toContain('AI 模型（qwen2.5-14b）');
    await wrapper.get('button').trigger('click');
    await flushPromises();
    expect(requests.find((r) => r.path.endsWith('/draft'))?.body).toEqual({ engine: 'openai' });
    expect((wrapper.get('textarea').element as HTMLTextAreaElement).value).toBe(modelDraft.text);
    expect(wrapper.get('[data-testid="draft-origins"]').text()).toContain('成功之处：AI 模型 qwen2.5-14b');
    expect(wrapper.get('[data-testid="draft-origins"]').text()).toContain('数据摘要：规则模板');

    await wrapper.get('textarea').setValue(`${modelDraft.text}\n下次先明确分工。`);
    await wrapper
      .findAll('button')
      .find((b) => b.text() === '保存反思')!
      .trigger('click');
    await flushPromises();
    expect(requests.at(-2)).toMatchObject({
      method: 'POST',
      path: '/api/observations/o1/reflection',
      body: { basedOn: 'v3', draftId: 'd1', text: `${modelDraft.text}\n下次先明确分工。` },
    });
    expect(wrapper.get('[data-testid="reflection-saved"]').text()).toContain('第 4 版（修订）');
    expect(wrapper.get('a').attributes('href')).toBe('/lessons/l1/review');
  });

  it('when a colleague saved a newer version meanwhile, keeps her text and saves it on theirs at the next click', async () => {
    const bodies: unknown[] = [];
    let newest = latest;
    vi.stubGlobal('fetch', async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (path.endsWith('/plan')) return Response.json(newest);
      const body = (await request.json()) as { basedOn: string };
      bodies.push(body);
      if (body.basedOn !== newest.id) {
        return Response.json(
          { error: { code: 'stale-edit', message: `教学设计已有更新的版本（第 ${newest.number} 版），请在最新版本上修改` } },
          { status: 409 },
        );
      }
      return Response.json({ ...newest, id: 'v5', number: 5, label: 'revision', labelName: '修订' }, { status: 201 });
    });
    const wrapper = mountEditor({});
    await flushPromises();
    newest = { ...latest, id: 'v4', number: 4 };
    await wrapper.get('textarea').setValue('下次先明确分工。');
    const save = () =>
      wrapper
        .findAll('button')
        .find((b) => b.text() === '保存反思')!
        .trigger('click');
    await save();
    await flushPromises();
    expect(wrapper.get('.overtaken').text()).toContain('有人保存了第 4 版。你的反思还在编辑框里');
    expect((wrapper.get('textarea').element as HTMLTextAreaElement).value).toBe('下次先明确分工。');
    await save();
    await flushPromises();
    expect(bodies.map((b) => (b as { basedOn: string }).basedOn)).toEqual(['v3', 'v4']);
    expect(wrapper.get('[data-testid="reflection-saved"]').text()).toContain('第 5 版（修订）');
  });

  it('offline: offers the data summary and says it is not written by AI; without the right to save, says who may', async () => {
    const requests: { method: string; path: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', service(requests));
    const health = { status: 'ok', version: '0.1.0', engine: 'offline', model: null, database: 'ok' };
    const wrapper = mountEditor({ health, maySave: false });
    await flushPromises();
    expect(wrapper.get('[data-testid="reflection-engine"]').text()).toContain('不是 AI 写的');
    expect(wrapper.get('button').text()).toBe('起草反思（数据摘要）');
    await wrapper.get('button').trigger('click');
    await flushPromises();
    expect(requests.find((r) => r.path.endsWith('/draft'))?.body).toEqual({ engine: 'offline' });
    expect(wrapper.text()).toContain('只有执教教师、主备或组长可以保存这节课的教学反思。');
    expect(wrapper.findAll('button').some((b) => b.text() === '保存反思')).toBe(false);
  });
});
