import type { LessonPlan, StepRole } from '../domain/index.js';
import type { ObservationEvent } from '../observe/events.js';
import type { StCode } from '../observe/st-analysis.js';

/**
 * What a demo observer "saw" in a step of each role, as a repeating run of
 * S-T codes, one per 30-second sample: a lecture-led 新授, a student-led 合作探究,
 * a silent 当堂检测. Made-up demo data, so the report has something to show.
 */
const PATTERN: Record<StepRole, string> = {
  'lead-in': 'TTDSTD',
  'pre-study-feedback': 'SDSTSS',
  reading: 'TSSSTS',
  'new-content': 'TTDTSDTT',
  'guided-practice': 'STSSDS',
  'group-inquiry': 'SSSSDSST',
  check: 'SSSSSSST',
  summary: 'DTSTDT',
  homework: 'TTS',
};

/** Minutes the demo lesson over- or under-ran each role by: 导入 and 合作探究 ran long, so 练习 and 检测 were cut short. */
const OVERRUN: Partial<Record<StepRole, number>> = { 'lead-in': 1, 'group-inquiry': 2, 'guided-practice': -1, check: -2 };

/** The notes the demo observer left, by step role. */
const NOTES: Partial<Record<StepRole, string>> = {
  'lead-in': '情境贴近学生，举手的人多；但导入比计划多用了约 1 分钟。',
  'group-inquiry': '第 3、7 组没有分工，组长一人在量，其他同学在看。',
  check: '检测时间不够，约三分之一的学生没做完最后一题。',
};

const at = (start: number, seconds: number) => {
  // The tablet's clock in 北京时间 (+08:00), as a tablet in a Chinese classroom sends it.
  const local = new Date(start + seconds * 1000 + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
};

/**
 * One demo observer's events for a lesson taught from `plan`: a step-start per
 * 环节, an S-T sample every 30 s, questions and answers at the dialogue samples,
 * group-work scans and notes. `observer` 1 differs from 0 in some samples, as
 * two people coding one lesson do.
 *
 * @example
 * const events = demoObservationEvents(plan, Date.parse('2025-03-12T01:00:00Z'), 0);
 */
export function demoObservationEvents(plan: LessonPlan, start: number, observer: 0 | 1): ObservationEvent[] {
  const events: ObservationEvent[] = [];
  let n = 0;
  const id = () => `demo-${observer}-${++n}`;
  let second = 0;
  let seat = 0;
  for (const step of plan.process) {
    const minutes = Math.max(1, step.minutes + (OVERRUN[step.role] ?? 0));
    events.push({ id: id(), at: at(start, second), kind: 'step-start', stepId: step.id });
    const pattern = PATTERN[step.role];
    const samples = minutes * 2;
    for (let i = 0; i < samples; i += 1) {
      let code = pattern[i % pattern.length] as StCode;
      // The second observer codes every fifth sample of a dialogue as the teacher's turn.
      if (observer === 1 && code === 'D' && i % 5 === 0) code = 'T';
      // Coded at the end of each 30-second interval, a second before the next one starts, so it falls in this step.
      const t = second + 30 * (i + 1) - 1;
      events.push({ id: id(), at: at(start, t), kind: 'sample', code });
      if (code === 'D') {
        seat = (seat % 40) + 1;
        events.push({ id: id(), at: at(start, t - 20), kind: 'interaction', type: 'teacher-question' });
        events.push({ id: id(), at: at(start, t - 10), kind: 'interaction', type: 'student-answer', speaker: String(seat) });
      }
    }
    if (step.role === 'group-inquiry') {
      for (let scan = 1; scan * 120 < minutes * 60; scan += 1) {
        events.push({ id: id(), at: at(start, second + scan * 120), kind: 'group-work', groups: 10, engaged: 8 + (scan % 2) });
      }
      events.push({ id: id(), at: at(start, second + 90), kind: 'interaction', type: 'student-question', speaker: '23' });
    }
    const note = NOTES[step.role];
    if (note && observer === 0) events.push({ id: id(), at: at(start, second + 45), kind: 'note', stepId: step.id, text: note });
    second += minutes * 60;
  }
  const last = plan.process.at(-1);
  if (last) events.push({ id: id(), at: at(start, second), kind: 'step-stop', stepId: last.id });
  return events;
}

/** Demo 达标检测 results for 40 students: earlier items easier than later ones. */
export function demoResults(plan: LessonPlan): { classSize: number; items: { itemId: string; correct: number }[] } {
  const rates = [0.95, 0.85, 0.75, 0.6, 0.7];
  return {
    classSize: 40,
    items: plan.sheets.masteryCheck.items.map((item, i) => ({ itemId: item.id, correct: Math.round(40 * rates[i % rates.length]!) })),
  };
}
