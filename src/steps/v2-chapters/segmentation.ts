/**
 * Picks chapter starts among candidate moments so that the evidence at the
 * chosen moments is as strong as possible while every chapter keeps a length
 * a teacher can use: long enough to be worth pressing play (≥ 45 s, never
 * < 20 s), short enough to stay one idea (≤ 5 min). Solved exactly by dynamic
 * programming, so the answer does not depend on the order candidates are seen.
 */

/**
 * Chapters shorter than this are never made. It is below the 45 s a chapter
 * should have because a clearly announced short part ("首先是第一问" … "接着我们看第二问",
 * 27 s) is still a part a teacher wants to find.
 */
const HARD_MIN_SEC = 20;
/** Between the hard minimum and this, a chapter pays a growing penalty (up to 0.5 at the hard minimum). */
const SOFT_MIN_SEC = 45;
/** Beyond this a chapter pays per extra minute; soft so a long unbroken explanation still segments. */
const SOFT_MAX_SEC = 300;
/** What a boundary must be worth to be taken: a bare "接下来" (0.7) qualifies, a vocabulary dip alone (≤ 0.5) does not. */
const BOUNDARY_COST = 0.6;
/** A 12-minute video gets at most 8 chapters; a 90-second clip one. */
const SEC_PER_CHAPTER_AT_MOST = 90;

function lengthPenalty(length: number): number {
  if (length < HARD_MIN_SEC) return Number.NEGATIVE_INFINITY;
  if (length < SOFT_MIN_SEC) return (-0.5 * (SOFT_MIN_SEC - length)) / (SOFT_MIN_SEC - HARD_MIN_SEC);
  if (length > SOFT_MAX_SEC) return (-1 * (length - SOFT_MAX_SEC)) / 60;
  return 0;
}

/**
 * Indices of the candidates where chapters start (besides the video's start).
 * `times[i]` is when candidate i begins, ascending; `scores[i]` its evidence.
 *
 * @example
 * chooseBoundaries([0, 40, 95, 150], [0, 0.2, 1.9, 0.3], 200) // [2]
 */
export function chooseBoundaries(times: readonly number[], scores: readonly number[], durationSec: number): number[] {
  const maxChapters = Math.max(1, Math.ceil(durationSec / SEC_PER_CHAPTER_AT_MOST));
  // Position 0 is the video's start; candidates too near either end can never start a chapter.
  const candidates = times.map((t, i) => ({ t, i })).filter(({ t, i }) => i > 0 && t >= HARD_MIN_SEC && durationSec - t >= HARD_MIN_SEC);
  const points = [{ t: 0, i: 0 }, ...candidates];
  const gain = points.map(({ i }) => (i === 0 ? 0 : scores[i]! - BOUNDARY_COST));

  // best[k][p]: best value of chapters 1..k where chapter k starts at point p; from[k][p] its predecessor.
  const best: number[][] = [points.map((_, p) => (p === 0 ? 0 : Number.NEGATIVE_INFINITY))];
  const from: number[][] = [points.map(() => -1)];
  for (let k = 1; k < maxChapters; k++) {
    const row = points.map(() => Number.NEGATIVE_INFINITY);
    const back = points.map(() => -1);
    for (let p = 1; p < points.length; p++) {
      for (let q = 0; q < p; q++) {
        const prev = best[k - 1]![q]!;
        if (prev === Number.NEGATIVE_INFINITY) continue;
        const value = prev + gain[p]! + lengthPenalty(points[p]!.t - points[q]!.t);
        if (value > row[p]!) {
          row[p] = value;
          back[p] = q;
        }
      }
    }
    best.push(row);
    from.push(back);
  }

  // Close the last chapter at the video's end. One chapter for the whole video is always allowed
  // (however short), but it pays for being too long like any other chapter.
  let bestValue = durationSec > SOFT_MAX_SEC ? lengthPenalty(durationSec) : 0;
  let bestEnd = { k: 0, p: 0 };
  for (let k = 1; k < best.length; k++) {
    for (let p = 1; p < points.length; p++) {
      const value = best[k]![p]! + lengthPenalty(durationSec - points[p]!.t);
      if (value > bestValue) {
        bestValue = value;
        bestEnd = { k, p };
      }
    }
  }
  const chosen: number[] = [];
  for (let { k, p } = bestEnd; k > 0; p = from[k]![p]!, k--) chosen.push(points[p]!.i);
  return chosen.reverse();
}
