import { z } from 'zod';
import type { ModelConfig } from '../llm/config.js';
import { loadPrompt, renderPrompt } from '../llm/prompt-files.js';
import type { ResponseCache } from '../llm/response-cache.js';
import { generateStructured } from '../llm/structured.js';
import { fence } from '../llm/untrusted.js';
import type { DraftSection } from '../observe/observations.js';
import { blankMarker } from './blanks.js';
import { fixed, percent, type Report } from './report.js';

/** What the model writes: the three parts only the data can suggest; the figures themselves stay rule-written. */
export const ReflectionAnswer = z.object({
  strengths: z.string().min(1).max(1200),
  problems: z.string().min(1).max(1200),
  improvements: z.string().min(1).max(1200),
});
export type ReflectionAnswer = z.infer<typeof ReflectionAnswer>;

const HEADINGS = { data: '数据摘要', strengths: '成功之处', problems: '不足与原因', improvements: '改进设想' } as const;

function dataSection(report: Report<unknown>): DraftSection {
  return { key: 'data', heading: HEADINGS.data, text: report.summary.join('\n'), origin: 'template' };
}

/**
 * The offline draft: the figures as sentences (规则模板) and visible blanks
 * for what only the teacher can say — nothing written as if she had.
 *
 * @example
 * offlineReflection(report).map((s) => s.origin); // ['template', 'blank', 'blank', 'blank']
 */
export function offlineReflection(report: Report<unknown>): DraftSection[] {
  const lowest = report.attainment?.objectives.filter((o) => o.rate !== null).sort((a, b) => a.rate! - b.rate!)[0];
  const slowest = report.steps
    .filter((s) => s.deltaMinutes !== null)
    .sort((a, b) => Math.abs(b.deltaMinutes!) - Math.abs(a.deltaMinutes!))[0];
  const problemHint = [
    lowest ? `${lowest.objectiveId} 达成度 ${percent(lowest.rate!)} 的原因` : null,
    slowest && Math.abs(slowest.deltaMinutes!) >= 1
      ? `${slowest.stepId}「${slowest.name}」用时偏差 ${fixed(slowest.deltaMinutes!, 1)} 分钟的原因`
      : null,
  ].filter(Boolean);
  return [
    dataSection(report),
    { key: 'strengths', heading: HEADINGS.strengths, text: blankMarker('本课成功的地方及依据'), origin: 'blank' },
    {
      key: 'problems',
      heading: HEADINGS.problems,
      text: blankMarker(problemHint.length > 0 ? `不足及原因（如${problemHint.join('；')}）` : '不足及原因'),
      origin: 'blank',
    },
    { key: 'improvements', heading: HEADINGS.improvements, text: blankMarker('下一次教学的改进做法'), origin: 'blank' },
  ];
}

/** The report's figures as plain lines for the prompt (numbers rounded the way the report prints them). */
function dataLines(report: Report<unknown>): string {
  const lines = [...report.summary];
  for (const step of report.steps) {
    lines.push(
      `${step.stepId}「${step.name}」计划 ${step.plannedMinutes} 分钟，实际 ${step.taughtMinutes ? `${fixed(step.taughtMinutes.mean, 1)} 分钟` : '未计时'}${step.rt ? `，Rt ${fixed(step.rt.mean)}` : ''}`,
    );
  }
  for (const objective of report.attainment?.objectives ?? []) {
    lines.push(`${objective.objectiveId}「${objective.text}」达成度 ${objective.rate === null ? '未检测' : percent(objective.rate)}`);
  }
  return lines.join('\n');
}

function notesText(report: Report<unknown>): string {
  const lines = report.steps.flatMap((s) => s.notes.map((n) => `${s.stepId}「${s.name}」${n.name}：${n.text}`));
  return lines.length > 0 ? lines.join('\n') : '（观课员没有留下文字记录）';
}

/**
 * The model's draft: the data section stays rule-written (the figures must be
 * exact), the model writes 成功之处, 不足与原因 and 改进设想 from the fenced
 * data and notes.
 *
 * @example
 * const { sections } = await modelReflection(config, cache, report, { className: '三(2)班', taughtOn: '2025-03-12' });
 */
export async function modelReflection(
  config: ModelConfig,
  cache: ResponseCache | null,
  report: Report<unknown>,
  taught: { className: string; taughtOn: string },
): Promise<{ sections: DraftSection[]; promptVersion: string }> {
  const prompt = loadPrompt('reflection');
  const { system, user } = renderPrompt(prompt, {
    subject: report.lesson.subject,
    title: report.lesson.title,
    grade: report.lesson.grade,
    className: taught.className,
    taughtOn: taught.taughtOn,
    data: fence('观课数据', dataLines(report)),
    notes: fence('观课员记录', notesText(report)),
  });
  const { value } = await generateStructured(config, cache, {
    schema: ReflectionAnswer,
    schemaName: 'teaching_reflection',
    system,
    user,
    promptVersion: prompt.version,
  });
  return {
    promptVersion: prompt.version,
    sections: [
      dataSection(report),
      { key: 'strengths', heading: HEADINGS.strengths, text: value.strengths, origin: 'model' },
      { key: 'problems', heading: HEADINGS.problems, text: value.problems, origin: 'model' },
      { key: 'improvements', heading: HEADINGS.improvements, text: value.improvements, origin: 'model' },
    ],
  };
}

/** The draft as the one text the teacher edits: each section under its heading. */
export function draftText(sections: readonly DraftSection[]): string {
  return sections.map((s) => `【${s.heading}】\n${s.text}`).join('\n\n');
}
