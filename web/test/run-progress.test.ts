import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reactive } from 'vue';
import type { RunEvent } from '../../src/pipeline/events.js';
import { stepList } from '../../src/server/routes/steps.js';
import type { Run } from '../src/api/client.js';
import { followRun } from '../src/api/run-stream.js';
import { applyEvent, type Cell, cellsOf } from '../src/run/run-state.js';
import StepGrid from '../src/run/StepGrid.vue';

const steps = stepList();

const run = (): Run => ({
  id: 'r1',
  lessonId: 'l1',
  status: 'running',
  engine: 'openai',
  model: 'qwen2.5-14b',
  theme: 'qingsong',
  planVersionId: null,
  error: null,
  createdAt: '2026-11-02T13:00:00.000Z',
  startedAt: '2026-11-02T13:00:00.000Z',
  finishedAt: null,
  interruptions: 0,
  materials: [],
  steps: steps.steps.map((s) => ({
    ...s,
    status: 'pending',
    cached: false,
    artifactId: null,
    inputTokens: 0,
    outputTokens: 0,
    modelCalls: 0,
    ms: 0,
    error: null,
  })),
});

const progress = (fields: Partial<Extract<RunEvent, { type: 'progress' }>>): RunEvent => ({
  type: 'progress',
  runId: 'r1',
  stepId: 'T2',
  activity: 'waiting-model',
  elapsedMs: 0,
  attempt: 1,
  lastError: null,
  waitMs: null,
  at: '2026-11-02T13:00:05.000Z',
  ...fields,
});

const started: RunEvent = {
  type: 'step',
  runId: 'r1',
  stepId: 'T2',
  status: 'started',
  ms: 0,
  inputTokens: 0,
  outputTokens: 0,
  modelCalls: 0,
  warnings: [],
  error: null,
  at: '2026-11-02T13:00:01.000Z',
};

afterEach(() => vi.unstubAllGlobals());

describe('a step waiting on a model', () => {
  it('shows the time so far counting up, each retry with why the last request failed, and nothing once it ends', async () => {
    const r = run();
    const cells = reactive(cellsOf(r)) as Record<string, Cell>;
    const wrapper = mount(StepGrid, { props: { steps, cells, now: 10_000 } });
    const cell = () => wrapper.find('[data-step="T2"]');
    applyEvent(r, cells, started, 10_000);
    applyEvent(r, cells, progress({ elapsedMs: 15_000 }), 10_000);
    await wrapper.setProps({ now: 22_000 });
    expect(cell().attributes('data-status')).toBe('running');
    expect(cell().find('.doing').text()).toBe('等待模型回答 · 已用 27 秒');

    applyEvent(r, cells, progress({ activity: 'retrying', elapsedMs: 60_000, attempt: 2, lastError: '超时', waitMs: 3000 }), 22_000);
    await wrapper.setProps({ now: 23_000 });
    expect(cell().find('.doing').text()).toBe('第 2 次重试，上次：超时（3.0 秒后重发） · 已用 1 分 1 秒');
    expect(cell().find('.doing').attributes('data-activity')).toBe('retrying');

    applyEvent(r, cells, progress({ activity: 'waiting-model', elapsedMs: 63_000, attempt: 3, lastError: '限流（429）' }), 23_000);
    await wrapper.setProps({ now: 23_000 });
    expect(cell().find('.doing').text()).toBe('第 2 次重试，上次：限流（429），等待模型回答 · 已用 1 分 3 秒');

    applyEvent(r, cells, { ...started, status: 'finished', ms: 70_000, modelCalls: 3, inputTokens: 900, outputTokens: 300 }, 30_000);
    // A progress event replayed after the end (a reconnect) does not bring the line back.
    applyEvent(r, cells, progress({ elapsedMs: 15_000 }), 30_000);
    await wrapper.setProps({ now: 31_000 });
    expect(cell().attributes('data-status')).toBe('done');
    expect(cell().find('.doing').exists()).toBe(false);
    expect(cell().text()).toContain('用时 1 分 10 秒');
  });

  it('says a repair request and a step over its time budget apart from a retry', async () => {
    const r = run();
    const cells = reactive(cellsOf(r)) as Record<string, Cell>;
    const wrapper = mount(StepGrid, { props: { steps, cells, now: 0 } });
    applyEvent(r, cells, progress({ attempt: 2 }), 0);
    await wrapper.setProps({ now: 0 });
    expect(wrapper.find('[data-step="T2"] .doing').text()).toBe('等待模型回答（第 2 次请求） · 已用 0.0 秒');
    applyEvent(r, cells, progress({ activity: 'over-budget', attempt: null, elapsedMs: 300_000 }), 0);
    await wrapper.setProps({ now: 0 });
    expect(wrapper.find('[data-step="T2"] .doing').text()).toBe('超出时间预算，已停下，正在重跑一次 · 已用 5 分 0 秒');
  });

  it('follows progress events on the run’s event stream, not only step and run events', () => {
    const listeners: Record<string, (message: MessageEvent<string>) => void> = {};
    vi.stubGlobal(
      'EventSource',
      class {
        static CLOSED = 2;
        readyState = 1;
        constructor(readonly url: string) {}
        addEventListener(type: string, listener: (message: MessageEvent<string>) => void) {
          listeners[type] = listener;
        }
        close() {}
      },
    );
    const received: RunEvent[] = [];
    followRun('r1', { event: (e) => received.push(e), interrupted: () => {} });
    listeners.progress!(
      new MessageEvent('progress', { data: JSON.stringify(progress({ activity: 'retrying', attempt: 2, lastError: '超时' })) }),
    );
    expect(received).toMatchObject([{ type: 'progress', activity: 'retrying', lastError: '超时' }]);
  });
});
