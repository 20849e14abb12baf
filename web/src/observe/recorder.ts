import { computed, ref } from 'vue';
import type { EventQueue } from './event-queue.js';
import { type EventDraft, stamp } from './events.js';
import { nextSpeaker, type RecorderStep, recordingOf, stepElapsedMs } from './recording.js';
import { samplingAt, samplingRules } from './sampling.js';

export type InteractionType = 'teacher-question' | 'student-answer' | 'student-question';

/**
 * The observer's actions on one taught lesson. Every tap becomes an event in
 * the queue (stored, then sent); what the screen shows is computed back from
 * the queue, so a reload shows exactly what was recorded. The clock is
 * injected: the page ticks it every second, the tests set it.
 *
 * @example
 * const recorder = createRecorder({ queue, steps, intervalSec: 30 });
 * recorder.startStep('S1'); recorder.tick(); recorder.answer('T');
 */
export function createRecorder(options: { queue: EventQueue; steps: RecorderStep[]; intervalSec: number; now?: () => number }) {
  const { queue, steps, intervalSec } = options;
  const now = options.now ?? (() => Date.now());
  const rules = samplingRules(intervalSec);
  const clock = ref(now());
  const recording = computed(() => recordingOf(queue.events(), intervalSec));
  const sampling = computed(() => samplingAt(recording.value, rules, clock.value));
  const record = (draft: EventDraft, at = now()) => queue.add(stamp(draft, at));

  /** The step on screen: the running one, else the one after the last that ran, else the first. */
  const current = computed(() => {
    const rec = recording.value;
    if (rec.running) return steps.find((s) => s.id === rec.running!.stepId) ?? null;
    const last = rec.segments.at(-1);
    if (!last) return steps[0] ?? null;
    const index = steps.findIndex((s) => s.id === last.stepId);
    return steps[index + 1] ?? steps[index] ?? null;
  });
  const next = computed(() => {
    const running = recording.value.running;
    if (!running) return null;
    return steps[steps.findIndex((s) => s.id === running.stepId) + 1] ?? null;
  });

  return {
    rules,
    clock,
    recording,
    sampling,
    current,
    next,
    /** Moves the clock on and records every prompt that closed unanswered as missed. */
    tick() {
      clock.value = now();
      for (const missed of sampling.value.missed) record({ kind: 'sample-missed' }, missed.dueAt);
    },
    /** Starts a step (which ends the running one). */
    startStep(stepId: string) {
      record({ kind: 'step-start', stepId });
      clock.value = now();
    },
    stopStep() {
      const running = recording.value.running;
      if (running) record({ kind: 'step-stop', stepId: running.stepId });
      clock.value = now();
    },
    /** Answers the open S-T prompt; stamped with the prompt's time, not the tap's. */
    answer(code: 'T' | 'S' | 'D') {
      const open = sampling.value.open;
      if (open) record({ kind: 'sample', code }, open.dueAt);
    },
    /** One interaction; `newStudent` marks a student who had not spoken yet (counted in 发言学生). */
    count(type: InteractionType, newStudent = false) {
      const speaker = newStudent && type !== 'teacher-question' ? nextSpeaker(recording.value) : undefined;
      record({ kind: 'interaction', type, ...(speaker ? { speaker } : {}) });
    },
    groupScan(groups: number, engaged: number) {
      record({ kind: 'group-work', groups, engaged });
    },
    /** A note on the step on screen. */
    note(text: string) {
      const stepId = current.value?.id;
      if (!stepId || !text.trim()) return false;
      return record({ kind: 'note', stepId, text: text.trim() });
    },
    undo() {
      const last = recording.value.lastUndoable;
      if (last) record({ kind: 'retract', eventId: last.id });
    },
    elapsedMs: (stepId: string) => stepElapsedMs(recording.value, stepId, clock.value),
  };
}

export type Recorder = ReturnType<typeof createRecorder>;
