import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createEventQueue } from '../src/observe/event-queue.js';
import { createRecorder } from '../src/observe/recorder.js';
import StPrompt from '../src/observe/StPrompt.vue';

const T0 = Date.parse('2025-03-12T09:00:00+08:00');
const STEPS = [
  { id: 'S1', name: '情境导入', minutes: 3 },
  { id: 'S2', name: '探究新知', minutes: 12 },
];

/** A recorder on a queue whose server never answers (everything stays pending) and a clock the test moves. */
function setUp() {
  const clock = { now: T0 };
  const storage = new Map<string, string>();
  const queue = createEventQueue({
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    key: 'k',
    send: () => new Promise(() => {}),
    timers: { setTimeout: () => 0, clearTimeout: () => {} },
  });
  const recorder = createRecorder({ queue, steps: STEPS, intervalSec: 30, now: () => clock.now });
  const at = (s: number) => {
    clock.now = T0 + s * 1000;
    recorder.tick();
  };
  /** The events without their ids, with their time as seconds after 09:00 (the tablet's offset is its own). */
  const sent = () => queue.events().map(({ id: _id, at, ...rest }) => ({ ...rest, s: (Date.parse(at) - T0) / 1000 }));
  return { queue, recorder, at, sent };
}

describe('the recorder', () => {
  it('stamps an answer with its prompt’s time, records a closed prompt as missed, and anchors notes to the step on screen', () => {
    const { recorder, at, sent } = setUp();
    expect(recorder.current.value?.id).toBe('S1');
    recorder.answer('T'); // no prompt yet: nothing recorded
    recorder.startStep('S1');
    at(37);
    recorder.answer('S'); // the prompt of 09:00:30, answered 7 s late
    recorder.answer('T'); // a second tap on an answered prompt changes nothing
    at(60);
    at(85); // the 09:01:00 prompt closed at 09:01:20 unanswered
    recorder.count('student-answer', true);
    recorder.count('student-answer');
    recorder.count('teacher-question', true); // a teacher question has no speaker
    recorder.startStep(recorder.next.value!.id);
    expect(recorder.note('  小组分工不明确 ')).toBe(true);
    expect(recorder.note('   ')).toBe(false);
    expect(sent()).toEqual(
      [
        { s: 0, kind: 'step-start', stepId: 'S1' },
        { s: 30, kind: 'sample', code: 'S' },
        { s: 60, kind: 'sample-missed' },
        { s: 85, kind: 'interaction', type: 'student-answer', speaker: '新1' },
        { s: 85, kind: 'interaction', type: 'student-answer' },
        { s: 85, kind: 'interaction', type: 'teacher-question' },
        { s: 85, kind: 'step-start', stepId: 'S2' },
        { s: 85, kind: 'note', stepId: 'S2', text: '小组分工不明确' },
      ].map((e) => expect.objectContaining(e)),
    );
    expect(recorder.elapsedMs('S1')).toBe(85_000);
    expect(recorder.recording.value.studentsSpoke).toBe(1);
  });

  it('undo takes back the last tap; a stopped last step leaves the next step to start', () => {
    const { queue, recorder, at } = setUp();
    recorder.startStep('S2');
    at(10);
    recorder.count('teacher-question');
    recorder.undo();
    expect(recorder.recording.value.teacherQuestions).toBe(0);
    expect(queue.events().at(-1)).toMatchObject({ kind: 'retract' });
    recorder.undo(); // nothing left to undo: step changes are not taken back
    expect(queue.events().filter((e) => e.kind === 'retract')).toHaveLength(1);
    expect(recorder.next.value).toBeNull();
    recorder.stopStep();
    expect(recorder.recording.value.running).toBeNull();
    expect(recorder.current.value?.id).toBe('S2');
    at(3600);
    expect(recorder.sampling.value.missed).toEqual([]);
    expect(recorder.sampling.value.nextDueAt).toBeNull();
  });
});

describe('the S-T prompt on screen', () => {
  it('is a banner with the seconds left and three live buttons while open; keys T/S/D answer; a missed one shows as ×', async () => {
    const { recorder, at, queue } = setUp();
    const wrapper = mount(StPrompt, { props: { recorder }, attachTo: document.body });
    const buttons = () => wrapper.findAll('button.code');
    expect(wrapper.get('[data-testid="st-banner"]').text()).toContain('开始一个环节后，每 30 秒提示一次');
    expect(buttons().every((b) => b.attributes('disabled') !== undefined)).toBe(true);

    recorder.startStep('S1');
    at(31);
    await nextTick();
    expect(wrapper.get('[data-testid="st-banner"]').text()).toMatch(/第 1 次采样：现在是谁在行为？\s*还剩 19 秒/);
    expect(wrapper.classes()).toContain('prompting');
    expect(buttons().map((b) => [b.find('.letter').text(), b.attributes('disabled')])).toEqual([
      ['T', undefined],
      ['S', undefined],
      ['D', undefined],
    ]);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'd' }));
    await nextTick();
    expect(queue.events().at(-1)).toMatchObject({ kind: 'sample', code: 'D' });
    expect(wrapper.get('[data-testid="st-banner"]').text()).toContain('上一次：第 1 次 D 对话');

    at(81); // the 09:01:00 prompt closed unanswered
    await nextTick();
    expect(wrapper.findAll('.strip li').map((li) => li.text())).toEqual(['D', '×']);
    expect(wrapper.text()).toContain('漏记 1 次');
    wrapper.unmount();
  });
});
