import type { DeckBrief } from '../../domain/deck.js';
import type { LessonPlan, ProcessStep, SheetItem, StepRole } from '../../domain/lesson-plan.js';
import { gradeLabel } from '../../domain/lesson-request.js';
import type { VideoOutline } from '../../domain/video.js';
import { sentences } from '../../text/segment.js';

/**
 * C1 offline engine (课件规划): decides, per 环节 of the plan, what its
 * slides say — ideas from the teacher's activity, practice items from the
 * 探究单 and 达标检测单, the video clips the outline assigns — and how many
 * slides that makes. Rules only, deterministic.
 */

type BriefStep = DeckBrief['steps'][number];

/** What a step's slides are like: an opening, new content, practice on sheet items, or the close. */
type SlideKind = 'lead-in' | 'new-content' | 'practice' | 'summary' | 'homework';

/**
 * The plan's role decides the slides: 预学反馈 reviews the pre-study sheet, so
 * it opens the lesson; 诵读, 指导练习 and 合作探究 show content; 当堂检测 shows
 * the mastery-check items.
 */
const SLIDE_KIND: Record<StepRole, SlideKind> = {
  'lead-in': 'lead-in',
  'pre-study-feedback': 'lead-in',
  reading: 'new-content',
  'new-content': 'new-content',
  'guided-practice': 'new-content',
  'group-inquiry': 'new-content',
  check: 'practice',
  summary: 'summary',
  homework: 'homework',
};

/** Idea length that still reads as one point on one slide (about two body lines). */
const IDEA_CHARS = 40;

/** The teacher's activity as slide-sized points: sentences, short ones merged, and worded for students ("引导学生比较" → "比较"). */
function activityIdeas(step: ProcessStep): string[] {
  const ideas: string[] = [];
  for (const raw of sentences(step.teacherActivity.text)) {
    const sentence = raw
      .replace(/^(教师|老师|师)[：:，,]?/u, '')
      .replace(/(让|请|引导|组织|指导)学生/gu, '')
      .trim();
    if (!/[\p{L}\p{N}]/u.test(sentence)) continue;
    const last = ideas[ideas.length - 1];
    if (last !== undefined && last.length + sentence.length <= IDEA_CHARS) ideas[ideas.length - 1] = last + sentence;
    else ideas.push(sentence);
  }
  return ideas.length > 0 ? ideas : [step.name];
}

/**
 * The content slides of a step: about one per four minutes of new content,
 * one to open a lead-in; none where question, summary or homework slides
 * already carry the step. A clip stands in for an idea, and the longest
 * new-content step ends on the lesson's difficult point (教学难点).
 */
function ideasFor(
  role: SlideKind,
  minutes: number,
  candidates: string[],
  has: { practice: boolean; closes: boolean; clips: number; difficult: string | null },
): string[] {
  if (role === 'practice' && has.practice) return [];
  if ((role === 'summary' || role === 'homework') && has.closes) return [];
  const cap =
    role === 'new-content'
      ? Math.min(4, Math.max(1, Math.round(minutes / 4)))
      : role === 'lead-in'
        ? Math.min(2, Math.max(1, Math.floor(minutes / 5)))
        : 1;
  const room = Math.max(1, cap - has.clips);
  const ideas = candidates.slice(0, room);
  return has.difficult && room >= 2 ? [...ideas.slice(0, room - 1), `突破难点：${has.difficult}`] : ideas;
}

/** Most 达标检测 items one practice step shows (each is two slides). */
const MAX_ITEMS = 4;

/**
 * Items with an answer key, shown in sheet order: first one per objective not
 * yet covered (up to `coverUpTo`, so every objective can be checked on
 * screen), then the next ones up to `limit`.
 */
