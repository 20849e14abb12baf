import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkAreaComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { fixed, minutes, percent, spread } from './figures.js';
import type { Report, TeachingMode } from './report-types.js';

/** The option of one chart, typed by the chart kinds and components the report page registers (echarts-setup.ts). */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkAreaComponentOption
>;

/** A chart's text alternative: a small table a screen reader (or a teacher printing the page) reads instead of the picture. */
export interface ChartTable {
  caption: string;
  head: string[];
  rows: string[][];
}

/** Colours with enough contrast on white; observers keep theirs across the charts, the mean is always red. */
const OBSERVER_COLORS = ['#1f5fa8', '#b3541e', '#2e7d32', '#6a3d9a', '#00796b', '#8d6e00'];
const MEAN_COLOR = '#c62828';
const REGION_COLORS: Record<TeachingMode, string> = {
  练习型: 'rgba(46, 125, 50, 0.10)',
  讲授型: 'rgba(31, 95, 168, 0.10)',
  对话型: 'rgba(179, 84, 30, 0.12)',
  混合型: 'rgba(106, 61, 154, 0.08)',
};

const legend: LegendComponentOption = { bottom: 0, type: 'scroll' };
const observerColor = (i: number) => OBSERVER_COLORS[i % OBSERVER_COLORS.length]!;

/** The observers who took S-T samples, with the colour each keeps on every chart. */
function sampled(report: Report) {
  return report.observers.map((o, i) => ({ ...o, color: observerColor(i) })).filter((o) => o.st !== null);
}

/**
 * The S-T curve: cumulative teacher behaviour T (x) against cumulative
 * student behaviour S (y), one line per observer. Both axes run to the same
 * round length, so the dashed diagonal is Rt = 0.5: a curve above it is a
 * lesson where students acted more than the teacher.
 *
 * @example
 * chart.setOption(stCurveOption(report));
 */
export function stCurveOption(report: Report): ChartOption {
  const observers = sampled(report);
  const longest = Math.max(1, ...observers.flatMap((o) => o.st!.points.map((p) => Math.max(p.t, p.s))));
  const max = Math.ceil(longest / 5) * 5;
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    legend,
    grid: { left: 56, right: 24, top: 24, bottom: 72 },
    xAxis: { type: 'value', name: 'T（教师行为）', nameLocation: 'middle', nameGap: 28, min: 0, max },
    yAxis: { type: 'value', name: 'S（学生行为）', nameLocation: 'middle', nameGap: 36, min: 0, max },
    series: [
      ...observers.map(
        (o): LineSeriesOption => ({
          type: 'line',
          name: o.name,
          showSymbol: false,
          color: o.color,
          data: o.st!.points.map((p) => [p.t, p.s]),
        }),
      ),
      {
        type: 'line',
        name: 'Rt = 0.5',
        showSymbol: false,
        silent: true,
        color: '#757575',
        lineStyle: { type: 'dashed' },
        data: [
          [0, 0],
          [max, max],
        ],
      },
    ],
  };
}

/** One region of the Rt–Ch chart as a rectangle in chart coordinates. */
export interface ModeRegion {
  mode: TeachingMode;
  rule: string;
  rt: [number, number];
  ch: [number, number];
}

/**
 * The four teaching-mode regions from the thresholds the service is
 * configured with (the report carries them): 练习型 left of practiceRt,
 * 讲授型 right of lectureRt, and between them 对话型 above dialogueCh and
 * 混合型 below. The rule text is the service's own.
 *
 * @example
 * modeRegions(report).find((r) => r.mode === '对话型'); // { rt: [0.3, 0.7], ch: [0.4, 1], rule: '0.3 < Rt < 0.7，Ch ≥ 0.4' }
 */
export function modeRegions(report: Report): ModeRegion[] {
  const { practiceRt, lectureRt, dialogueCh } = report.settings;
  const box: Record<TeachingMode, Pick<ModeRegion, 'rt' | 'ch'>> = {
    练习型: { rt: [0, practiceRt], ch: [0, 1] },
    讲授型: { rt: [lectureRt, 1], ch: [0, 1] },
    对话型: { rt: [practiceRt, lectureRt], ch: [dialogueCh, 1] },
    混合型: { rt: [practiceRt, lectureRt], ch: [0, dialogueCh] },
  };
  return report.modeChart.regions.map((r) => ({ mode: r.mode, rule: r.rule, ...box[r.mode] }));
}

