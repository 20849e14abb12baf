import type { Finding } from '../collab/revise.js';
import { fixed, percent, type Report } from './report.js';

/** Below this attainment an objective is a finding whatever the rest: 60% is the 及格 line schools use. */
const PASS_LINE = 0.6;
/** A step this many minutes off the plan (or a fifth of its planned time, if more) is a finding. */
const MINUTES_OFF = 2;

/**
 * What the observation data says the plan should look at, as findings for a
 * revision: steps that ran well over or under, the objective with the lowest
 * attainment and any below the pass line, a lesson the S-T data calls 讲授型,
 * and every observer's note on a step. Written by rule from the figures.
 *
 * @example
 * findingsOf(report); // [{ text: '三(2)班 2025-03-12：S3「合作探究」计划 10 分钟，实际 14.5 分钟（多 4.5 分钟）', anchor: { part: 'step', id: 'S3' } }, …]
 */
export function findingsOf(report: Report<{ className: string; taughtOn: string }>): Finding[] {
  const at = `${report.observation.className} ${report.observation.taughtOn}：`;
  const findings: Finding[] = [];
  for (const step of report.steps) {
    if (step.deltaMinutes === null || Math.abs(step.deltaMinutes) < Math.max(MINUTES_OFF, step.plannedMinutes / 5)) continue;
    findings.push({
      text: `${at}${step.stepId}「${step.name}」计划 ${step.plannedMinutes} 分钟，实际 ${fixed(step.taughtMinutes!.mean, 1)} 分钟（${step.deltaMinutes > 0 ? '多' : '少'} ${fixed(Math.abs(step.deltaMinutes), 1)} 分钟）`,
      anchor: { part: 'step', id: step.stepId },
    });
  }
  const rated = (report.attainment?.objectives ?? []).filter((o) => o.rate !== null).sort((a, b) => a.rate! - b.rate!);
  rated.forEach((objective, i) => {
    if (i > 0 && objective.rate! >= PASS_LINE) return;
    if (objective.rate! >= 1) return;
    findings.push({
      text: `${at}${objective.objectiveId}「${objective.text}」达成度 ${percent(objective.rate!)}${i === 0 ? '，是各目标中最低的' : ''}（检测题 ${objective.itemIds.join('、')}）`,
      anchor: { part: 'objective', id: objective.objectiveId },
    });
  });
  if (report.aggregate.mode === '讲授型' && report.aggregate.rt) {
    findings.push({ text: `${at}教师行为占有率 Rt = ${fixed(report.aggregate.rt.mean)}，属于讲授型，学生活动偏少`, anchor: null });
  }
  for (const step of report.steps) {
    for (const note of step.notes)
      findings.push({
        text: `${at}观课记录（${step.stepId}「${step.name}」，${note.name}）：${note.text}`,
        anchor: { part: 'step', id: step.stepId },
      });
  }
  return findings;
}
