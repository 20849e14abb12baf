/**
 * Picks chapter starts among candidate moments so that the evidence at the
 * chosen moments is as strong as possible while every chapter keeps a length
 * a teacher can use: long enough to be worth pressing play (≥ 45 s, never
 * < 20 s), short enough to stay one idea (≤ 5 min). Solved exactly by dynamic
 * programming, so the answer does not depend on the order candidates are seen,
 * in time linear in the number of candidates: a subtitle file of 100,000 cues
 * is chaptered in seconds, not hours.
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

/** The slope of the penalty between the hard and the soft minimum, per second. */
const SHORT_SLOPE = 0.5 / (SOFT_MIN_SEC - HARD_MIN_SEC);

/**
 * For each point, the best chapters ending with a chapter that starts there:
 * their value, how many boundaries they take, and the point before. Typed
 * arrays, because a long recording has a hundred thousand points and a priced
 * search relaxes them dozens of times.
 */
interface Layer {
  value: Float64Array;
  count: Int32Array;
  from: Int32Array;
}

function emptyLayer(size: number): Layer {
  return { value: new Float64Array(size).fill(Number.NEGATIVE_INFINITY), count: new Int32Array(size), from: new Int32Array(size).fill(-1) };
}

/**
 * The best predecessor among points in a window that slides forward, ranked by
 * `key` (the value up to the point, shifted by a term linear in its time, so the
 * ranking inside the window does not depend on the point being solved), then by
 * fewer boundaries. The front is the best, the earliest among equals.
 */
class SlidingBest {
  private readonly queue: Int32Array;
  private head = 0;
  private tail = 0;

  constructor(
    size: number,
    private readonly key: (q: number) => number,
    private readonly count: Int32Array,
  ) {
    this.queue = new Int32Array(size);
  }

  push(q: number): void {
    const key = this.key(q);
    while (this.tail > this.head) {
      const last = this.queue[this.tail - 1]!;
      const lastKey = this.key(last);
      if (lastKey > key || (lastKey === key && this.count[last]! <= this.count[q]!)) break;
      this.tail--;
    }
    this.queue[this.tail++] = q;
  }

  /** Drops points before `first`, which have left the window; -1 when none is left. */
  front(first: number): number {
    while (this.head < this.tail && this.queue[this.head]! < first) this.head++;
    return this.head < this.tail ? this.queue[this.head]! : -1;
  }
}

/**
 * One relaxation over all points. The penalty of a chapter is linear in its
 * length on each of its three ranges (20–45 s, 45–300 s, > 300 s), so the best
 * predecessor in each range is the front of a window that slides forward as
 * the points do: one pass, linear in the number of points.
 *
 * With `previous`, predecessors come from that layer (the chapters have
 * exactly one boundary more than there); without it, from this pass itself
 * (any number of boundaries, each costing `price` on top).
 */
function relax(times: Float64Array, gain: Float64Array, price: number, previous: Layer | null): Layer {
  const size = times.length;
  const layer = emptyLayer(size);
  if (!previous) layer.value[0] = 0;
  const from = previous ?? layer;
  const value = from.value;
  // Chapters over SOFT_MAX_SEC pay (length − SOFT_MAX_SEC)/60, so rank their starts by value + t/60;
  // between the minima the penalty rises with the start's time, so rank by value − slope·t.
  const longKey = (q: number) => value[q]! + times[q]! / 60;
  let longest = -1;
  const plain = new SlidingBest(size, (q) => value[q]!, from.count);
  const short = new SlidingBest(size, (q) => value[q]! - SHORT_SLOPE * times[q]!, from.count);
  let toLong = 0;
  let toPlain = 0;
  let toShort = 0;
  for (let p = 1; p < size; p++) {
    const t = times[p]!;
    // As p moves on, earlier points become possible starts of a short, then a plain, then a long chapter ending at p.
    for (; toShort < p && t - times[toShort]! >= HARD_MIN_SEC; toShort++)
      if (value[toShort]! > Number.NEGATIVE_INFINITY) short.push(toShort);
    for (; toPlain < toShort && t - times[toPlain]! >= SOFT_MIN_SEC; toPlain++)
      if (value[toPlain]! > Number.NEGATIVE_INFINITY) plain.push(toPlain);
    for (; toLong < toPlain && t - times[toLong]! > SOFT_MAX_SEC; toLong++) {
      if (value[toLong]! === Number.NEGATIVE_INFINITY) continue;
      const key = longKey(toLong);
      const best = longest < 0 ? Number.NEGATIVE_INFINITY : longKey(longest);
      if (longest < 0 || key > best || (key === best && from.count[toLong]! < from.count[longest]!)) longest = toLong;
    }
    // The three ranges hold earlier to later points, so keeping the first of equals keeps the earliest.
    for (const q of [longest, plain.front(toLong), short.front(toPlain)]) {
      if (q < 0) continue;
      const candidate = value[q]! + (gain[p]! - price) + lengthPenalty(t - times[q]!);
      const count = from.count[q]! + 1;
      if (candidate > layer.value[p]! || (candidate === layer.value[p]! && count < layer.count[p]!)) {
        layer.value[p] = candidate;
        layer.count[p] = count;
        layer.from[p] = q;
      }
    }
  }
  return layer;
}

