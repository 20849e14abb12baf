import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LessonForm from '../src/lessons/LessonForm.vue';
import { emptyDraft, lessonInput, validateLesson } from '../src/lessons/lesson-form.js';

describe('lesson form rules', () => {
  it('asks for 课题, 学科 and 年级 and accepts an empty 课时', () => {
    expect(Object.keys(validateLesson(emptyDraft())).sort()).toEqual(['grade', 'subject', 'title']);
    const draft = { ...emptyDraft(), title: '长方形和正方形的周长', subject: '数学', grade: '3' };
    expect(validateLesson(draft)).toEqual({});
    expect(lessonInput(draft)).toEqual({
      title: '长方形和正方形的周长',
      subject: '数学',
      grade: 3,
      edition: null,
      periodMinutes: null,
      classProfile: null,
      groupId: null,
    });
    expect(lessonInput({ ...draft, groupId: 'g1' }).groupId).toBe('g1');
  });

  it('refuses a period outside 10–120 minutes or not a whole number', () => {
    const base = { ...emptyDraft(), title: 'x', subject: '数学', grade: '3' };
    expect(validateLesson({ ...base, periodMinutes: '5' }).periodMinutes).toContain('10 到 120');
    expect(validateLesson({ ...base, periodMinutes: '40.5' }).periodMinutes).toBeDefined();
    expect(validateLesson({ ...base, periodMinutes: ' 45 ' })).toEqual({});
  });
});

describe('LessonForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each problem beside its field on save, focuses the first, and sends nothing', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const wrapper = mount(LessonForm, { attachTo: document.body });
    await wrapper.find('input#lesson-periodMinutes').setValue('300');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('#lesson-title-error').text()).toContain('请填写课题');
    expect(wrapper.find('#lesson-grade-error').text()).toBe('请选择年级');
    expect(wrapper.find('#lesson-periodMinutes-error').text()).toContain('10 到 120');
    expect(wrapper.find('#lesson-title').attributes('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('lesson-title');
    expect(fetch).not.toHaveBeenCalled();
    wrapper.unmount();
  });

  it('does not nag before the teacher has left a field', async () => {
    const wrapper = mount(LessonForm);
    await wrapper.find('#lesson-title').setValue('');
    expect(wrapper.find('#lesson-title-error').text()).toBe('');
    await wrapper.find('#lesson-title').trigger('blur');
    expect(wrapper.find('#lesson-title-error').text()).toContain('请填写课题');
  });

  it('posts a valid lesson and shows the server’s refusal as a sentence', async () => {
    const requests: { url: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      requests.push({ url: request.url, body: await request.json() });
      return new Response(
        JSON.stringify({ error: { code: 'invalid-request', message: '请求内容不符合要求', details: [{ path: ['subject'] }] } }),
        {
          status: 400,
          headers: { 'content-type': 'application/json' },
        },
      );
    });
    const wrapper = mount(LessonForm);
    await wrapper.find('#lesson-title').setValue('长方形和正方形的周长');
    await wrapper.find('#lesson-subject').setValue('数学');
    await wrapper.find('#lesson-grade').setValue('3');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(requests).toHaveLength(1);
    expect(new URL(requests[0]!.url).pathname).toBe('/api/lessons');
    expect(requests[0]!.body).toMatchObject({ title: '长方形和正方形的周长', subject: '数学', grade: 3 });
    const alert = wrapper.find('[role="alert"]');
    expect(alert.text()).toContain('请检查「学科」');
    expect(alert.text()).not.toContain('{');
    expect(wrapper.emitted('created')).toBeUndefined();
  });
});
