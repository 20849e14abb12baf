import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/pipeline/events.js';
import { STEPS } from '../../src/pipeline/registry.js';
import { stepList } from '../../src/server/routes/steps.js';
import type { Run } from '../src/api/client.js';
import { applyEvent, cellsOf } from '../src/run/run-state.js';
import StepGrid from '../src/run/StepGrid.vue';

const steps = stepList();

function pendingRun(): Run {
  return {
    id: 'r1',
    lessonId: 'l1',
    status: 'queued',
    engine: 'offline',
    model: null,
    theme: 'qingsong',
    planVersionId: null,
    error: null,
    createdAt: '2026-11-02T13:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    interruptions: 0,
    materials: [],
    steps: steps.steps.map((s) => ({
      id: s.id,
      title: s.title,
      stage: s.stage,
      phase: s.phase,
      status: 'pending',
      cached: false,
      artifactId: null,
      inputTokens: 0,
      outputTokens: 0,
      modelCalls: 0,
      ms: 0,
      error: null,
    })),
  };
}

const stepEvent = (stepId: string, status: Extract<RunEvent, { type: 'step' }>['status'], extra: Partial<RunEvent> = {}): RunEvent =>
  ({
    type: 'step',
    runId: 'r1',
    stepId,
    status,
    ms: 0,
    inputTokens: 0,
    outputTokens: 0,
    modelCalls: 0,
    warnings: [],
    error: null,
    at: '2026-11-02T13:00:01.000Z',
    ...extra,
  }) as RunEvent;

describe('the 三阶九步 grid', () => {
  it('places every step the API lists in its stage’s row and its phase’s column', () => {
    const wrapper = mount(StepGrid, { props: { steps, cells: {} } });
    const rows = wrapper.findAll('tbody tr');
    expect(rows.map((r) => r.find('th').text())).toEqual(steps.stages.map((s, i) => `${i + 1}${s.label}`));
    expect(wrapper.findAll('thead th').map((th) => th.text().replace('→', ''))).toEqual(steps.phases.map((p) => p.label));
    expect(wrapper.findAll('[data-step]')).toHaveLength(STEPS.length);
    for (const step of STEPS) {
      const row = steps.stages.findIndex((s) => s.id === step.stage);
      const column = steps.phases.findIndex((p) => p.id === step.phase);
      const cell = rows[row]!.findAll('td')[column]!;
      expect(cell.find(`[data-step="${step.id}"]`).text()).toContain(step.title);
    }
  });

  it('shows running, cached, skipped and a failure with its message as events arrive', async () => {
    const run = pendingRun();
    const cells = cellsOf(run);
    const wrapper = mount(StepGrid, { props: { steps, cells } });
    applyEvent(run, cells, { type: 'run', runId: 'r1', status: 'running', error: null, at: '2026-11-02T13:00:00.500Z' });
    applyEvent(run, cells, stepEvent('T1', 'cached'));
    applyEvent(run, cells, stepEvent('V1', 'skipped'));
    applyEvent(run, cells, stepEvent('T2', 'started'));
    applyEvent(run, cells, stepEvent('T2', 'failed', { ms: 1500, error: '模型返回的内容两次都不符合格式，请稍后重试' }));
    applyEvent(run, cells, stepEvent('T3', 'started'));
    await wrapper.setProps({ cells: { ...cells } });
    const status = (id: string) => wrapper.find(`[data-step="${id}"]`).attributes('data-status');
    expect([status('T1'), status('V1'), status('T2'), status('T3'), status('C3')]).toEqual([
      'cached',
      'skipped',
      'failed',
      'running',
      'waiting',
    ]);
    const failed = wrapper.find('[data-step="T2"]');
    expect(failed.find('[role="alert"]').text()).toBe('模型返回的内容两次都不符合格式，请稍后重试');
    expect(failed.text()).toContain('用时 1.5 秒');
    expect(wrapper.find('[data-step="T1"]').text()).toContain('沿用上次结果');
    expect(run.status).toBe('running');
  });

  it('shows tokens for a model step and applies a replayed event only once', () => {
    const run = pendingRun();
    const cells = cellsOf(run);
    const event = stepEvent('T2', 'finished', { ms: 4200, inputTokens: 3000, outputTokens: 1200, modelCalls: 1 });
    applyEvent(run, cells, event);
    applyEvent(run, cells, event);
    const wrapper = mount(StepGrid, { props: { steps, cells } });
    expect(wrapper.find('[data-step="T2"]').text()).toContain('模型 1 次，4,200 词元');
    expect(wrapper.find('[data-step="T2"] time').attributes('datetime')).toBe('2026-11-02T13:00:01.000Z');
  });
});
