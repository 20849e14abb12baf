import { describe, expect, it } from 'vitest';
import { type EventDraft, stamp } from '../src/observe/events.js';
import { nextSpeaker, recordingOf, stepElapsedMs } from '../src/observe/recording.js';
import { samplingAt, samplingRules } from '../src/observe/sampling.js';

const T0 = Date.parse('2025-03-12T09:00:00+08:00');
const sec = (s: number) => T0 + s * 1000;
let n = 0;
const ev = (s: number, draft: EventDraft) => stamp(draft, sec(s), `e${++n}`);
const rules = samplingRules(30);

describe('the S-T sampling schedule', () => {
  it('prompts every 30 s from the first step’s start, keeps a prompt open 20 s, then calls it missed', () => {
    expect(rules).toEqual({ intervalSec: 30, answerSec: 20, maxLessonMin: 90 });
    const events = [ev(0, { kind: 'step-start', stepId: 'S1' })];
    const at = (s: number) => samplingAt(recordingOf(events, 30), rules, sec(s));
    expect(at(29)).toEqual({ open: null, missed: [], nextDueAt: sec(30) });
    expect(at(30).open).toEqual({ slot: 1, dueAt: sec(30), closesAt: sec(50) });
    expect(at(49.9).open?.slot).toBe(1);
    expect(at(50)).toEqual({ open: null, missed: [{ slot: 1, dueAt: sec(30) }], nextDueAt: sec(60) });

    // Answered: stamped with the slot's due time, so a late tap still describes the moment asked about.
    events.push(stamp({ kind: 'sample', code: 'T' }, sec(30), 'a1'));
    expect(at(45)).toEqual({ open: null, missed: [], nextDueAt: sec(60) });
    expect(recordingOf(events, 30).samples.get(1)).toBe('T');
  });

  it('after a reload finds every prompt the tablet slept through, and records them as missed, never guessed', () => {
    const events = [ev(0, { kind: 'step-start', stepId: 'S1' }), stamp({ kind: 'sample', code: 'S' }, sec(30), 'a1')];
    // Asleep from 0:40 to 2:05: slots 2 (1:00), 3 (1:30) closed unanswered; slot 4 (2:00) is still open.
    const woke = samplingAt(recordingOf(events, 30), rules, sec(125));
    expect(woke.missed).toEqual([
      { slot: 2, dueAt: sec(60) },
      { slot: 3, dueAt: sec(90) },
    ]);
    expect(woke.open?.slot).toBe(4);
    for (const m of woke.missed) events.push(stamp({ kind: 'sample-missed' }, m.dueAt));
    const rec = recordingOf(events, 30);
    expect([...rec.samples]).toEqual([
      [1, 'S'],
      [2, 'missed'],
      [3, 'missed'],
    ]);
    expect(samplingAt(rec, rules, sec(125)).missed).toEqual([]);
  });

  it('does not prompt while no step runs, nor past the longest lesson', () => {
    const events = [ev(0, { kind: 'step-start', stepId: 'S1' }), ev(40, { kind: 'step-stop', stepId: 'S1' })];
    const paused = samplingAt(recordingOf(events, 30), rules, sec(200));
    // Slot 1 (0:30) fell while S1 ran; 1:00 … 3:00 fell in the pause: not prompts, not missed.
    expect(paused).toEqual({ open: null, missed: [{ slot: 1, dueAt: sec(30) }], nextDueAt: null });
    events.push(ev(210, { kind: 'step-start', stepId: 'S2' }));
    expect(samplingAt(recordingOf(events, 30), rules, sec(240)).open).toEqual({ slot: 8, dueAt: sec(240), closesAt: sec(260) });

    const forgotten = samplingAt(recordingOf([ev(0, { kind: 'step-start', stepId: 'S1' })], 30), rules, sec(24 * 3600));
    expect(forgotten.missed).toHaveLength(180); // 90 minutes of 30 s slots, not a day's worth
    expect(forgotten.nextDueAt).toBeNull();
    expect(samplingAt(recordingOf([], 30), rules, sec(100))).toEqual({ open: null, missed: [], nextDueAt: null });
  });

  it('an undone sample reopens its prompt while the window lasts', () => {
    const events = [ev(0, { kind: 'step-start', stepId: 'S1' }), stamp({ kind: 'sample', code: 'D' }, sec(30), 'a1')];
    events.push(ev(35, { kind: 'retract', eventId: 'a1' }));
    expect(samplingAt(recordingOf(events, 30), rules, sec(36)).open?.slot).toBe(1);
  });
});

describe('the recording on screen', () => {
  it('times steps as the report does, counts taps and distinct speakers, and undoes taps but not step changes', () => {
    const events = [
      ev(0, { kind: 'step-start', stepId: 'S1' }),
      ev(10, { kind: 'interaction', type: 'teacher-question' }),
      ev(12, { kind: 'interaction', type: 'student-answer', speaker: '新1' }),
      ev(20, { kind: 'interaction', type: 'student-answer' }),
      ev(25, { kind: 'interaction', type: 'student-question', speaker: '新2' }),
      ev(180, { kind: 'step-start', stepId: 'S2' }),
      ev(200, { kind: 'group-work', groups: 8, engaged: 6 }),
      ev(210, { kind: 'note', stepId: 'S2', text: '小组分工不明确' }),
      ev(300, { kind: 'step-start', stepId: 'S1' }),
    ];
    const rec = recordingOf(events, 30);
    expect(rec).toMatchObject({ teacherQuestions: 1, studentAnswers: 2, studentQuestions: 1, studentsSpoke: 2 });
    expect(nextSpeaker(rec)).toBe('新3');
    expect(rec.running).toEqual({ stepId: 'S1', since: sec(300) });
    expect(stepElapsedMs(rec, 'S1', sec(330))).toBe(210_000); // 3:00 then 0:30 again
    expect(stepElapsedMs(rec, 'S2', sec(330))).toBe(120_000);
    expect(rec.groupScans).toEqual([{ groups: 8, engaged: 6 }]);
    expect(rec.notes).toEqual([{ stepId: 'S2', text: '小组分工不明确', at: events[7]!.at }]);
    expect(rec.lastUndoable?.kind).toBe('note');

    events.push(ev(301, { kind: 'retract', eventId: events[7]!.id }), ev(302, { kind: 'retract', eventId: events[6]!.id }));
    const undone = recordingOf(events, 30);
    expect(undone.notes).toEqual([]);
    expect(undone.lastUndoable?.id).toBe(events[4]!.id);
  });
});
