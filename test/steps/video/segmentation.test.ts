import { describe, expect, it } from 'vitest';
import { cohesionDepths } from '../../../src/steps/v2-chapters/cohesion.js';
import { chooseBoundaries } from '../../../src/steps/v2-chapters/segmentation.js';
import { type Utterance, utterancesIn } from '../../../src/steps/v2-chapters/utterances.js';
import { cosine, countTerms } from '../../../src/text/term-vectors.js';

/**
 * The linear-time V2 algorithms against the plain definitions they replace,
 * written here as slow, obvious oracles: every pair of points for the
 * chapters, every window scanned afresh for the cohesion.
 */

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function lengthPenalty(length: number): number {
  if (length < 20) return Number.NEGATIVE_INFINITY;
  if (length < 45) return (-0.5 * (45 - length)) / 25;
  if (length > 300) return -(length - 300) / 60;
  return 0;
}

/** The value of a choice of chapter starts, as the segmentation scores it. */
function scoreOf(times: number[], scores: number[], duration: number, starts: number[]): number {
  let value = 0;
  let previous = 0;
  for (const i of starts) {
    value += scores[i]! - 0.6 + lengthPenalty(times[i]! - previous);
    previous = times[i]!;
  }
  return starts.length === 0 && duration <= 300 ? 0 : value + lengthPenalty(duration - previous);
}

/** The best value with at most `cap` boundaries, by trying every predecessor at every layer. */
function bestValue(times: number[], scores: number[], duration: number): number {
  const cap = Math.max(1, Math.ceil(duration / 90)) - 1;
  const points = [0, ...times.map((t, i) => ({ t, i })).filter(({ t, i }) => i > 0 && t >= 20 && duration - t >= 20)].map((p) =>
    typeof p === 'number' ? { t: 0, i: 0 } : p,
  );
  let layer = points.map((_, p) => (p === 0 ? 0 : Number.NEGATIVE_INFINITY));
  let best = duration > 300 ? lengthPenalty(duration) : 0;
  for (let k = 1; k <= cap; k++) {
    layer = points.map((point, p) => {
      let value = Number.NEGATIVE_INFINITY;
      for (let q = 0; q < p; q++) value = Math.max(value, layer[q]! + scores[point.i]! - 0.6 + lengthPenalty(point.t - points[q]!.t));
      return p === 0 ? Number.NEGATIVE_INFINITY : value;
    });
    for (let p = 1; p < points.length; p++) best = Math.max(best, layer[p]! + lengthPenalty(duration - points[p]!.t));
  }
  return best;
}

function randomCase(next: () => number, size: number) {
  const times = [0];
  for (let i = 1; i < size; i++) times.push(times[i - 1]! + (next() < 0.15 ? 0 : Math.round(next() * 600) / 10));
  const scores = times.map(() => (next() < 0.3 ? [0, 0.6, 0.7, 0.9, 1.2][Math.floor(next() * 5)]! : Math.round(next() * 20) / 10));
  return { times, scores, duration: times.at(-1)! + Math.round(next() * 100) };
}

describe('chooseBoundaries', () => {
  it('finds the best chapters, within the cap, on 500 random videos', () => {
    const next = random(42);
    for (let trial = 0; trial < 500; trial++) {
      const { times, scores, duration } = randomCase(next, 2 + Math.floor(next() * 40));
      const starts = chooseBoundaries(times, scores, duration);
      expect(starts.length).toBeLessThanOrEqual(Math.max(1, Math.ceil(duration / 90)) - 1);
      expect(scoreOf(times, scores, duration, starts)).toBeCloseTo(bestValue(times, scores, duration), 9);
    }
  });

  it('meets the cap with chapters a teacher can use on a recording too long for the exact layers', () => {
    const next = random(7);
    // 10,000 candidates over 12.5 hours, strong evidence everywhere: without the cap it would cut every 20 s.
    const times = Array.from({ length: 10_000 }, (_, i) => i * 4.5);
    const scores = times.map(() => 1 + next());
    const duration = 45_000;
    const starts = chooseBoundaries(times, scores, duration);
    expect(starts.length).toBeLessThanOrEqual(500 - 1);
    expect(starts.length).toBeGreaterThan(400);
    const edges = [0, ...starts.map((i) => times[i]!), duration];
    for (let i = 1; i < edges.length; i++) expect(edges[i]! - edges[i - 1]!).toBeGreaterThanOrEqual(20);
  });
});

describe('cohesionDepths', () => {
  const vocabulary = ['周长', '长方形', '正方形', '面积', '花坛', '厘米', '公式', '边长', '图形', '测量'];

  /** The definition: for each utterance, the windows before and after it counted afresh. */
  function windowTerms(utterances: Utterance[], from: number, step: 1 | -1): Map<string, number> {
    const anchor = utterances[from]!.start;
    const lists: string[][] = [];
    for (let j = step === 1 ? from : from - 1; j >= 0 && j < utterances.length; j += step) {
      const far = Math.abs(utterances[j]!.start - anchor) > 40;
      if (far && lists.length >= 2) break;
      lists.push(utterances[j]!.terms);
    }
    return countTerms(lists);
  }

  function naiveDepths(utterances: Utterance[]): number[] {
    const n = utterances.length;
    if (n < 3) return new Array<number>(n).fill(0);
    const raw = utterances.map((_, i) => (i === 0 ? null : cosine(windowTerms(utterances, i, -1), windowTerms(utterances, i, 1))));
    const known = raw.filter((x): x is number => x !== null);
    const neutral = known.length > 0 ? known.reduce((s, x) => s + x, 0) / known.length : 1;
    const filled = raw.map((x) => x ?? neutral);
    const sims = filled.map((_, i) => {
      const near = filled.slice(Math.max(0, i - 1), i + 2);
      return near.reduce((s, x) => s + x, 0) / near.length;
    });
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

  it('equals windows counted afresh at every utterance, on 300 random transcripts', () => {
    const next = random(3);
    for (let trial = 0; trial < 300; trial++) {
      let t = 0;
      const utterances = Array.from({ length: Math.floor(next() * 120) }, () => {
        t += next() < 0.2 ? 0 : next() * 15;
        const terms = new Set(Array.from({ length: Math.floor(next() * 4) }, () => vocabulary[Math.floor(next() * vocabulary.length)]!));
        return { start: t, end: t + 2, text: '…', question: false, terms: [...terms] };
      });
      expect(cohesionDepths(utterances)).toEqual(naiveDepths(utterances));
    }
  });
});

describe('utterancesIn', () => {
  it('finds the utterances starting in a span, equal starts included', () => {
    const utterances = [0, 5, 5, 9, 12, 12, 20].map((start) => ({ start, end: start + 1, text: '…', question: false, terms: [] }));
    expect(utterancesIn(utterances, 5, 12).map((u) => u.start)).toEqual([5, 5, 9]);
    expect(utterancesIn(utterances, 12, Number.POSITIVE_INFINITY).map((u) => u.start)).toEqual([12, 12, 20]);
    expect(utterancesIn(utterances, 21, 30)).toEqual([]);
  });
});