/**
 * The Rt–Ch chart: the mode regions shaded and named, the feasible triangle
 * (every switch needs a sample of each kind, so Ch ≤ 2·min(Rt, 1 − Rt)), the
 * threshold lines, each observer's point and the mean of them all.
 *
 * @example
 * chart.setOption(rtChOption(report));
 */
export function rtChOption(report: Report): ChartOption {
  const { modeChart, aggregate } = report;
  const threshold = (points: number[][], name: string): LineSeriesOption => ({
    type: 'line',
    name,
    showSymbol: false,
    silent: true,
    color: '#616161',
    lineStyle: { type: 'dashed' },
    data: points,
  });
  const boundary: LineSeriesOption = {
    type: 'line',
    name: '可能范围',
    showSymbol: false,
    silent: true,
    color: '#424242',
    data: modeChart.boundary.map((p) => [p.rt, p.ch]),
    markArea: {
      silent: true,
      label: { show: true, position: 'inside', color: '#212121', fontSize: 14, fontWeight: 'bold' },
      data: modeRegions(report).map((r) => [
        { name: r.mode, coord: [r.rt[0], r.ch[0]], itemStyle: { color: REGION_COLORS[r.mode] } },
        { coord: [r.rt[1], r.ch[1]] },
      ]),
    },
  };
  const lines = modeChart.lines.map((l) =>
    threshold(
      l.axis === 'rt'
        ? [
            [l.at, 0],
            [l.at, 1],
          ]
        : [
            [l.from ?? 0, l.at],
            [l.to ?? 1, l.at],
          ],
      l.label,
    ),
  );
  const points = sampled(report).map(
    (o): ScatterSeriesOption => ({
      type: 'scatter',
      name: o.name,
      symbolSize: 12,
      color: o.color,
      tooltip: { formatter: `${o.name}：Rt ${fixed(o.st!.rt)}，Ch ${fixed(o.st!.ch)}，${o.st!.mode}` },
      data: [[o.st!.rt, o.st!.ch]],
    }),
  );
  const mean: ScatterSeriesOption[] =
    aggregate.rt && aggregate.ch
      ? [
          {
            type: 'scatter',
            name: '平均',
            symbol: 'diamond',
            symbolSize: 18,
            color: MEAN_COLOR,
            tooltip: { formatter: `平均：Rt ${fixed(aggregate.rt.mean)}，Ch ${fixed(aggregate.ch.mean)}，${aggregate.mode ?? ''}` },
            data: [[aggregate.rt.mean, aggregate.ch.mean]],
          },
        ]
      : [];
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    legend: { ...legend, data: [...points.map((p) => p.name as string), ...mean.map((p) => p.name as string)] },
    grid: { left: 56, right: 24, top: 24, bottom: 72 },
    xAxis: { type: 'value', name: 'Rt（教师行为占有率）', nameLocation: 'middle', nameGap: 28, min: 0, max: 1 },
    yAxis: { type: 'value', name: 'Ch（行为转换率）', nameLocation: 'middle', nameGap: 36, min: 0, max: 1 },
    series: [boundary, ...lines, ...points, ...mean],
  };
}

/** Planned against taught minutes per step (the observers' mean). */
export function minutesOption(report: Report): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend,
    grid: { left: 48, right: 16, top: 24, bottom: 96 },
    xAxis: {
      type: 'category',
      data: report.steps.map((s) => `${s.stepId} ${s.name}`),
      axisLabel: { interval: 0, rotate: 20, width: 120, overflow: 'truncate' },
    },
    yAxis: { type: 'value', name: '分钟' },
    series: [
      { type: 'bar', name: '计划', color: '#90a4ae', data: report.steps.map((s) => s.plannedMinutes) },
      {
        type: 'bar',
        name: '实际（观课员平均）',
        color: '#1f5fa8',
        data: report.steps.map((s) => (s.taughtMinutes ? Number(minutes(s.taughtMinutes.mean)) : null)),
      },
    ],
  };
}

/** Attainment per objective in percent; null while no result is entered. */
export function attainmentOption(report: Report): ChartOption | null {
  const objectives = report.attainment?.objectives.filter((o) => o.rate !== null) ?? [];
  if (objectives.length === 0) return null;
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: objectives.map((o) => o.objectiveId) },
    yAxis: { type: 'value', min: 0, max: 100, name: '%' },
    series: [
      {
        type: 'bar',
        name: '达成度',
        barMaxWidth: 48,
        color: '#2e7d32',
        label: { show: true, position: 'top', formatter: '{c}%' },
        data: objectives.map((o) => Math.round(o.rate! * 1000) / 10),
      },
    ],
  };
}

