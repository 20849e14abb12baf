import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ResultsForm from '../src/report/ResultsForm.vue';
import { reflectionProblem } from '../src/report/reflection.js';
import { draftFrom, resultsInput, validateResults } from '../src/report/results-form.js';

const items = [
  { id: 'M1', prompt: '一个长方形长 5 厘米、宽 3 厘米，周长是多少？', objectiveIds: ['O1'] },
  { id: 'M2', prompt: '正方形边长 4 分米，周长是多少？', objectiveIds: ['O1', 'O2'] },
];

describe('results form rules', () => {
  it('asks per item for the class size and every count, in sentences naming the item', () => {
    const draft = draftFrom(null, items);
    expect(validateResults(draft, items)).toEqual({
      classSize: '请填写参测人数（参加达标检测的学生数）。',
      'item-M1': '请填写第 1 题（M1）的答对人数；没有人答对请填 0。',
      'item-M2': '请填写第 2 题（M2）的答对人数；没有人答对请填 0。',
    });
    const filled = { ...draft, classSize: '40', correct: { M1: '45', M2: '3.5' } };
    expect(validateResults(filled, items)).toEqual({
      'item-M1': '第 1 题（M1）答对 45 人，超过了参测人数 40 人。',
      'item-M2': '第 2 题（M2）的答对人数要是 0 或正整数。',
    });
    expect(validateResults({ ...filled, classSize: '0' }, items).classSize).toBe('参测人数要是 1 到 200 之间的整数。');
    const good = { ...filled, correct: { M1: ' 32 ', M2: '0' } };
    expect(validateResults(good, items)).toEqual({});
    expect(resultsInput(good, items)).toEqual({
      classSize: 40,
      items: [
        { itemId: 'M1', correct: 32 },
        { itemId: 'M2', correct: 0 },
      ],
    });
  });

  it('per student: names each, once, and a class size no smaller than the list', () => {
    const draft = {
      ...draftFrom(null, items),
      mode: 'students' as const,
      classSize: '1',
      students: [
        { student: '01', correct: ['M1'] },
        { student: ' ', correct: [] },
        { student: '01', correct: ['M2'] },
      ],
    };
    expect(validateResults(draft, items)).toEqual({
      'student-1': '第 2 行请填写学生的学号或姓名。',
      'student-2': '学生「01」录入了两次。',
      classSize: '参测人数 1 少于录入的学生数 3。',
    });
    const good = { ...draft, classSize: '', students: [{ student: '01 王小明', correct: ['M1', 'M2'] }] };
    expect(validateResults(good, items)).toEqual({});
    expect(resultsInput(good, items)).toEqual({ students: [{ student: '01 王小明', correct: ['M1', 'M2'] }] });
  });

  it('starts from what was entered before, per student when it was entered so', () => {
    const entered = {
      observationId: 'o1',
      classSize: 30,
      items: [{ itemId: 'M1', correct: 1 }],
      students: [{ student: '01', correct: ['M1'] }],
      studentsHidden: false,
      enteredBy: 'u1',
      updatedAt: '2025-03-12T10:00:00Z',
    };
    expect(draftFrom(entered, items)).toMatchObject({ mode: 'students', classSize: '30', students: [{ student: '01', correct: ['M1'] }] });
    expect(draftFrom({ ...entered, students: null }, items)).toMatchObject({ mode: 'items', correct: { M1: '1', M2: '' } });
  });

  it('keeps a reflection with blanks from being saved, saying how many', () => {
    expect(reflectionProblem('【数据摘要】\n……\n【成功之处】\n【待教师补充：本课成功的地方及依据】')).toBe(
      '反思中还有 1 处【待教师补充】，请写完后再保存。',
    );
    expect(reflectionProblem('  ')).toContain('请先写下教学反思');
    expect(reflectionProblem('情境导入贴近学生生活。')).toBeNull();
  });
});

describe('ResultsForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each problem beside its field and in a summary, focuses the first, and sends nothing', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const wrapper = mount(ResultsForm, { props: { observationId: 'o1', items, results: null }, attachTo: document.body });
    await wrapper.find('#results-classSize').setValue('40');
    await wrapper.find('#results-item-M1').setValue('41');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('#results-item-M1-error').text()).toBe('第 1 题（M1）答对 41 人，超过了参测人数 40 人。');
    expect(wrapper.find('#results-item-M2-error').text()).toContain('请填写第 2 题（M2）的答对人数');
    expect(wrapper.find('[role="alert"]').text()).toContain('还有 2 处需要修改');
    expect(wrapper.find('#results-item-M1').attributes('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('results-item-M1');
    expect(fetch).not.toHaveBeenCalled();
    // Fixing a count clears its sentence as she types.
    await wrapper.find('#results-item-M1').setValue('38');
    expect(wrapper.find('#results-item-M1-error').text()).toBe('');
    wrapper.unmount();
  });

  it('puts valid results and shows the service’s refusal as a sentence, keeping what she typed', async () => {
    const requests: { method: string; url: string; body: unknown }[] = [];
    let answer: Response = Response.json(
      { error: { code: 'too-many-correct', message: '答对人数不能超过参测人数 40：M2' } },
      { status: 400 },
    );
    vi.stubGlobal('fetch', async (request: Request) => {
      requests.push({ method: request.method, url: request.url, body: await request.json() });
      return answer;
    });
    const wrapper = mount(ResultsForm, { props: { observationId: 'o1', items, results: null } });
    await wrapper.find('#results-classSize').setValue('40');
    await wrapper.find('#results-item-M1').setValue('32');
    await wrapper.find('#results-item-M2').setValue('30');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(requests).toEqual([
      {
        method: 'PUT',
        url: expect.stringMatching(/\/api\/observations\/o1\/results$/),
        body: {
          classSize: 40,
          items: [
            { itemId: 'M1', correct: 32 },
            { itemId: 'M2', correct: 30 },
          ],
        },
      },
    ]);
    expect(wrapper.find('[role="alert"]').text()).toBe('达标检测结果没有保存：答对人数不能超过参测人数 40：M2。');
    expect((wrapper.find('#results-item-M2').element as HTMLInputElement).value).toBe('30');
    expect(wrapper.emitted('saved')).toBeUndefined();

    const saved = {
      observationId: 'o1',
      classSize: 40,
      items: [
        { itemId: 'M1', correct: 32 },
        { itemId: 'M2', correct: 30 },
      ],
      students: null,
      studentsHidden: false,
      enteredBy: 'u1',
      updatedAt: '2025-03-12T10:00:00Z',
    };
    answer = Response.json(saved);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.emitted('saved')).toEqual([[saved]]);
  });

  it('per student: a row per student with a tick per item, sent as the items each got right', async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      bodies.push(await request.json());
      return Response.json({});
    });
    const wrapper = mount(ResultsForm, { props: { observationId: 'o1', items, results: null } });
    await wrapper.find('input[type="radio"][value="students"]').setValue(true);
    expect(wrapper.text()).toContain('观课员看不到');
    await wrapper.find('button[type="button"]').trigger('click');
    await wrapper.find('#results-student-0').setValue('05 刘小华');
    await wrapper.find('input[aria-label="第 1 行学生答对第 2 题（M2）"]').setValue(true);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(bodies).toEqual([{ students: [{ student: '05 刘小华', correct: ['M2'] }] }]);
  });
});
