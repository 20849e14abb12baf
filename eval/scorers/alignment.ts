import { defineScorer, type Finding, shareWithoutProblems } from './define.js';
import { stepLabel } from './plan-parts.js';

/**
 * 目标有检测: every objective is checked by at least one 达标检测 item — the
 * after-class sheet exists to tell the teacher which objectives were reached.
 */
export const objectiveChecked = defineScorer({
  id: 'objective-checked',
  title: '目标有检测',
  definition: '每条教学目标至少有一道达标检测题检测它',
  needs: ['T3'],
  targets: ['drop-objective-check', 'remove-sheets'],
  threshold: 1,
  tolerance: 0,
  score: ({ results }) => {
    const plan = results.T3;
    const checked = new Set(plan.sheets.masteryCheck.items.flatMap((item) => item.objectiveIds));
    return shareWithoutProblems(
      plan.objectives,
      (o): Finding[] => (checked.has(o.id) ? [] : [{ field: 'T3.sheets.masteryCheck', message: `达标检测单缺少对 ${o.id} 的检测` }]),
      { score: 0, findings: [{ field: 'T3.objectives', message: '没有教学目标' }] },
    );
  },
});

/**
 * 环节对应目标: every 环节 serves at least one objective that exists, and
 * every objective is taught in at least one 环节 — a step that serves
 * nothing is filler, an objective no step teaches is a promise.
 */
export const stepAlignment = defineScorer({
  id: 'step-alignment',
  title: '环节对应目标',
  definition: '每个教学环节都服务于至少一条教学目标，每条目标都有环节落实',
  needs: ['T3'],
  targets: ['orphan-steps'],
  threshold: 1,
  tolerance: 0,
  score: ({ results }) => {
    const plan = results.T3;
    const ids = new Set(plan.objectives.map((o) => o.id));
    const taught = new Set(plan.process.flatMap((s) => s.objectiveIds));
    const items = [
      ...plan.process.map((step, i) => ({ kind: 'step' as const, step, i })),
      ...plan.objectives.map((objective, i) => ({ kind: 'objective' as const, objective, i })),
    ];
    return shareWithoutProblems(
      items,
      (item): Finding[] => {
        if (item.kind === 'objective') {
          return taught.has(item.objective.id)
            ? []
            : [{ field: `T3.objectives[${item.i}]`, message: `教学目标 ${item.objective.id} 没有任何环节落实` }];
        }
        const field = `T3.process[${item.i}].objectiveIds`;
        if (item.step.objectiveIds.length === 0) return [{ field, message: `${stepLabel(plan, item.i)}没有对应的教学目标` }];
        const unknown = item.step.objectiveIds.filter((id) => !ids.has(id));
        return unknown.length > 0 ? [{ field, message: `${stepLabel(plan, item.i)}对应的目标 ${unknown.join('、')} 不存在` }] : [];
      },
      { score: 0, findings: [{ field: 'T3.process', message: '没有教学过程' }] },
    );
  },
});
