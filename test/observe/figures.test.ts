import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/observe/aggregate.js';
import { attainment, itemCounts } from '../../src/observe/attainment.js';
import type { ObservationEvent } from '../../src/observe/events.js';
import { observerRecord } from '../../src/observe/record.js';
import { DEFAULT_ST_SETTINGS, readStSettings, type StCode, stFigures, teachingMode } from '../../src/observe/st-analysis.js';
import { stat } from '../../src/observe/stats.js';

const codes = (text: string) => text.split(' ') as StCode[];

describe('S-T figures, checked by hand', () => {
  it('a mixed lesson with two dialogue samples', () => {
    // T T T S S T T D D S S S S T T S S S T T
    // Nt = 9 (1-3, 6-7, 14-15, 19-20), Ns = 9 (4-5, 10-13, 16-18), Nd = 2 (8-9), N = 20
    // runs: TTT | SS | TT | DD | SSSS | TT | SSS | TT → g = 8
    // Rt = (Nt + 0.5·Nd) / N = (9 + 1) / 20 = 0.5;  Ch = (g − 1) / N = 7 / 20 = 0.35
    // 0.3 < 0.5 < 0.7 and 0.35 < 0.4 → 混合型
    const st = stFigures(codes('T T T S S T T D D S S S S T T S S S T T'))!;
    expect(st).toMatchObject({ n: 20, nt: 9, ns: 9, nd: 2, g: 8, mode: '混合型' });
    expect(st.rt).toBeCloseTo(0.5, 10);
    expect(st.ch).toBeCloseTo(0.35, 10);
    // The curve: T moves right, S up, D half each way; it ends at (Nt + 1, Ns + 1) = (10, 10).
    expect(st.points.slice(0, 5)).toEqual([
      { t: 0, s: 0 },
      { t: 1, s: 0 },
      { t: 2, s: 0 },
      { t: 3, s: 0 },
      { t: 3, s: 1 },
    ]);
    expect(st.points[8]).toEqual({ t: 5.5, s: 2.5 });
    expect(st.points.at(-1)).toEqual({ t: 10, s: 10 });
    // Counting D wholly as teacher behaviour: Rt = (9 + 2) / 20 = 0.55.
    expect(
      stFigures(codes('T T T S S T T D D S S S S T T S S S T T'), { ...DEFAULT_ST_SETTINGS, dialogueTeacherShare: 1 })!.rt,
    ).toBeCloseTo(0.55, 10);
  });

  it('the four modes, Rt deciding before Ch, thresholds inclusive', () => {
    // T T T T S T T T S T: Rt = 8/10 = 0.8, g = 5 (TTTT|S|TTT|S|T), Ch = 4/10 = 0.4 — still 讲授型, Rt decides first
    expect(stFigures(codes('T T T T S T T T S T'))).toMatchObject({ rt: 0.8, ch: 0.4, mode: '讲授型' });
    // T S T S T S T S T S: Rt = 5/10 = 0.5, g = 10, Ch = 9/10 = 0.9 → 对话型
    expect(stFigures(codes('T S T S T S T S T S'))).toMatchObject({ rt: 0.5, ch: 0.9, mode: '对话型' });
    // S S S S T S S S S S: Rt = 1/10 = 0.1 → 练习型
    expect(stFigures(codes('S S S S T S S S S S'))).toMatchObject({ rt: 0.1, mode: '练习型' });
    expect(teachingMode(0.3, 0.9)).toBe('练习型');
    expect(teachingMode(0.7, 0.9)).toBe('讲授型');
    expect(teachingMode(0.5, 0.4)).toBe('对话型');
    expect(teachingMode(0.5, 0.39)).toBe('混合型');
    expect(stFigures([])).toBeNull();
  });

  it('thresholds come from the environment and keep their order', () => {
    expect(readStSettings({ ST_DIALOGUE_CH: '0.35', ST_INTERVAL_SEC: '20' })).toMatchObject({
      dialogueCh: 0.35,
      intervalSec: 20,
      practiceRt: 0.3,
    });
    expect(readStSettings({ ST_PRACTICE_RT: '0.8', ST_LECTURE_RT: '0.6' })).toMatchObject({ practiceRt: 0.3, lectureRt: 0.7 });
    expect(readStSettings({ ST_DIALOGUE_CH: 'abc' }).dialogueCh).toBe(0.4);
    expect(teachingMode(0.5, 0.36, readStSettings({ ST_DIALOGUE_CH: '0.35' }))).toBe('对话型');
  });
});

