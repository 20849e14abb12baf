import { createRequire } from 'node:module';
import type { Report } from './report.js';

/** A chart drawn for a document: PNG bytes and its size in pixels at 1×. */
export interface ChartImage {
  name: string;
  title: string;
  png: Buffer;
  width: number;
  height: number;
}

const WIDTH = 640;
const HEIGHT = 400;
/** Noto CJK is what the service's machines have (fonts-noto-cjk); the aliases cover Windows and macOS servers. */
const FONT = 'Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif';
const COLORS = ['#3b6fd4', '#d4733b', '#3ba55c', '#9b59b6', '#c0392b', '#16a085'];

type Option = Record<string, unknown>;

/**
 * Draws an ECharts option server-side: ECharts' own SVG renderer (no DOM, no
 * browser) gives an SVG string, and sharp (libvips with librsvg, fonts through
 * fontconfig) rasterises it at 2× for print. Both load on first use only, so
 * a service that never makes a report never loads them.
 */
async function draw(option: Option, width = WIDTH, height = HEIGHT): Promise<Buffer> {
  // The single-file CommonJS bundle: the ES module entry is some 900 files and loads six times slower.
  const echarts = createRequire(import.meta.url)('echarts') as typeof import('echarts');
  const { default: sharp } = await import('sharp');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: FONT }, color: COLORS, ...option });
    const svg = chart.renderToSVGString();
    return await sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
  } finally {
    chart.dispose();
  }
}

const title = (text: string) => ({ text, left: 'center', textStyle: { fontSize: 16, fontFamily: FONT } });
const legend = { bottom: 0, textStyle: { fontFamily: FONT } };

/** The S-T curve: cumulative T (x) against cumulative S (y), one line per observer. */
function stCurve(report: Report<unknown>): Option {
  // Both axes to the same round length, so the diagonal is Rt = 0.5.
  const longest = Math.max(1, ...report.observers.flatMap((o) => o.st?.points.map((p) => Math.max(p.t, p.s)) ?? []));
  const max = Math.ceil(longest / 5) * 5;
  return {
    title: title('S-T 曲线'),
    legend,
    grid: { left: 60, right: 40, top: 50, bottom: 60 },
    xAxis: { type: 'value', name: 'T（教师行为）', nameLocation: 'middle', nameGap: 28, min: 0, max },
    yAxis: { type: 'value', name: 'S（学生行为）', nameLocation: 'middle', nameGap: 36, min: 0, max },
    series: [
      ...report.observers
        .filter((o) => o.st)
        .map((o) => ({ type: 'line', name: o.name, showSymbol: false, data: o.st!.points.map((p) => [p.t, p.s]) })),
      {
        type: 'line',
        name: 'Rt = 0.5',
        showSymbol: false,
        itemStyle: { color: '#999999' },
        lineStyle: { type: 'dashed', color: '#999999' },
        data: [
          [0, 0],
          [max, max],
        ],
      },
    ],
  };
}