function pickItems(items: SheetItem[], limit: number, coverUpTo: number): string[] {
  const answered = items.filter((item) => item.answer !== null && item.answer.text.trim() !== '');
  const chosen = new Set<string>();
  const covered = new Set<string>();
  for (const item of answered) {
    if (chosen.size >= coverUpTo) break;
    if (item.objectiveIds.some((id) => !covered.has(id))) {
      chosen.add(item.id);
      item.objectiveIds.forEach((id) => covered.add(id));
    }
  }
  for (const item of answered) {
    if (chosen.size >= limit) break;
    chosen.add(item.id);
  }
  return answered.filter((item) => chosen.has(item.id)).map((item) => item.id);
}

function firstIndex(roles: SlideKind[], wanted: SlideKind, fallback: number): number {
  const index = roles.indexOf(wanted);
  return index >= 0 ? index : fallback;
}

/**
 * Plans the deck for a lesson plan and its video outline.
 *
 * @example
 * const brief = buildDeckBrief(plan, outline, 'qingsong');
 * brief.steps.map((s) => s.slideBudget) // [2, 8, 2, 7, 1, 1]: 情境导入 … 布置作业
 */
export function buildDeckBrief(plan: LessonPlan, outline: VideoOutline | null, theme: string): DeckBrief {
  const steps = plan.process;
  const last = steps.length - 1;
  const roles = steps.map((step) => SLIDE_KIND[step.role]);
  const contentIndexes = roles.flatMap((role, i) => (role === 'new-content' ? [i] : []));
  const lastContent = contentIndexes[contentIndexes.length - 1] ?? last;

  // Where the sheets are used: mastery items in the practice step, exploration items where content starts.
  const masteryAt = firstIndex(roles, 'practice', lastContent);
  const exploreAt = contentIndexes[0] ?? masteryAt;
  const summaryAt = firstIndex(roles, 'summary', last);
  const homeworkAt = firstIndex(roles, 'homework', last);
  const longestContent = contentIndexes.reduce<number | null>(
    (best, i) => (best === null || (steps[i]?.minutes ?? 0) > (steps[best]?.minutes ?? 0) ? i : best),
    null,
  );
  const exploration = plan.sheets.exploration.items;
  const task = exploration.find((item) => item.answer === null && item.type === 'task');

  const briefSteps = steps.map((step, index): BriefStep => {
    const role = roles[index] as SlideKind;
    const clipIndexes = (outline?.clips ?? []).flatMap((clip, i) => (clip.stepId === step.id ? [i] : []));
    const practiceItemIds = [
      ...(index === exploreAt ? pickItems(exploration, 2, 2) : []),
      ...(index === masteryAt
        ? pickItems(plan.sheets.masteryCheck.items, Math.min(MAX_ITEMS, Math.max(2, Math.floor(step.minutes / 3))), MAX_ITEMS)
        : []),
    ];
    const summary = index === summaryAt;
    const homework = index === homeworkAt;

    const candidates = [...(index === exploreAt && task ? [`探究任务：${task.prompt.text}`] : []), ...activityIdeas(step)];
    const closes = (summary && role === 'summary') || (homework && role === 'homework');
    const planned = ideasFor(role, step.minutes, candidates, {
      practice: practiceItemIds.length > 0,
      closes,
      clips: clipIndexes.length,
      difficult: index === longestContent ? (plan.difficultPoints[0]?.text ?? null) : null,
    });
    const others = clipIndexes.length + 2 * practiceItemIds.length + (summary ? 1 : 0) + (homework ? 1 : 0);
    // A step with nothing else to show still gets its first idea: every 环节 has a slide.
    const ideas = planned.length + others > 0 ? planned : candidates.slice(0, 1);
    const count = ideas.length + others;
    const sectionSlide = count >= 3;
    return {
      stepId: step.id,
      name: step.name,
      minutes: step.minutes,
      sectionSlide,
      ideas,
      practiceItemIds,
      clipIndexes,
      summary,
      homework,
      slideBudget: count + (sectionSlide ? 1 : 0),
    };
  });

  return {
    title: plan.title.text,
    subtitle: [gradeLabel(plan.grade), plan.subject, plan.edition].filter((part) => part).join(' · '),
    theme,
    steps: briefSteps,
    totalSlides: 2 + briefSteps.reduce((sum, step) => sum + step.slideBudget, 0),
  };
}
