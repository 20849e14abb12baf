import { isMeasurable, MEASURABLE_VERBS } from '../../src/steps/shared/verbs.js';
import { defineScorer, type Finding, shareWithoutProblems } from './define.js';

/** Verbs no one can observe at the end of a lesson (课标 asks for 行为动词 instead). */
const VAGUE = ['了解', '理解', '掌握', '知道', '认识', '体会', '感受', '感悟', '培养', '激发', '学会', '熟悉', '领会', '懂得'];
/** What may stand before the verb of a clause: 能, 会, 并, 初步… */
const LEAD = /^(?:学生|能够|能|会|并且|并|初步|进一步|逐步|熟练|基本|深刻|正确)*/u;

/** The vague verb a clause starts with, or null. */
function vagueStart(clause: string): string | null {
  const body = clause.trim().replace(LEAD, '');
  return VAGUE.find((verb) => body.startsWith(verb)) ?? null;
}

const MEASURABLE = new Set<string>(MEASURABLE_VERBS);

/**
 * 目标可测: every objective names a behaviour a teacher can observe. A clause
 * that opens with 了解/理解/掌握 fails even if a measurable verb appears later
 * ("了解……的计算方法" mentions 计算 but asks for nothing observable), and the
 * objective's `verb` field must be a measurable verb that its text uses.
 */
export const measurableVerbs = defineScorer({
  id: 'measurable-verbs',
  title: '目标可测',
  definition: '每条教学目标都用可观察、可检测的行为动词（说出、运用、比较……），不以了解、理解、掌握开头',
  needs: ['T3'],
  targets: ['vague-objectives'],
  threshold: 1,
  tolerance: 0.05,
  score: ({ results }) =>
    shareWithoutProblems(
      results.T3.objectives,
      (objective, i): Finding[] => {
        const field = `T3.objectives[${i}]`;
        const problems: Finding[] = [];
        const vague = objective.text
          .split(/[，；,;。]/u)
          .map(vagueStart)
          .find((verb) => verb !== null);
        if (vague) problems.push({ field, message: `教学目标 ${objective.id} 用「${vague}」表述，课末无法检测` });
        else if (!isMeasurable(objective.text)) problems.push({ field, message: `教学目标 ${objective.id} 没有可检测的行为动词` });
        if (!MEASURABLE.has(objective.verb) || !objective.text.includes(objective.verb)) {
          problems.push({
            field: `${field}.verb`,
            message: `教学目标 ${objective.id} 标注的行为动词「${objective.verb}」不是目标中使用的可测动词`,
          });
        }
        return problems;
      },
      { score: 0, findings: [{ field: 'T3.objectives', message: '没有教学目标' }] },
    ),
});
