import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import RefineMenu from '../src/plan/RefineMenu.vue';

const OFFLINE = '调整需要 AI 模型：本服务没有配置模型，所以这些按钮不可用。';
const props = { lessonId: 'l1', basedOn: 'v2', section: 'process' as const, label: '教学过程' };

describe('the 调整 menu of a plan section', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offline, shows all five requests disabled with the reason read with them, and asks nothing', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const wrapper = mount(RefineMenu, { props: { ...props, reason: OFFLINE } });
    const buttons = wrapper.findAll('button');
    expect(buttons.map((b) => b.text())).toEqual(['更浅显', '更有挑战', '更简短', '更详细', '分层']);
    expect(buttons.every((b) => b.attributes('disabled') !== undefined)).toBe(true);
    expect(wrapper.get('[data-testid="refine-reason"]').text()).toBe(OFFLINE);
    expect(wrapper.get('[role="group"]').attributes('aria-describedby')).toBe('refine-why-process');
    await buttons[0]!.trigger('click');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('with a model, sends the section and the request, and hands on the new version with its note', async () => {
    const version = { id: 'v3', number: 3, label: 'revision' };
    const fetch = vi.fn(async (_request: Request) =>
      Response.json({ version, run: {}, note: '教学过程「更简短」：删去重复的提问。', refused: [] }, { status: 201 }),
    );
    vi.stubGlobal('fetch', fetch);
    const wrapper = mount(RefineMenu, { props: { ...props, reason: null } });
    await wrapper.get('button[data-kind="shorter"]').trigger('click');
    await flushPromises();
    const request = fetch.mock.calls[0]![0];
    expect(new URL(request.url).pathname).toBe('/api/lessons/l1/plan/refine');
    expect(await request.json()).toEqual({ basedOn: 'v2', section: 'process', kind: 'shorter' });
    expect(wrapper.emitted('refined')).toEqual([[version, '教学过程「更简短」：删去重复的提问。']]);
  });

  it('says a refusal as a sentence', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json({ error: { code: 'stale-version', message: '教学设计在你打开之后有了新版本，请刷新后再调整' } }, { status: 409 }),
    );
    const wrapper = mount(RefineMenu, { props: { ...props, reason: null } });
    await wrapper.get('button[data-kind="tiered"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toContain('没有调整：教学设计在你打开之后有了新版本，请刷新后再调整');
    expect(wrapper.emitted('refined')).toBeUndefined();
  });
});