const STEPS = [
  { id: 'S1', name: '情境导入', minutes: 3, objectiveIds: [] },
  { id: 'S2', name: '探究新知', minutes: 8, objectiveIds: ['O1'] },
  { id: 'S3', name: '合作探究', minutes: 10, objectiveIds: ['O2'] },
];
const at = (clock: string) => `2025-03-12T09:${clock}+08:00`;
let next = 0;
const ev = (clock: string, rest: Record<string, unknown>) => ({ id: `e${++next}`, at: at(clock), ...rest }) as ObservationEvent;

/** One observer's lesson: S1 09:00:00–09:03:00 (3 min), S2 –09:10:30 (7.5 min), S3 –09:20:00 (9.5 min). */
function lesson() {
  next = 0;
  const retracted = ev('05:00', { kind: 'sample', code: 'T' });
  return [
    ev('00:00', { kind: 'step-start', stepId: 'S1' }),
    ev('00:30', { kind: 'sample', code: 'T' }),
    ev('01:00', { kind: 'sample', code: 'T' }),
    ev('01:10', { kind: 'interaction', type: 'teacher-question' }),
    ev('01:20', { kind: 'interaction', type: 'student-answer', speaker: '12' }),
    ev('01:30', { kind: 'sample', code: 'S' }),
    ev('02:00', { kind: 'sample', code: 'T' }),
    ev('03:00', { kind: 'step-start', stepId: 'S2' }),
    ev('03:30', { kind: 'sample', code: 'S' }),
    ev('04:00', { kind: 'sample', code: 'S' }),
    ev('04:10', { kind: 'interaction', type: 'student-answer', speaker: '07' }),
    ev('04:30', { kind: 'sample', code: 'D' }),
    retracted,
    ev('05:01', { kind: 'retract', eventId: retracted.id }),
    ev('05:10', { kind: 'interaction', type: 'student-question', speaker: '12' }),
    ev('06:00', { kind: 'note', stepId: 'S2', text: '学生描周长时不会从起点开始' }),
    ev('10:30', { kind: 'step-start', stepId: 'S3' }),
    ev('11:00', { kind: 'sample', code: 'S' }),
    ev('12:00', { kind: 'group-work', groups: 8, engaged: 6 }),
    ev('15:00', { kind: 'group-work', groups: 8, engaged: 7 }),
    ev('20:00', { kind: 'step-stop', stepId: 'S3' }),
  ];
}