/** The S-T curve in words: each observer's samples and where her curve ends. */
export function stTable(report: Report): ChartTable {
  const rows = report.observers.map((o) => [
    ...(o.st
      ? [
          o.name,
          String(o.st.n),
          String(o.st.nt),
          String(o.st.ns),
          String(o.st.nd),
          fixed(o.st.points.at(-1)!.t),
          fixed(o.st.points.at(-1)!.s),
        ]
      : [o.name, '0', '—', '—', '—', '—', '—']),
    String(o.missedSamples),
  ]);
  return {
    caption: `S-T 曲线的数据（每 ${report.settings.intervalSec} 秒采样一次；D 按 ${report.settings.dialogueTeacherShare} 计入 T，其余计入 S）`,
    head: ['观课员', '采样数 N', 'T', 'S', 'D', '曲线终点 T', '曲线终点 S', '漏记（不计入）'],
    rows,
  };
}

/** The Rt–Ch chart in words: each observer's point, the mean with its spread, and the regions' rules. */
export function rtChTable(report: Report): ChartTable {
  const { aggregate } = report;
  const rows = report.observers.map((o) => (o.st ? [o.name, fixed(o.st.rt), fixed(o.st.ch), o.st.mode] : [o.name, '—', '—', '没有采样']));
  if (aggregate.rt && aggregate.ch) rows.push(['平均', spread(aggregate.rt), spread(aggregate.ch), aggregate.mode ?? '—']);
  return {
    caption: `Rt–Ch 图的数据。模式区域：${modeRegions(report)
      .map((r) => `${r.mode} ${r.rule}`)
      .join('；')}`,
    head: ['观课员', 'Rt', 'Ch', '教学模式'],
    rows,
  };
}

/** Planned against taught minutes in words. */
export function minutesTable(report: Report): ChartTable {
  return {
    caption: '各环节计划用时与实际用时（分钟；实际为观课员平均，括号内为范围）',
    head: ['环节', '计划', '实际', '相差'],
    rows: report.steps.map((s) => [
      `${s.stepId} ${s.name}`,
      String(s.plannedMinutes),
      s.taughtMinutes ? spread(s.taughtMinutes, minutes) : '没有计时',
      s.deltaMinutes === null ? '—' : `${s.deltaMinutes > 0 ? '+' : ''}${minutes(s.deltaMinutes)}`,
    ]),
  };
}

/** Attainment per objective in words, with the items that check each and, from per-student results, the share who got them all. */
export function attainmentTable(report: Report): ChartTable | null {
  if (!report.attainment) return null;
  return {
    caption: `各教学目标达成度（参测 ${report.attainment.classSize} 人）`,
    head: ['目标', '内容', '检测题', '达成度', '全部答对的学生'],
    rows: report.attainment.objectives.map((o) => [
      o.objectiveId,
      o.text,
      o.itemIds.join('、') || '没有检测题',
      o.rate === null ? '—' : percent(o.rate),
      o.masteredRate === null ? '—' : percent(o.masteredRate),
    ]),
  };
}

/** The interaction figures over all observers: mean, range and spread, and each observer's own count. */
export function interactionTable(report: Report): ChartTable {
  const { aggregate } = report;
  const figures: [string, Report['aggregate']['rt'], (o: Report['observers'][number]) => string, (x: number) => string][] = [
    ['教师提问（次）', aggregate.teacherQuestions, (o) => String(o.interactions.teacherQuestions), (x) => fixed(x, 1)],
    ['学生回答（次）', aggregate.studentAnswers, (o) => String(o.interactions.studentAnswers), (x) => fixed(x, 1)],
    ['学生主动提问（次）', aggregate.studentQuestions, (o) => String(o.interactions.studentQuestions), (x) => fixed(x, 1)],
    ['发言学生（人）', aggregate.studentsSpoke, (o) => (o.studentsSpoke === null ? '—' : String(o.studentsSpoke)), (x) => fixed(x, 1)],
    [
      '小组活动投入（在任务上的小组）',
      aggregate.groupEngagement,
      (o) => (o.groupEngagement === null ? '—' : percent(o.groupEngagement)),
      percent,
    ],
  ];
  return {
    caption: `课堂互动（${aggregate.observers} 位观课员：平均，括号内为范围和标准差）`,
    head: ['指标', '平均', ...report.observers.map((o) => o.name)],
    rows: figures.map(([label, stat, own, format]) => [label, spread(stat, format), ...report.observers.map(own)]),
  };
}
