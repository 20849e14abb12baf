import { describe, expect, it } from 'vitest';
import { STEPS } from '../../src/pipeline/registry.js';
import { api } from '../support/http.js';
import { teacherService } from '../support/teacher-service.js';

// What the web app's 三阶九步 grid is drawn from; the runs that fill it are tested in flow.test.ts.
const live = teacherService('lessonprep-steps-');

describe('GET /api/steps', () => {
  it('needs a signed-in user', async () => {
    expect((await api(live.service.url, 'GET', '/api/steps')).status).toBe(401);
  });

  it('lists the registry’s steps with their stage and phase, and the stages and phases in order', async () => {
    const { status, body } = await api(live.teacher, 'GET', '/api/steps');
    expect(status).toBe(200);
    expect(body.steps.map((s: { id: string }) => s.id)).toEqual(STEPS.map((s) => s.id));
    expect(body.stages.map((s: { label: string }) => s.label)).toEqual(['文字材料', '教学视频', '课件编撰']);
    expect(body.phases.map((p: { label: string }) => p.label)).toEqual(['资源输入', '智能加工', '成果输出']);
    for (const step of body.steps) {
      const registered = STEPS.find((s) => s.id === step.id)!;
      expect(step).toMatchObject({
        title: registered.title,
        stage: registered.stage,
        phase: registered.phase,
        usesModel: registered.prompt !== null,
      });
    }
  });
});
