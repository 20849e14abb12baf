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

/**
 * The term counts of the two windows around a moment, kept up to date as
 * utterances enter and leave them, with Σ count² of each and their dot
 * product maintained on every change. Each utterance enters and leaves each
 * window once, so all windows of a video cost one pass instead of one pass
 * per utterance. The sums are of integers, so the cosine is exactly the one
 * `cosine` computes from the counts.
 */
class WindowPair {
  private readonly counts = [new Map<string, number>(), new Map<string, number>()] as const;
  private readonly squares = [0, 0];
  private dot = 0;

  /** Adds (delta 1) or removes (delta -1) an utterance's distinct terms to window 0 (before) or 1 (after). */
  change(side: 0 | 1, terms: readonly string[], delta: 1 | -1): void {
    const mine = this.counts[side];
    const theirs = this.counts[1 - side]!;
    for (const term of terms) {
      const before = mine.get(term) ?? 0;
      const after = before + delta;
      if (after === 0) mine.delete(term);
      else mine.set(term, after);
      this.squares[side]! += after * after - before * before;
      this.dot += delta * (theirs.get(term) ?? 0);
    }
  }

  /** Null when either window has no terms: no evidence either way. */
  cosine(): number | null {
    const [a, b] = this.squares as [number, number];
    if (a === 0 || b === 0) return null;
    return this.dot / (Math.sqrt(a) * Math.sqrt(b));
  }
}

/**
 * Similarity of the terms said in the window before each utterance and the
 * window after it. A window holds the utterances within WINDOW_SEC of the
 * anchor utterance's start, and at least MIN_WINDOW_UTTERANCES of them.
 */
function windowSimilarities(utterances: readonly Utterance[]): (number | null)[] {
  const n = utterances.length;
  const terms = utterances.map((u) => [...new Set(u.terms)]);
  const windows = new WindowPair();
  // Windows [lo, i) and [i, hi]; both ends only move forward as i does.
  let lo = 0;
  let hi = -1;
  const raw: (number | null)[] = [null];
  for (let i = 1; i < n; i++) {
    const anchor = utterances[i]!.start;
    // Utterance i-1 leaves the window after i and enters the one before it.
    if (hi >= i - 1) windows.change(1, terms[i - 1]!, -1);
    else hi = i - 1;
    windows.change(0, terms[i - 1]!, 1);
    while (lo < i - MIN_WINDOW_UTTERANCES && anchor - utterances[lo]!.start > WINDOW_SEC) windows.change(0, terms[lo++]!, -1);
    while (hi + 1 < n && (hi + 1 < i + MIN_WINDOW_UTTERANCES || utterances[hi + 1]!.start - anchor <= WINDOW_SEC))
      windows.change(1, terms[++hi]!, 1);
    raw.push(windows.cosine());
  }
  return raw;
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
  const raw = windowSimilarities(utterances);
  const known = raw.filter((x): x is number => x !== null);
  // Windows with no subject terms give no evidence: treat them as average cohesion, not as a dip.
  const neutral = known.length > 0 ? known.reduce((s, x) => s + x, 0) / known.length : 1;
  const sims = smooth(raw.map((x) => x ?? neutral));

  // The top of the climb on each side of a dip: the nearest peak reached by walking uphill from it.
  // Each is its neighbour's peak when the neighbour is at least as high, so two passes find them all.
  const leftPeak = sims.slice();
  for (let i = 2; i < n; i++) if (sims[i - 1]! >= sims[i]!) leftPeak[i] = leftPeak[i - 1]!;
  const rightPeak = sims.slice();
  for (let i = n - 2; i >= 1; i--) if (sims[i + 1]! >= sims[i]!) rightPeak[i] = rightPeak[i + 1]!;
  const depths = sims.map((sim, i) => (i === 0 ? 0 : leftPeak[i]! - sim + (rightPeak[i]! - sim)));
  const deepest = depths.reduce((most, d) => Math.max(most, d), 0);
  return deepest > 0 ? depths.map((d) => d / deepest) : depths;
}
