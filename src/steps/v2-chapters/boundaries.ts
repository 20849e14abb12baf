import { cohesionDepths } from './cohesion.js';
import { PART_OPENING_STRENGTH, type PartKind, setsTask, type Transition, transitionIn } from './discourse.js';
import type { Utterance } from './utterances.js';

/** Why a chapter might start at an utterance, and how strongly. */
export interface BoundaryEvidence {
  /** 0–1: how far the silence before it exceeds this speaker's ordinary pauses. */
  pause: number;
  transition: Transition | null;
  /** 0–1: TextTiling depth of the vocabulary change. */
  cohesion: number;
  /** The sum that segmentation maximises. */
  score: number;
}

/** Pauses up to this many times the speaker's median pause are just breathing. */
const ORDINARY_PAUSE_FACTOR = 3;
/** …and never count below one second, or a fast TTS narration would see boundaries everywhere. */
const MIN_MEANINGFUL_PAUSE_SEC = 1;
/** A pause this much longer than ordinary (≈ 4 s in a classroom recording) is a full-strength boundary. */
const FULL_PAUSE_EXCESS_SEC = 2.5;
/**
 * Vocabulary change alone is weak evidence (one lesson keeps its words), so it
 * only decides between candidates, it never makes a boundary by itself.
 */
const COHESION_WEIGHT = 0.5;
/**
 * "请同学们在练习本上算一算" followed by silence is students working, not a new
 * part: the pause, and a bare "好，我们来对一下答案" after it, count for little.
 */
const TASK_PAUSE_FACTOR = 0.3;
/** "第二题" inside a 练一练 is the next item of the same practice. */
const PRACTICE_ITEM_FACTOR = 0.3;

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Evidence for a chapter starting at each utterance (index 0, the video's
 * start, gets none).
 *
 * @example
 * boundaryEvidence(toUtterances(cues))[21] // "好，接下来我们看例1" after a 5 s pause
 * // { pause: 1, transition: { kind: 'example', label: '例1', strength: 1.2, … }, cohesion: 0.15, score: 2.27 }
 */
export function boundaryEvidence(utterances: readonly Utterance[]): BoundaryEvidence[] {
  const gaps = utterances.map((u, i) => (i === 0 ? 0 : Math.max(0, u.start - utterances[i - 1]!.end)));
  const ordinary = Math.max(MIN_MEANINGFUL_PAUSE_SEC, ORDINARY_PAUSE_FACTOR * median(gaps.slice(1)));
  const depths = cohesionDepths(utterances);
  let currentPart: PartKind | null = null;
  return utterances.map((u, i) => {
    const transition = transitionIn(u.text);
    const inPractice = currentPart === 'practice';
    if (transition?.kind && transition.strength >= PART_OPENING_STRENGTH) currentPart = transition.kind;
    if (i === 0) return { pause: 0, transition, cohesion: 0, score: 0 };
    const silence = Math.min(1, Math.max(0, (gaps[i]! - ordinary) / FULL_PAUSE_EXCESS_SEC));
    const afterTask = setsTask(utterances[i - 1]!.text);
    const pause = afterTask ? TASK_PAUSE_FACTOR * silence : silence;
    const discount =
      (afterTask && transition?.kind === null ? TASK_PAUSE_FACTOR : 1) * (inPractice && transition?.itemHeading ? PRACTICE_ITEM_FACTOR : 1);
    const said = (transition?.strength ?? 0) * discount;
    const cohesion = depths[i]!;
    return { pause, transition, cohesion, score: pause + said + COHESION_WEIGHT * cohesion };
  });
}
