import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoObservationEvents, demoResults } from '../../src/cli/seed-observation.js';
import { readStoredPlan } from '../../src/lessons/plan-upgrade.js';
import { DEFAULT_ST_SETTINGS, type StSettings } from '../../src/observe/st-analysis.js';
import { packagePath } from '../../src/paths.js';
import { buildReport } from '../../src/review/report.js';
import {
  attainmentOption,
  attainmentTable,
  interactionTable,
  minutesOption,
  minutesTable,
  modeRegions,
  rtChOption,
  rtChTable,
  stCurveOption,
  stTable,
} from '../src/report/report-charts.js';
import type { Report } from '../src/report/report-types.js';

const plan = readStoredPlan(JSON.parse(fs.readFileSync(packagePath('test/fixtures/plans/plan-v1-demo.json'), 'utf8')));
const start = Date.parse('2025-03-12T01:00:00Z');
const observation = {
  id: 'o1',
  lessonId: 'l1',
  versionId: 'v3',
  versionNumber: 3,
  versionLabel: '共案',
  className: '三(2)班',
  taughtOn: '2025-03-12',
  teacherId: 'u1',
  teacherName: '张主备',
  createdBy: 'u4',
  createdAt: '2025-03-12T01:00:00Z',
  observers: [],
  hasResults: true,
};

/** The report JSON the service sends for the demo lesson: two observers and the class's results, built by the service's own code. */
function report(settings: StSettings = DEFAULT_ST_SETTINGS, withResults = true): Report {
  return buildReport({
    observation,
    lesson: { id: 'l1', title: plan.title.text, subject: plan.subject, grade: plan.grade },
    plan,
    observers: [
      { observerId: 'u4', name: '陈老师', events: demoObservationEvents(plan, start, 0) },
      { observerId: 'u3', name: '赵老师', events: demoObservationEvents(plan, start, 1) },
    ],
    results: withResults ? { ...demoResults(plan), students: null } : null,
    settings,
  }) as Report;
}

type Series = {
  type: string;
  name: string;
  data: unknown[];
  markArea?: { data: [{ name: string; coord: number[] }, { coord: number[] }][] };
};
const seriesOf = (option: { series?: unknown }) => option.series as Series[];