describe('one observer’s record', () => {
  it('times steps, assigns samples to the running step, counts interactions, applies the retraction', () => {
    const record = observerRecord(lesson(), STEPS);
    // Samples after the retraction: T T S T | S S D | S → N = 8, Nt = 3, Ns = 4, Nd = 1
    // runs: TT | S | T | SS | D | S → g = 6; Rt = (3 + 0.5) / 8 = 0.4375; Ch = 5 / 8 = 0.625 → 对话型
    expect(record.st).toMatchObject({ n: 8, nt: 3, ns: 4, nd: 1, g: 6, mode: '对话型' });
    expect(record.st!.rt).toBeCloseTo(0.4375, 10);
    expect(record.st!.ch).toBeCloseTo(0.625, 10);
    expect(record.samples.map((s) => s.stepId)).toEqual(['S1', 'S1', 'S1', 'S1', 'S2', 'S2', 'S2', 'S3']);
    // S1: T T S T → Rt = 3/4 = 0.75 (讲授型), g = 3, Ch = 2/4 = 0.5
    expect(record.steps[0]).toMatchObject({ stepId: 'S1', taughtMinutes: 3, st: { rt: 0.75, ch: 0.5, mode: '讲授型' } });
    expect(record.steps[1]!.taughtMinutes).toBeCloseTo(7.5, 10); // 09:03:00 → 09:10:30
    expect(record.steps[2]!.taughtMinutes).toBeCloseTo(9.5, 10); // 09:10:30 → 09:20:00
    expect(record.interactions).toEqual({ teacherQuestions: 1, studentAnswers: 2, studentQuestions: 1 });
    expect(record.steps[0]!.interactions).toEqual({ teacherQuestions: 1, studentAnswers: 1, studentQuestions: 0 });
    expect(record.studentsSpoke).toBe(2); // seats 12 and 07; 12 spoke twice
    expect(record.groupEngagement).toBeCloseTo((6 + 7) / (8 + 8), 10); // 13 / 16 = 0.8125
    expect(record.steps[1]!.notes).toEqual([{ text: '学生描周长时不会从起点开始', at: at('06:00') }]);
    expect(record.warnings).toEqual([]);
    expect(record.missedSamples).toBe(0);
  });

  it('gives the same record whatever order the events arrive in', () => {
    const events = lesson();
    const shuffled = [...events].reverse();
    const interleaved = events.filter((_, i) => i % 2 === 1).concat(events.filter((_, i) => i % 2 === 0));
    const expected = observerRecord(events, STEPS);
    expect(observerRecord(shuffled, STEPS)).toEqual(expected);
    expect(observerRecord(interleaved, STEPS)).toEqual(expected);
  });

  it('a step revisited adds up; a step still running ends at the last event', () => {
    next = 0;
    const record = observerRecord(
      [
        ev('00:00', { kind: 'step-start', stepId: 'S1' }),
        ev('02:00', { kind: 'step-start', stepId: 'S2' }),
        ev('05:00', { kind: 'step-start', stepId: 'S1' }),
        ev('06:30', { kind: 'sample', code: 'T' }),
      ],
      STEPS,
    );
    // S1: 09:00–09:02 (2 min) + 09:05–09:06:30 (1.5 min) = 3.5; S2: 09:02–09:05 = 3; S3 never marked
    expect(record.steps.map((s) => s.taughtMinutes)).toEqual([3.5, 3, null]);
  });

  it('a missed sample stays missed: out of N and the curve, counted and named in the warnings', () => {
    next = 0;
    const missed = [
      ev('00:00', { kind: 'step-start', stepId: 'S1' }),
      ev('00:30', { kind: 'sample', code: 'T' }),
      ev('01:00', { kind: 'sample-missed' }),
      ev('01:30', { kind: 'sample', code: 'S' }),
      ev('02:00', { kind: 'sample-missed', stepId: 'S1' }),
      ev('02:30', { kind: 'sample', code: 'S' }),
    ];
    const record = observerRecord(missed, STEPS);
    // T S S: N = 3 (not 5), Rt = 1/3, g = 2 — nothing guessed for 09:01:00 and 09:02:00
    expect(record.st).toMatchObject({ n: 3, nt: 1, ns: 2, g: 2 });
    expect(record.samples.map((s) => s.code)).toEqual(['T', 'S', 'S']);
    expect(record.missedSamples).toBe(2);
    expect(record.warnings).toEqual(['有 2 次 S-T 采样漏记，未计入 S-T 分析']);
    // Retracting a missed mark (the observer did answer after all) removes it from the count.
    const retracted = observerRecord([...missed, ev('02:40', { kind: 'retract', eventId: missed[2]!.id })], STEPS);
    expect(retracted.missedSamples).toBe(1);
  });
});

describe('several observers', () => {
  it('mean and spread, leaving out what an observer did not record', () => {
    // stat([0.6, 0.7]): mean (0.6 + 0.7) / 2 = 0.65; sd √(((0.6−0.65)² + (0.7−0.65)²) / 2) = 0.05
    const s = stat([0.6, 0.7, null])!;
    expect(s.n).toBe(2);
    expect(s.mean).toBeCloseTo(0.65, 10);
    expect(s.sd).toBeCloseTo(0.05, 10);
    expect(stat([null, undefined])).toBeNull();

    // Observer B timed S1 as 3.5 minutes and coded T S T S (Rt 0.5, g 4, Ch 3/4 = 0.75)
    next = 100;
    const b = observerRecord(
      [
        ev('00:00', { kind: 'step-start', stepId: 'S1' }),
        ev('00:30', { kind: 'sample', code: 'T' }),
        ev('01:00', { kind: 'sample', code: 'S' }),
        ev('01:30', { kind: 'sample', code: 'T' }),
        ev('02:00', { kind: 'sample', code: 'S' }),
        ev('02:10', { kind: 'interaction', type: 'teacher-question' }),
        ev('02:20', { kind: 'interaction', type: 'teacher-question' }),
        ev('02:30', { kind: 'interaction', type: 'teacher-question' }),
        ev('03:30', { kind: 'step-stop', stepId: 'S1' }),
        ev('03:40', { kind: 'note', stepId: 'S1', text: '导入用时偏长' }),
      ],
      STEPS,
    );
    const a = observerRecord(lesson(), STEPS);
    const group = aggregate(
      [
        { observerId: 'a', name: '陈老师', record: a },
        { observerId: 'b', name: '周老师', record: b },
      ],
      STEPS,
    );
    // Rt: A 0.4375, B 0.5 → mean 0.46875, sd 0.03125; Ch: A 0.625, B 0.75 → mean 0.6875 → 对话型
    expect(group.rt!.mean).toBeCloseTo(0.46875, 10);
    expect(group.rt!.sd).toBeCloseTo(0.03125, 10);
    expect(group.ch!.mean).toBeCloseTo(0.6875, 10);
    expect(group.mode).toBe('对话型');
    // Teacher questions: A 1, B 3 → mean 2, min 1, max 3, sd 1
    expect(group.teacherQuestions).toEqual({ n: 2, mean: 2, min: 1, max: 3, sd: 1 });
    // S1 minutes: A 3, B 3.5 → mean 3.25 (planned 3: +0.25); S3 only A timed it: 9.5 (planned 10: −0.5)
    expect(group.steps[0]).toMatchObject({
      stepId: 'S1',
      plannedMinutes: 3,
      taughtMinutes: { n: 2, mean: 3.25, sd: 0.25 },
      deltaMinutes: 0.25,
    });
    expect(group.steps[2]).toMatchObject({ taughtMinutes: { n: 1, mean: 9.5 }, deltaMinutes: -0.5 });
    // Students who spoke and group engagement: only A recorded them
    expect(group.studentsSpoke).toMatchObject({ n: 1, mean: 2 });
    expect(group.groupEngagement!.mean).toBeCloseTo(0.8125, 10);
    expect(group.steps[0]!.notes).toEqual([{ observerId: 'b', name: '周老师', text: '导入用时偏长', at: at('03:40') }]);
  });
});

