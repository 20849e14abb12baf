import { cosine, countTerms } from '../../text/term-vectors.js';
import type { Utterance } from './utterances.js';

/**
 * TextTiling-style lexical cohesion (Hearst 1997): compare the terms said in
 * the window before each utterance with the window after it; where the
 * similarity dips deeper than its surroundings, the topic changed.
 */

/** Seconds of speech on each side: about one short explanation, so a dip means more than one sentence's detour. */
const WINDOW_SEC = 40;
/** Fewer utterances than this make a window too thin to compare. */
const MIN_WINDOW_UTTERANCES = 2;

function windowTerms(utterances: readonly Utterance[], from: number, step: 1 | -1): Map<string, number> {
  const anchor = utterances[from]!.start;
  const lists: string[][] = [];
  for (let j = step === 1 ? from : from - 1; j >= 0 && j < utterances.length; j += step) {
    const u = utterances[j]!;
    const far = step === 1 ? u.start - anchor > WINDOW_SEC : anchor - u.start > WINDOW_SEC;
    if (far && lists.length >= MIN_WINDOW_UTTERANCES) break;
    lists.push(u.terms);
  }
  return countTerms(lists);
}

/** Averages each value with its neighbours, so one odd utterance does not make a dip. */
function smooth(values: readonly number[]): number[] {
  return values.map((_, i) => {
    const near = values.slice(Math.max(0, i - 1), i + 2);
    return near.reduce((s, x) => s + x, 0) / near.length;
  });
}

/**
 * For each utterance, how strongly the topic changes just before it: 0 (no
 * change) to 1 (the deepest dip of this video). Index 0 is always 0.
 *
 * @example
 * cohesionDepths(toUtterances(cues))[12] // 0.8 → the words before and after utterance 12 differ
 */
export function cohesionDepths(utterances: readonly Utterance[]): number[] {
  const n = utterances.length;
  if (n < 3) return new Array<number>(n).fill(0);
  const raw: (number | null)[] = [null];
  for (let i = 1; i < n; i++) raw.push(cosine(windowTerms(utterances, i, -1), windowTerms(utterances, i, 1)));
  const known = raw.filter((x): x is number => x !== null);
  // Windows with no subject terms give no evidence: treat them as average cohesion, not as a dip.
  const neutral = known.length > 0 ? known.reduce((s, x) => s + x, 0) / known.length : 1;
  const sims = smooth(raw.map((x) => x ?? neutral));

  const depths = sims.map((sim, i) => {
    if (i === 0) return 0;
    let left = sim;
    for (let j = i - 1; j >= 1 && sims[j]! >= left; j--) left = sims[j]!;
    let right = sim;
    for (let j = i + 1; j < n && sims[j]! >= right; j++) right = sims[j]!;
    return left - sim + (right - sim);
  });
  const deepest = Math.max(...depths);
  return deepest > 0 ? depths.map((d) => d / deepest) : depths;
}
