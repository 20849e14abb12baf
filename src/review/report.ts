import { masteryItems, planObjectives, planSteps } from '../collab/plan-parts.js';
import { type Aggregate, aggregate } from '../observe/aggregate.js';
import { type Attainment, attainment, type ResultsInput } from '../observe/attainment.js';
import type { ObservationEvent } from '../observe/events.js';
import { type ObserverRecord, observerRecord } from '../observe/record.js';
import { modeChart, type StSettings } from '../observe/st-analysis.js';
import type { Stat } from '../observe/stats.js';

export interface ReportInput<O> {
  observation: O;
  lesson: { id: string; title: string; subject: string; grade: number };
  /** The taught version's plan JSON. */
  plan: unknown;
  observers: { observerId: string; name: string; events: ObservationEvent[] }[];
  results: ResultsInput | null;
  settings: StSettings;
}

export interface Report<O> {
  observation: O;
  lesson: ReportInput<O>['lesson'];
  settings: StSettings;
  modeChart: ReturnType<typeof modeChart>;
  observers: (Omit<ObserverRecord, 'steps' | 'samples' | 'groupScans'> & { observerId: string; name: string })[];
  aggregate: Omit<Aggregate, 'steps' | 'modes'>;
  steps: Aggregate['steps'];
  attainment: Attainment | null;
  summary: string[];
}

export const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;
export const fixed = (x: number, digits = 2) => String(Math.round(x * 10 ** digits) / 10 ** digits);
const minutes = (x: number) => `${fixed(x, 1)} 分钟`;
const spread = (s: Stat, format: (x: number) => string) => (s.n > 1 ? `（${s.n} 人，${format(s.min)}–${format(s.max)}）` : '');

/**
 * The review report 评课报告 of one taught lesson: every observer's figures,
 * their mean and spread, planned against taught minutes per step, attainment
 * per objective, interactions and notes by step, and the figures written out
 * as sentences by rule (no model).
 *
 * @example
 * const report = buildReport({ observation, lesson, plan: version.json, observers, results, settings: ctx.st });
 * report.aggregate.mode; // '混合型'
 */
export function buildReport<O>(input: ReportInput<O>): Report<O> {
  const steps = planSteps(input.plan);
  const records = input.observers.map((o) => ({ ...o, record: observerRecord(o.events, steps, input.settings) }));
  const { steps: stepRows, modes: _modes, ...group } = aggregate(records, steps, input.settings);
  const checked = input.results ? attainment(input.results, masteryItems(input.plan), planObjectives(input.plan)) : null;
  const report: Report<O> = {
    observation: input.observation,
    lesson: input.lesson,
    settings: input.settings,
    modeChart: modeChart(input.settings),
    observers: records.map(({ observerId, name, record }) => {
      const { steps: _steps, samples: _samples, groupScans: _scans, ...figures } = record;
      return { observerId, name, ...figures };
    }),
    aggregate: group,
    steps: stepRows,
    attainment: checked,
    summary: [],
  };
  report.summary = summarySentences(report);
  return report;
}

/**
 * The figures as sentences a teacher reads (规则模板: written by rule from the
 * numbers, never by a model, and saying nothing the numbers do not).
 */
export function summarySentences(report: Omit<Report<unknown>, 'summary'>): string[] {
  const { aggregate: group, settings } = report;
  const sentences: string[] = [];
  const samples = report.observers.reduce((sum, o) => sum + (o.st?.n ?? 0), 0);
  if (group.rt && group.ch && group.mode) {
    sentences.push(
      `${group.observers} 位观课员共记录 S-T 采样 ${samples} 次（每 ${settings.intervalSec} 秒一次）：教师行为占有率 Rt = ${fixed(group.rt.mean)}${spread(group.rt, fixed)}，师生行为转换率 Ch = ${fixed(group.ch.mean)}${spread(group.ch, fixed)}，属于${group.mode}教学。`,
    );
  } else {
    sentences.push('没有 S-T 采样记录。');
  }
  const timed = report.steps.filter((s) => s.taughtMinutes);
  const off = timed.filter((s) => Math.abs(s.deltaMinutes ?? 0) >= 1);
  if (timed.length === 0) sentences.push('观课员没有记录各环节的起止时间。');
  else if (off.length === 0) sentences.push(`已计时的 ${timed.length} 个环节实际用时与计划相差都不到 1 分钟。`);
  else {
    sentences.push(
      `实际用时与计划相差 1 分钟以上的环节：${off
        .map(
          (s) =>
            `${s.stepId}「${s.name}」计划 ${s.plannedMinutes} 分钟、实际 ${minutes(s.taughtMinutes!.mean)}（${s.deltaMinutes! > 0 ? '多' : '少'} ${fixed(Math.abs(s.deltaMinutes!), 1)} 分钟）`,
        )
        .join('；')}。`,
    );
  }
  if (group.teacherQuestions) {
    const mean = (s: Stat | null) => (s ? fixed(s.mean, 1) : '0');
    sentences.push(
      `课堂互动（观课员平均）：教师提问 ${mean(group.teacherQuestions)} 次，学生回答 ${mean(group.studentAnswers)} 次，学生主动提问 ${mean(group.studentQuestions)} 次${
        group.studentsSpoke
          ? `；发言学生 ${fixed(group.studentsSpoke.mean, 1)} 人${report.attainment ? `（参测 ${report.attainment.classSize} 人）` : ''}`
          : ''
      }${group.groupEngagement ? `；小组活动中平均 ${percent(group.groupEngagement.mean)} 的小组在任务上` : ''}。`,
    );
  }
  if (report.attainment) {
    const rated = report.attainment.objectives.filter((o) => o.rate !== null);
    if (rated.length > 0) {
      const lowest = [...rated].sort((a, b) => a.rate! - b.rate!)[0]!;
      sentences.push(
        `达标检测（参测 ${report.attainment.classSize} 人）：${rated.map((o) => `${o.objectiveId} 达成度 ${percent(o.rate!)}`).join('，')}；最低的是 ${lowest.objectiveId}「${lowest.text}」。`,
      );
    }
    if (report.attainment.unchecked.length > 0) sentences.push(`没有检测题的目标：${report.attainment.unchecked.join('、')}。`);
  } else {
    sentences.push('还没有录入达标检测结果。');
  }
  const noted = report.steps.filter((s) => s.notes.length > 0);
  if (noted.length > 0)
    sentences.push(`观课员的记录集中在：${noted.map((s) => `${s.stepId}「${s.name}」${s.notes.length} 条`).join('，')}。`);
  return sentences;
}
