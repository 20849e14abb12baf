import { defineScorer, type Finding } from './define.js';
import { stepLabel } from './plan-parts.js';

/**
 * 用时合计: the 环节 minutes add up to the period the teacher asked for (小学
 * 40, 初中/高中 45, or hers). Partial credit shrinks with the gap, so a plan
 * 2 minutes off scores above one 15 minutes off, but only an exact sum scores 1.
 */
export const minutesSum = defineScorer({
  id: 'minutes-sum',
  title: '用时合计',
  definition: '教学过程各环节分钟数之和恰好等于课时（小学 40、初高中 45 分钟，或教师指定）',
  needs: ['T3'],
  targets: ['break-minutes'],
  threshold: 1,
  tolerance: 0,
  score: ({ results, periodMinutes }) => {
    const plan = results.T3;
    const findings: Finding[] = [];
    const total = plan.process.reduce((sum, step) => sum + step.minutes, 0);
    if (total !== periodMinutes) {
      const gap = total - periodMinutes;
      findings.push({
        field: 'T3.process',
        message: `各环节用时合计 ${total} 分钟，课时 ${periodMinutes} 分钟（${gap > 0 ? '多' : '少'} ${Math.abs(gap)} 分钟）`,
      });
    }
    if (plan.periodMinutes !== periodMinutes) {
      findings.push({ field: 'T3.periodMinutes', message: `教学设计写的课时是 ${plan.periodMinutes} 分钟，应为 ${periodMinutes} 分钟` });
    }
    plan.process.forEach((step, i) => {
      if (step.minutes <= 0) findings.push({ field: `T3.process[${i}].minutes`, message: `${stepLabel(plan, i)}没有安排时间` });
    });
    const off = Math.abs(total - periodMinutes) + Math.abs(plan.periodMinutes - periodMinutes);
    const score = findings.length === 0 ? 1 : Math.max(0, Math.min(0.99, 1 - off / periodMinutes));
    return { score, findings };
  },
});
