import type { LessonPlan, StepRole } from '../../domain/lesson-plan.js';
import { keyTerms, termOverlap } from '../../text/keywords.js';
import type { ChapterView } from './chapter-views.js';
import { affinity } from './role-affinity.js';

/** What alignment needs to know about the plan, computed once. */
export interface LessonContext {
  plan: LessonPlan;
  /** Each step's role, as the plan states it. */
  stepRoles: StepRole[];
  /** Name + 教师活动 + 学生活动 of each step: what the step is about in words. */
  stepTexts: string[];
  /** Where each step sits in the period, 0–1 (its midpoint). */
  stepPositions: number[];
  /** The lesson's own subject terms (课题, 重点, 目标), most important first. */
  lessonTerms: string[];
  /** The ones from the 课题 and 教学重点: a chapter that says none of them is about something else. */
  coreTerms: string[];
}

/** A chapter that names this many of the lesson's core terms is fully on topic (other terms count half). */
const ON_TOPIC_HITS = 2;
const OTHER_TERM_WEIGHT = 0.5;
/** A chapter must score this against a step to be worth class time. */
export const USE_THRESHOLD = 0.45;
const LEXICAL_WEIGHT = 0.5;
/** Small: a 10-minute video compresses a 40-minute lesson unevenly, so its order is only a hint. */
const POSITION_WEIGHT = 0.1;
/** Kind affinity counts fully only for on-topic chapters: a well-formed 导入 about another lesson is no 导入 for this one. */
const OFF_TOPIC_AFFINITY = 0.3;

export function lessonContext(plan: LessonPlan): LessonContext {
  const total = plan.process.reduce((s, p) => s + p.minutes, 0);
  let elapsed = 0;
  const stepPositions = plan.process.map((p) => {
    const mid = (elapsed + p.minutes / 2) / total;
    elapsed += p.minutes;
    return mid;
  });
  const core = [{ text: plan.title.text, weight: 3 }, ...plan.keyPoints.map((k) => ({ text: k.text, weight: 2 }))];
  const lessonTerms = keyTerms(
    [
      ...core,
      ...plan.difficultPoints.map((k) => ({ text: k.text, weight: 1 })),
      // An objective's behaviour verb (说出, 运用…) is about the student, not the topic.
      ...plan.objectives.map((o) => ({ text: o.text.replaceAll(o.verb, ' '), weight: 1 })),
    ],
    10,
  );
  return {
    plan,
    stepRoles: plan.process.map((p) => p.role),
    stepTexts: plan.process.map((p) => `${p.name}。${p.teacherActivity.text}${p.studentActivity.text}`),
    stepPositions,
    lessonTerms,
    coreTerms: keyTerms(core, 6),
  };
}

/**
 * 0–1: how much of the lesson's vocabulary the chapter uses. Zero unless it
 * says a core term or at least two others: one shared generic word ("物体",
 * "表示") does not put a video about another lesson on topic.
 */
export function topicality(chapter: ChapterView, context: LessonContext): number {
  const said = (t: string) => chapter.text.includes(t);
  const coreHits = context.coreTerms.filter(said).length;
  const otherHits = context.lessonTerms.filter((t) => !context.coreTerms.includes(t) && said(t)).length;
  if (coreHits === 0 && otherHits < 2) return 0;
  return Math.min(1, (coreHits + OTHER_TERM_WEIGHT * otherHits) / ON_TOPIC_HITS);
}

/** A video on this lesson says at least this many of its core terms somewhere (fewer if the plan has fewer). */
const VIDEO_CORE_HITS = 2;

/**
 * Whether a video is about this lesson at all. A chapter-level check alone is
 * fooled by coincidence: a linear-algebra video says 正方形 (the unit square)
 * and 计算, but never 周长.
 */
export function videoOnTopic(views: readonly ChapterView[], context: LessonContext): boolean {
  const said = context.coreTerms.filter((t) => views.some((v) => v.text.includes(t))).length;
  return said >= Math.min(VIDEO_CORE_HITS, context.coreTerms.length);
}

/**
 * How well a chapter serves a step: the kind of part against the step's role
 * (weighted by how on-topic the chapter is), the words they share, and a
 * small prior that the video runs in the same order as the class.
 */
export function chapterStepScore(chapter: ChapterView, step: number, context: LessonContext, durationSec: number): number {
  const role = context.stepRoles[step]!;
  if (chapter.kind === 'outro' || role === 'homework') return 0;
  const onTopic = topicality(chapter, context);
  if (onTopic === 0) return 0;
  const fit = affinity(chapter.kind, role) * (OFF_TOPIC_AFFINITY + (1 - OFF_TOPIC_AFFINITY) * onTopic);
  // Both directions: how much of the step the chapter covers, and whether the chapter's own main terms are the step's.
  const stepText = context.stepTexts[step]!;
  const covered = termOverlap(chapter.text, stepText);
  const own = chapter.topTerms.length > 0 ? chapter.topTerms.filter((t) => stepText.includes(t)).length / chapter.topTerms.length : 0;
  const lexical = (covered + own) / 2;
  const middle = (chapter.start + chapter.end) / 2 / durationSec;
  const position = 1 - Math.abs(middle - context.stepPositions[step]!);
  return fit + LEXICAL_WEIGHT * lexical + POSITION_WEIGHT * position;
}

/**
 * The step each chapter serves (or null), keeping the video in class order:
 * the step index never decreases along the video. Solved exactly by dynamic
 * programming over (chapter, last step used), maximising the total score
 * above the threshold.
 *
 * @example
 * assignSteps([[0.9, 0.1], [0.2, 0.8]]) // [0, 1]
 */
export function assignSteps(scores: readonly (readonly number[])[]): (number | null)[] {
  const steps = scores[0]?.length ?? 0;
  // value[k] after chapter j: the best total with every used step ≤ k. how[j][k] records which move made it.
  type Move = 'skip' | 'take' | 'lower';
  const how: Move[][] = [];
  let value = new Array<number>(steps).fill(0);
  for (const row of scores) {
    const next = new Array<number>(steps).fill(0);
    const moves = new Array<Move>(steps).fill('skip');
    for (let k = 0; k < steps; k++) {
      next[k] = value[k]!;
      const gain = row[k]! - USE_THRESHOLD;
      if (gain > 0) {
        next[k] = value[k]! + gain;
        moves[k] = 'take';
      }
      // "every used step ≤ k" includes "≤ k − 1": keep that if it is better.
      if (k > 0 && next[k - 1]! > next[k]!) {
        next[k] = next[k - 1]!;
        moves[k] = 'lower';
      }
    }
    how.push(moves);
    value = next;
  }
  const out = new Array<number | null>(scores.length).fill(null);
  for (let j = scores.length - 1, k = steps - 1; j >= 0 && k >= 0; ) {
    const move = how[j]![k]!;
    if (move === 'lower') k--;
    else {
      if (move === 'take') out[j] = k;
      j--;
    }
  }
  return out;
}
