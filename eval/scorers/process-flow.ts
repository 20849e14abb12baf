import type { StepRole } from '../../src/domain/index.js';
import { defineScorer, type Finding } from './define.js';
import { stepLabel } from './plan-parts.js';

type Role = 'opening' | 'closing' | 'check' | 'new';

/** Where each step role belongs in a lesson's flow: 预学反馈 opens (it reviews the pre-study sheet), 指导练习 still teaches. */
const FLOW: Record<StepRole, Role> = {
  'lead-in': 'opening',
  'pre-study-feedback': 'opening',
  reading: 'new',
  'new-content': 'new',
  'guided-practice': 'new',
  'group-inquiry': 'new',
  check: 'check',
  summary: 'closing',
  homework: 'closing',
};

/**
 * 环节顺序: the 教学过程 reads as a lesson — it opens with the lead-in, ends
 * with the summary or homework, and checks only after something was taught.
 * Each rule counts only when the plan has a 环节 of that kind; the kind is
 * the step's role, never guessed from its name.
 */
export const processFlow = defineScorer({
  id: 'process-flow',
  title: '环节顺序',
  definition: '教学过程以导入开始、以小结或作业结束，检测练习安排在新授之后',
  needs: ['T3'],
  targets: ['shuffle-process'],
  threshold: 1,
  tolerance: 0,
  score: ({ results }) => {
    const plan = results.T3;
    const roles = plan.process.map((step) => FLOW[step.role]);
    const rules: { applies: boolean; ok: boolean; finding: Finding }[] = [];
    const first = roles[0];
    const last = roles[roles.length - 1];
    rules.push({
      applies: roles.includes('opening'),
      ok: first === 'opening',
      finding: { field: 'T3.process[0]', message: `教学过程没有以导入开始（第一个环节是「${plan.process[0]?.name ?? ''}」）` },
    });
    rules.push({
      applies: roles.includes('closing'),
      ok: last === 'closing',
      finding: {
        field: `T3.process[${roles.length - 1}]`,
        message: `教学过程没有以小结或作业结束（最后一个环节是「${plan.process[roles.length - 1]?.name ?? ''}」）`,
      },
    });
    const firstNew = roles.indexOf('new');
    roles.forEach((role, i) => {
      if (role !== 'check' || firstNew < 0) return;
      rules.push({
        applies: true,
        ok: i > firstNew,
        finding: { field: `T3.process[${i}]`, message: `${stepLabel(plan, i)}安排在新授「${plan.process[firstNew]?.name}」之前` },
      });
    });
    const judged = rules.filter((rule) => rule.applies);
    if (judged.length === 0) return { score: null, findings: [{ field: 'T3.process', message: '没有导入、小结或检测环节，未评环节顺序' }] };
    return {
      score: judged.filter((rule) => rule.ok).length / judged.length,
      findings: judged.filter((rule) => !rule.ok).map((rule) => rule.finding),
    };
  },
});
