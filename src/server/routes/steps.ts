import { createRoute, z } from '@hono/zod-openapi';
import { STEPS } from '../../pipeline/registry.js';
import { PHASE_LABEL, type Phase, STAGE_LABEL, type Stage } from '../../pipeline/step.js';
import type { App } from '../auth.js';
import { jsonResponse as json } from '../schemas.js';

const StepInfo = z.object({
  id: z.string().openapi({ example: 'T2' }),
  title: z.string().openapi({ example: '教学分析' }),
  summary: z.string(),
  stage: z.string().openapi({ example: 'text' }),
  phase: z.string().openapi({ example: 'process' }),
  needs: z.array(z.string()),
  /** False for parsing and rendering steps, which work the same with or without a model. */
  usesModel: z.boolean(),
});

const Label = z.object({ id: z.string(), label: z.string() });

export const StepList = z
  .object({
    /** 三阶 in order: 文字材料 → 教学视频 → 课件编撰. */
    stages: z.array(Label),
    /** Each stage's 资源输入 → 智能加工 → 成果输出. */
    phases: z.array(Label),
    steps: z.array(StepInfo),
  })
  .openapi('StepList');

/** The body of `GET /api/steps`, read from the registry. */
export function stepList(): z.infer<typeof StepList> {
  return {
    stages: (Object.entries(STAGE_LABEL) as [Stage, string][]).map(([id, label]) => ({ id, label })),
    phases: (Object.entries(PHASE_LABEL) as [Phase, string][]).map(([id, label]) => ({ id, label })),
    steps: STEPS.map((step) => ({
      id: step.id,
      title: step.title,
      summary: step.summary,
      stage: step.stage,
      phase: step.phase,
      needs: [...step.needs],
      usesModel: step.prompt !== null,
    })),
  };
}

/**
 * `GET /api/steps`: the nine steps from the registry with their stage and
 * phase, so a client draws the 三阶九步 grid from data and never lists the steps itself.
 *
 * @example
 * stepRoutes(app); // GET /api/steps → { stages, phases, steps }
 */
export function stepRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/steps',
      tags: ['service'],
      summary: 'The nine steps (三阶九步) with their stage, phase, title and what they need',
      responses: { 200: json(StepList, 'The steps in the order a teacher reads them') },
    }),
    (c) => c.json(stepList(), 200),
  );
}
