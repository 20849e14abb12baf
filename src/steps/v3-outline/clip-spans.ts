import type { Utterance } from '../v2-chapters/utterances.js';
import type { ChapterView } from './chapter-views.js';

/**
 * From "chapter j serves step k" to the spans actually played: adjacent
 * chapters of one step become one clip, a step never gets more video than
 * its minutes, and a clip never runs longer than a class can watch in one go.
 */

/** About as long as a class watches without a pause for talk. */
const MAX_CLIP_SEC = 360;
/** Less than this left of a step's time is not worth pressing play for. */
const MIN_CLIP_SEC = 20;

export interface ClipSpan {
  videoId: string;
  start: number;
  end: number;
  step: number;
  chapters: ChapterView[];
  /** The chapter that scored best for the step: it decides the clip's purpose. */
  best: ChapterView;
}

export interface UnusedSpan {
  videoId: string;
  start: number;
  end: number;
  reason: string;
}

/**
 * The stretch of `chapter` of at most `limit` seconds that says most of
 * `terms`, starting and ending at sentence boundaries.
 */
function bestWindow(chapter: ChapterView, limit: number, terms: readonly string[]): { start: number; end: number } {
  const said = chapter.utterances.filter((u) => u.start < chapter.end);
  if (said.length === 0) return { start: chapter.start, end: Math.min(chapter.end, chapter.start + limit) };
  // Every sentence counts a little, so among equally topical windows the fuller one wins.
  const weight = (u: Utterance) => 0.1 + terms.filter((t) => u.text.includes(t)).length;
  let best = { start: said[0]!.start, end: Math.min(chapter.end, said[0]!.start + limit), score: -1 };
  for (let i = 0; i < said.length; i++) {
    let score = 0;
    for (let j = i; j < said.length; j++) {
      const end = Math.min(chapter.end, said[j + 1]?.start ?? chapter.end);
      if (end - said[i]!.start > limit) break;
      score += weight(said[j]!);
      if (score > best.score) best = { start: said[i]!.start, end, score };
    }
  }
  return { start: best.start, end: best.end };
}

/** The parts of [start, end) not covered by `used` (sorted, inside it). */
function leftovers(start: number, end: number, used: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let at = start;
  for (const u of [...used].sort((a, b) => a.start - b.start)) {
    if (u.start > at) out.push({ start: at, end: u.start });
    at = Math.max(at, u.end);
  }
  if (end > at) out.push({ start: at, end });
  return out.filter((s) => s.end - s.start >= 1);
}

export interface StepPlan {
  name: string;
  minutes: number;
  /** Terms that make a sentence relevant to this step (the lesson's and the step's own). */
  terms: string[];
}

/**
 * Clip spans of one video's step assignment. `remaining` holds each step's
 * unused seconds across all videos and is reduced by what this video uses.
 *
 * @example
 * buildSpans(views, [0, 1, 1, 2, 3, 4], (v, k) => scores[v.index][k], steps, remaining)
 * // { clips: [{ step: 0, start: 0, end: 91.6, … }, { step: 1, start: 91.6, end: 364.9, chapters: [c1, c2], … }, …],
 * //   unused: [] } — with 探究新知 cut to 2 minutes: [{ reason: '超出「探究新知」环节时长（2 分钟），只保留了最相关的部分', … }]
 */
export function buildSpans(
  views: readonly ChapterView[],
  assignment: readonly (number | null)[],
  scoreOf: (view: ChapterView, step: number) => number,
  steps: readonly StepPlan[],
  remaining: number[],
): { clips: ClipSpan[]; unused: UnusedSpan[] } {
  const clips: ClipSpan[] = [];
  const unused: UnusedSpan[] = [];
  const overBudget = (step: number) => `超出「${steps[step]!.name}」环节时长（${steps[step]!.minutes} 分钟）`;

  const byStep = new Map<number, ChapterView[]>();
  views.forEach((view, j) => {
    const step = assignment[j];
    if (step === null || step === undefined) return;
    byStep.set(step, [...(byStep.get(step) ?? []), view]);
  });

  for (const [step, assigned] of byStep) {
    const terms = steps[step]!.terms;
    let budget = remaining[step]!;
    const reasons = new Map<ChapterView, string>();
    // Keep the most relevant chapters that fit the step's time; if even the best does not fit, play its best part.
    const ranked = [...assigned].sort((a, b) => scoreOf(b, step) - scoreOf(a, step) || a.start - b.start);
    const pieces: { view: ChapterView; start: number; end: number }[] = [];
    for (const view of ranked) {
      const tooLong = view.end - view.start > MAX_CLIP_SEC;
      const whole = tooLong ? bestWindow(view, MAX_CLIP_SEC, terms) : { start: view.start, end: view.end };
      if (whole.end - whole.start <= budget) {
        pieces.push({ view, ...whole });
        budget -= whole.end - whole.start;
        reasons.set(view, tooLong ? `片段超过 ${MAX_CLIP_SEC / 60} 分钟，只保留了最相关的部分` : '');
      } else if (pieces.length === 0 && budget >= MIN_CLIP_SEC) {
        const window = bestWindow(view, Math.min(budget, MAX_CLIP_SEC), terms);
        pieces.push({ view, ...window });
        budget -= window.end - window.start;
        reasons.set(view, `${overBudget(step)}，只保留了最相关的部分`);
      } else {
        reasons.set(view, overBudget(step));
      }
    }
    remaining[step] = budget;

    // Merge pieces that touch (adjacent chapters) while the clip stays watchable in one go.
    let current: ClipSpan | null = null;
    for (const piece of pieces.sort((a, b) => a.start - b.start)) {
      if (current && Math.abs(current.end - piece.start) < 0.5 && piece.end - current.start <= MAX_CLIP_SEC) {
        current.end = piece.end;
        current.chapters.push(piece.view);
        if (scoreOf(piece.view, step) > scoreOf(current.best, step)) current.best = piece.view;
      } else {
        current = { videoId: piece.view.videoId, start: piece.start, end: piece.end, step, chapters: [piece.view], best: piece.view };
        clips.push(current);
      }
    }

    for (const piece of pieces) {
      for (const rest of leftovers(piece.view.start, piece.view.end, [piece])) {
        unused.push({ videoId: piece.view.videoId, ...rest, reason: reasons.get(piece.view)! });
      }
    }
    for (const view of assigned) {
      if (!pieces.some((p) => p.view === view))
        unused.push({ videoId: view.videoId, start: view.start, end: view.end, reason: reasons.get(view)! });
    }
  }
  return { clips: clips.sort((a, b) => a.start - b.start), unused };
}