/** Where the last chapter of a layer best ends at the video's end, if anywhere better than `than`. */
function close(times: Float64Array, layer: Layer, durationSec: number, than: { value: number; count: number }) {
  let end: { value: number; count: number; p: number } | null = null;
  for (let p = 1; p < times.length; p++) {
    const value = layer.value[p]! + lengthPenalty(durationSec - times[p]!);
    const count = layer.count[p]!;
    const current: { value: number; count: number } = end ?? than;
    if (value > current.value || (value === current.value && count < current.count)) end = { value, count, p };
  }
  return end;
}

/** The chosen points, first to last, following `from` back through the layers (one layer: a single pass). */
function trace(layers: readonly Layer[], last: number): number[] {
  const chosen: number[] = [];
  for (let p = last, k = layers.length - 1; p > 0; p = layers[k]!.from[p]!, k = Math.max(0, k - 1)) chosen.push(p);
  return chosen.reverse();
}

/** Above this many (layer × point) cells, the exact capped solution gives way to the priced one. */
const LAYERED_CELLS_AT_MOST = 4_000_000;
/** Halvings of the price interval: far finer than any difference between two boundaries' evidence. */
const PRICE_SEARCH_STEPS = 30;

/**
 * Indices of the candidates where chapters start (besides the video's start).
 * `times[i]` is when candidate i begins, ascending; `scores[i]` its evidence.
 *
 * A video gets at most one chapter per SEC_PER_CHAPTER_AT_MOST. When the best
 * chapters without that cap would be more, the cap is met exactly, one layer
 * per number of boundaries; for input so long or dense that the layers would
 * cost too much, every boundary is given a price instead, raised until the cap is met.
 *
 * @example
 * chooseBoundaries([0, 40, 95, 150], [0, 0.2, 1.9, 0.3], 200) // [2]
 */
export function chooseBoundaries(times: readonly number[], scores: readonly number[], durationSec: number): number[] {
  const maxBoundaries = Math.max(1, Math.ceil(durationSec / SEC_PER_CHAPTER_AT_MOST)) - 1;
  // Point 0 is the video's start; candidates too near either end can never start a chapter.
  const candidates = times.map((t, i) => ({ t, i })).filter(({ t, i }) => i > 0 && t >= HARD_MIN_SEC && durationSec - t >= HARD_MIN_SEC);
  const points = [{ t: 0, i: 0 }, ...candidates];
  const at = Float64Array.from(points, (point) => point.t);
  const gain = Float64Array.from(points, ({ i }) => (i === 0 ? 0 : scores[i]! - BOUNDARY_COST));
  // One chapter for the whole video is always allowed (however short), but it pays for being too long like any other.
  const whole = { value: durationSec > SOFT_MAX_SEC ? lengthPenalty(durationSec) : 0, count: 0 };
  const indices = (chosen: number[]) => chosen.map((p) => points[p]!.i);

  const priced = (price: number) => {
    const layer = relax(at, gain, price, null);
    const end = close(at, layer, durationSec, whole);
    return { count: end?.count ?? 0, chosen: end ? trace([layer], end.p) : [] };
  };
  const free = priced(0);
  if (free.count <= maxBoundaries) return indices(free.chosen);

  if (maxBoundaries * points.length <= LAYERED_CELLS_AT_MOST) {
    // Layer k: chapters with exactly k boundaries. Among equal values the fewest boundaries win.
    const start = emptyLayer(points.length);
    start.value[0] = 0;
    const layers = [start];
    let end: { layer: number; p: number; value: number; count: number } | null = null;
    for (let k = 1; k <= maxBoundaries; k++) {
      layers.push(relax(at, gain, 0, layers[k - 1]!));
      const closed = close(at, layers[k]!, durationSec, end ?? whole);
      if (closed) end = { ...closed, layer: k };
    }
    return end ? indices(trace(layers.slice(0, end.layer + 1), end.p)) : [];
  }

  // Boundaries become fewer as their price rises: find a price that meets the cap, then close in on the lowest one.
  let low = 0;
  let high = 1;
  while (priced(high).count > maxBoundaries) high *= 2;
  for (let i = 0; i < PRICE_SEARCH_STEPS; i++) {
    const middle = (low + high) / 2;
    if (priced(middle).count > maxBoundaries) low = middle;
    else high = middle;
  }
  return indices(priced(high).chosen);
}