describe('attainment per objective', () => {
  const items = [
    { id: 'M1', prompt: '长方形的周长', objectiveIds: ['O1'] },
    { id: 'M2', prompt: '正方形的周长', objectiveIds: ['O1', 'O2'] },
    { id: 'M3', prompt: '解决问题', objectiveIds: ['O2'] },
  ];
  const objectives = [
    { id: 'O1', text: '说出周长的含义' },
    { id: 'O2', text: '运用公式计算周长' },
    { id: 'O3', text: '体会数学与生活的联系' },
  ];

  it('from counts per item', () => {
    // 40 students: M1 36/40 = 0.9, M2 30/40 = 0.75, M3 22/40 = 0.55
    // O1 (M1, M2) = (0.9 + 0.75) / 2 = 0.825; O2 (M2, M3) = (0.75 + 0.55) / 2 = 0.65; O3 has no item
    const result = attainment(
      {
        classSize: 40,
        items: [
          { itemId: 'M1', correct: 36 },
          { itemId: 'M2', correct: 30 },
          { itemId: 'M3', correct: 22 },
        ],
        students: null,
      },
      items,
      objectives,
    );
    expect(result.items.map((i) => i.rate)).toEqual([0.9, 0.75, 0.55]);
    expect(result.objectives[0]!.rate).toBeCloseTo(0.825, 10);
    expect(result.objectives[1]!.rate).toBeCloseTo(0.65, 10);
    expect(result.objectives[2]).toMatchObject({ objectiveId: 'O3', itemIds: [], rate: null, masteredRate: null });
    expect(result.unchecked).toEqual(['O3']);
  });

  it('from results per student', () => {
    // A: M1 M2 M3; B: M1 M2; C: M1; D: none. M1 3/4 = 0.75, M2 2/4 = 0.5, M3 1/4 = 0.25
    // O1 = (0.75 + 0.5) / 2 = 0.625, mastered (M1 and M2): A, B = 2/4 = 0.5
    // O2 = (0.5 + 0.25) / 2 = 0.375, mastered (M2 and M3): A = 1/4 = 0.25
    const students = [
      { student: 'A', correct: ['M1', 'M2', 'M3'] },
      { student: 'B', correct: ['M1', 'M2'] },
      { student: 'C', correct: ['M1'] },
      { student: 'D', correct: [] },
    ];
    const counts = itemCounts(students, ['M1', 'M2', 'M3']);
    expect(counts).toEqual([
      { itemId: 'M1', correct: 3 },
      { itemId: 'M2', correct: 2 },
      { itemId: 'M3', correct: 1 },
    ]);
    const result = attainment({ classSize: 4, items: counts, students }, items, objectives);
    expect(result.objectives.map((o) => [o.rate, o.masteredRate])).toEqual([
      [0.625, 0.5],
      [0.375, 0.25],
      [null, null],
    ]);
  });
});