/** The Rt–Ch chart: the feasible triangle, the threshold lines, each observer's point and the mean. */
function rtChChart(report: Report<unknown>): Option {
  const { modeChart, settings, aggregate } = report;
  const line = (points: number[][], name: string) => ({
    type: 'line',
    name,
    showSymbol: false,
    silent: true,
    lineStyle: { color: '#888888', type: 'dashed' },
    data: points,
  });
  const label = (text: string, rt: number, ch: number) => ({ name: text, value: [rt, ch] });
  return {
    title: title('Rt–Ch 图（教学模式）'),
    legend: { ...legend, data: [...report.observers.map((o) => o.name), '平均'] },
    grid: { left: 60, right: 40, top: 50, bottom: 60 },
    xAxis: { type: 'value', name: 'Rt（教师行为占有率）', nameLocation: 'middle', nameGap: 28, min: 0, max: 1 },
    yAxis: { type: 'value', name: 'Ch（行为转换率）', nameLocation: 'middle', nameGap: 36, min: 0, max: 1 },
    series: [
      {
        ...line(
          modeChart.boundary.map((p) => [p.rt, p.ch]),
          '边界',
        ),
        lineStyle: { color: '#555555' },
      },
      line(
        [
          [settings.practiceRt, 0],
          [settings.practiceRt, 1],
        ],
        '阈值',
      ),
      line(
        [
          [settings.lectureRt, 0],
          [settings.lectureRt, 1],
        ],
        '阈值',
      ),
      line(
        [
          [settings.practiceRt, settings.dialogueCh],
          [settings.lectureRt, settings.dialogueCh],
        ],
        '阈值',
      ),
      {
        type: 'scatter',
        name: '模式',
        silent: true,
        symbolSize: 1,
        itemStyle: { color: '#555555' },
        label: { show: true, formatter: '{b}', color: '#555555', fontSize: 14, fontFamily: FONT },
        data: [
          label('练习型', settings.practiceRt / 2, 0.08),
          label('讲授型', (1 + settings.lectureRt) / 2, 0.08),
          label('对话型', 0.5, Math.min(0.9, settings.dialogueCh + 0.25)),
          label('混合型', 0.5, settings.dialogueCh / 2),
        ],
      },
      ...report.observers.filter((o) => o.st).map((o) => ({ type: 'scatter', name: o.name, symbolSize: 10, data: [[o.st!.rt, o.st!.ch]] })),
      ...(aggregate.rt && aggregate.ch
        ? [
            {
              type: 'scatter',
              name: '平均',
              symbol: 'diamond',
              symbolSize: 16,
              itemStyle: { color: '#c0392b' },
              data: [[aggregate.rt.mean, aggregate.ch.mean]],
            },
          ]
        : []),
    ],
  };
}

/** Planned against taught minutes per step. */
function minutesChart(report: Report<unknown>): Option {
  return {
    title: title('各环节计划用时与实际用时（分钟）'),
    legend,
    grid: { left: 50, right: 20, top: 50, bottom: 80 },
    xAxis: {
      type: 'category',
      data: report.steps.map((s) => `${s.stepId} ${s.name}`),
      axisLabel: { interval: 0, rotate: 20, fontFamily: FONT },
    },
    yAxis: { type: 'value', name: '分钟' },
    series: [
      { type: 'bar', name: '计划', data: report.steps.map((s) => s.plannedMinutes) },
      {
        type: 'bar',
        name: '实际（观课员平均）',
        data: report.steps.map((s) => (s.taughtMinutes ? Math.round(s.taughtMinutes.mean * 10) / 10 : null)),
      },
    ],
  };
}

/** Attainment per objective, in percent. */
function attainmentChart(report: Report<unknown>): Option | null {
  const objectives = report.attainment?.objectives.filter((o) => o.rate !== null) ?? [];
  if (objectives.length === 0) return null;
  return {
    title: title('各教学目标达成度（%）'),
    grid: { left: 50, right: 20, top: 50, bottom: 40 },
    xAxis: { type: 'category', data: objectives.map((o) => o.objectiveId) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        label: { show: true, position: 'top', formatter: '{c}%' },
        data: objectives.map((o) => Math.round(o.rate! * 1000) / 10),
      },
    ],
  };
}

/**
 * The report's charts as PNG images: the S-T curve and the Rt–Ch chart when
 * there are samples, planned against taught minutes, and attainment per
 * objective when results were entered.
 *
 * @example
 * const charts = await reportCharts(report); // [{ name: 'st-curve', png, width: 640, height: 400 }, …]
 */
export async function reportCharts(report: Report<unknown>): Promise<ChartImage[]> {
  const specs: [string, string, Option | null][] = [
    ['st-curve', 'S-T 曲线', report.aggregate.rt ? stCurve(report) : null],
    ['rt-ch', 'Rt–Ch 图', report.aggregate.rt ? rtChChart(report) : null],
    ['minutes', '环节用时', minutesChart(report)],
    ['attainment', '目标达成度', attainmentChart(report)],
  ];
  const charts: ChartImage[] = [];
  for (const [name, chartTitle, option] of specs) {
    if (option) charts.push({ name, title: chartTitle, png: await draw(option), width: WIDTH, height: HEIGHT });
  }
  return charts;
}