describe('report chart options', () => {
  const demo = report();

  it('draws one S-T curve per observer from (0, 0), on square axes with the Rt = 0.5 diagonal', () => {
    const option = stCurveOption(demo);
    const [chen, zhao, diagonal] = seriesOf(option);
    expect([chen!.name, zhao!.name, diagonal!.name]).toEqual(['陈老师', '赵老师', 'Rt = 0.5']);
    const points = demo.observers[0]!.st!.points;
    expect(chen!.data).toEqual(points.map((p) => [p.t, p.s]));
    expect(chen!.data[0]).toEqual([0, 0]);
    const x = option.xAxis as { max: number };
    const y = option.yAxis as { max: number };
    expect(x.max).toBe(y.max);
    expect(x.max % 5).toBe(0);
    expect(diagonal!.data).toEqual([
      [0, 0],
      [x.max, x.max],
    ]);
  });

  it('shades the four mode regions from the thresholds the report carries, not fixed numbers', () => {
    const custom = report({ ...DEFAULT_ST_SETTINGS, practiceRt: 0.25, lectureRt: 0.75, dialogueCh: 0.35 });
    expect(modeRegions(custom)).toEqual([
      { mode: '练习型', rule: 'Rt ≤ 0.25', rt: [0, 0.25], ch: [0, 1] },
      { mode: '讲授型', rule: 'Rt ≥ 0.75', rt: [0.75, 1], ch: [0, 1] },
      { mode: '对话型', rule: '0.25 < Rt < 0.75，Ch ≥ 0.35', rt: [0.25, 0.75], ch: [0.35, 1] },
      { mode: '混合型', rule: '0.25 < Rt < 0.75，Ch < 0.35', rt: [0.25, 0.75], ch: [0, 0.35] },
    ]);
    const series = seriesOf(rtChOption(custom));
    const areas = series[0]!.markArea!.data.map(([from, to]) => [from.name, from.coord, to.coord]);
    expect(areas).toContainEqual(['对话型', [0.25, 0.35], [0.75, 1]]);
    expect(areas).toContainEqual(['讲授型', [0.75, 0], [1, 1]]);
    // The threshold lines: two verticals and the Ch line between them.
    expect(series.filter((s) => s.name.startsWith('Rt =') || s.name.startsWith('Ch =')).map((s) => s.data)).toEqual([
      [
        [0.25, 0],
        [0.25, 1],
      ],
      [
        [0.75, 0],
        [0.75, 1],
      ],
      [
        [0.25, 0.35],
        [0.75, 0.35],
      ],
    ]);
  });

  it('puts each observer’s Rt–Ch point and the mean on the mode chart', () => {
    const series = seriesOf(rtChOption(demo));
    const point = (name: string) => series.find((s) => s.type === 'scatter' && s.name === name)!.data[0];
    expect(point('陈老师')).toEqual([demo.observers[0]!.st!.rt, demo.observers[0]!.st!.ch]);
    expect(point('赵老师')).toEqual([demo.observers[1]!.st!.rt, demo.observers[1]!.st!.ch]);
    expect(point('平均')).toEqual([demo.aggregate.rt!.mean, demo.aggregate.ch!.mean]);
  });

  it('bars planned against taught minutes per step, and attainment in percent once results exist', () => {
    const [planned, taught] = seriesOf(minutesOption(demo));
    expect(planned!.data).toEqual(plan.process.map((s) => s.minutes));
    // The demo's 导入 ran a minute long.
    expect(taught!.data[0]).toBe(plan.process[0]!.minutes + 1);
    const bars = seriesOf(attainmentOption(demo)!)[0]!;
    expect(bars.data).toEqual(demo.attainment!.objectives.filter((o) => o.rate !== null).map((o) => Math.round(o.rate! * 1000) / 10));
    expect(attainmentOption(report(DEFAULT_ST_SETTINGS, false))).toBeNull();
  });
});

describe('the charts’ text alternatives', () => {
  const demo = report();

  it('gives each observer’s samples, Rt, Ch and mode, and the mean with its spread', () => {
    const st = stTable(demo);
    expect(st.rows[0]!.slice(0, 2)).toEqual(['陈老师', String(demo.observers[0]!.st!.n)]);
    expect(st.rows[0]!.at(-1)).toBe(String(demo.observers[0]!.missedSamples));
    const rtCh = rtChTable(demo);
    expect(rtCh.rows.at(-1)![0]).toBe('平均');
    expect(rtCh.rows.at(-1)![1]).toMatch(/^\d\.\d+（\d\.\d+–\d\.\d+，标准差 \d\.\d+）$/);
    expect(rtCh.rows.at(-1)![3]).toBe(demo.aggregate.mode);
    expect(rtCh.caption).toContain('对话型 0.3 < Rt < 0.7，Ch ≥ 0.4');
  });

  it('lists minutes per step with the difference, attainment per objective and the interaction figures', () => {
    const minutes = minutesTable(demo);
    expect(minutes.rows[0]).toEqual([
      `${plan.process[0]!.id} ${demo.steps[0]!.name}`,
      String(plan.process[0]!.minutes),
      `${plan.process[0]!.minutes + 1}（2 人相同）`,
      '+1',
    ]);
    const attainment = attainmentTable(demo)!;
    expect(attainment.caption).toContain('参测 40 人');
    expect(attainment.rows.every((r) => /%$|^—$/.test(r[3]!))).toBe(true);
    expect(attainmentTable(report(DEFAULT_ST_SETTINGS, false))).toBeNull();
    const interactions = interactionTable(demo);
    expect(interactions.head).toEqual(['指标', '平均', '陈老师', '赵老师']);
    expect(interactions.rows[0]![2]).toBe(String(demo.observers[0]!.interactions.teacherQuestions));
  });
});
