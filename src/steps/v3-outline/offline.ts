import type { LessonPlan } from '../../domain/lesson-plan.js';
import type { SourceRef } from '../../domain/source-ref.js';
import type { NormalizedTranscripts } from '../../domain/transcript.js';
import type { Clip, VideoChapters, VideoOutline } from '../../domain/video.js';
import { keyTerms } from '../../text/keywords.js';
import { clip } from '../../text/segment.js';
import { countTerms } from '../../text/term-vectors.js';
import { chapterVideo } from '../v2-chapters/offline.js';
import { centralStatements } from '../v2-chapters/statements.js';
import type { Utterance } from '../v2-chapters/utterances.js';
import { assignSteps, chapterStepScore, type LessonContext, lessonContext, topicality, USE_THRESHOLD, videoOnTopic } from './align.js';
import { type ChapterView, chapterViews } from './chapter-views.js';
import { buildSpans, type ClipSpan, type StepPlan, type UnusedSpan } from './clip-spans.js';
import { pauseQuestions } from './pause-questions.js';
import { reportsMistake } from './quotes.js';
import { type ClipContent, purposeOf, teacherMoves } from './teacher-moves.js';

type TranscriptVideo = NormalizedTranscripts['videos'][number];

const QUOTE_CHARS = 40;
const RULE_WORDS = /等于|=|叫做|就是/u;

/** Why a chapter no step took, in the teacher's words. */
function whyUnused(view: ChapterView, scores: readonly number[], context: LessonContext): string {
  if (view.kind === 'outro') return '片尾结束语，与教学无关';
  if (topicality(view, context) === 0) return '与本课内容无关';
  // It would serve a step, but one the video already passed in class order.
  if (Math.max(...scores) >= USE_THRESHOLD) return '与课堂环节顺序不符（对应环节已安排了前面的片段）';
  return '与本课教学环节关联弱';
}

/**
 * The lesson term the clip says most (ties go to the term the plan puts
 * first), joined with a second lesson term when the video says them as one
 * phrase: "长方形的周长" names what an example computes, "长方形" does not.
 */
function keyTermOf(text: string, utterances: readonly Utterance[], context: LessonContext): string {
  const occurrences = (term: string) => text.split(term).length - 1;
  const said = context.lessonTerms
    .map((term, rank) => ({ term, rank, count: occurrences(term) }))
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count || a.rank - b.rank)
    .map(({ term }) => term);
  const [lead, ...others] = said;
  if (lead) {
    // Not inside a coordination: "长方形和正方形的周长" is not about "正方形的周长" alone.
    const phrases = others.flatMap((other) => [`${lead}的${other}`, `${other}的${lead}`]);
    return phrases.find((p) => new RegExp(`(?<![和与及、])${p}`, 'u').test(text)) ?? lead;
  }
  const spoken = [...countTerms(utterances.map((u) => u.terms)).entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return spoken ?? context.plan.title.text;
}

function clipTitle(chapters: readonly ChapterView[]): string {
  const titles = chapters.map((c) => c.title);
  if (titles.length <= 2) return titles.join('；');
  return `${titles[0]!}等 ${titles.length} 段`;
}

function source(video: TranscriptVideo, at: number, said: Utterance | null | undefined): SourceRef {
  return { file: video.file, page: null, at, quote: said ? clip(said.text, QUOTE_CHARS) : null };
}

/** What the words around a clip are built from, for some of its chapters. */
function contentOf(chapters: readonly ChapterView[], span: ClipSpan, context: LessonContext): ClipContent {
  const utterances = chapters.flatMap((c) => c.utterances).filter((u) => u.start >= span.start && u.start < span.end);
  const keyTerm = keyTermOf(utterances.map((u) => u.text).join(''), utterances, context);
  // A rule about the key term ("正方形的周长等于边长乘4") makes the best board note and pause.
  const sound = centralStatements(utterances, countTerms(utterances.map((u) => u.terms))).filter((u) => !reportsMistake(u));
  const aboutTerm = sound.filter((u) => u.text.includes(keyTerm));
  const keyStatement = aboutTerm.find((u) => RULE_WORDS.test(u.text)) ?? aboutTerm[0] ?? sound[0] ?? null;
  const lead = chapters.reduce((a, b) => (b === span.best ? b : a), chapters[0]!);
  return {
    purpose: purposeOf(lead.kind, context.stepRoles[span.step]!),
    keyTerm,
    utterances,
    keyStatement,
    label: lead.label,
  };
}

/**
 * A clip span written out for the teacher: purpose, moves around it, pauses,
 * and where each quote comes from. A clip of several chapters is prepared by
 * its first ("what to watch for") and followed up by its last ("what to do
 * now"); its purpose is that of the chapter that serves the step best.
 */
function toClip(span: ClipSpan, video: TranscriptVideo, context: LessonContext): Clip {
  const { plan } = context;
  const whole = contentOf(span.chapters, span, context);
  const opening = contentOf(span.chapters.slice(0, 1), span, context);
  const closing = contentOf(span.chapters.slice(-1), span, context);
  const before = teacherMoves(opening, plan).before;
  const after = teacherMoves(closing, plan).after;
  const pauses = pauseQuestions(whole.utterances, span.start, span.end, context.lessonTerms, whole.keyStatement, whole.purpose);

  const first = whole.utterances[0];
  const refs = [source(video, first?.start ?? span.start, first)];
  for (const said of [opening.keyStatement, closing.keyStatement, ...pauses.map((p) => p.from)]) {
    if (said) refs.push(source(video, said.start, said));
  }
  const sources = [...new Map(refs.map((r) => [r.at, r])).values()].sort((a, b) => a.at! - b.at!);

  return {
    videoId: video.id,
    start: span.start,
    end: span.end,
    title: clipTitle(span.chapters),
    purpose: whole.purpose,
    stepId: plan.process[span.step]!.id,
    stepName: plan.process[span.step]!.name,
    teacherBefore: before,
    teacherAfter: after,
    pauseQuestions: pauses.map(({ at, question }) => ({ at, question })),
    sources,
  };
}

/**
 * V3 offline — 视频提纲. Scores every chapter against every 环节 of the plan
 * (kind of part × kind of step, shared words, position), assigns chapters to
 * steps in class order, merges neighbours into clips within each step's
 * minutes, and writes what the teacher says before and after each clip and
 * where to pause. Chapters not played are listed with the reason. If a video
 * has no chapters in `chapters`, it is chaptered here by V2's offline rules.
 *
 * @example
 * const outline = outlineVideos(transcripts, chapterVideos(transcripts), plan);
 * outline.clips[2]
 * // { videoId: 'V1', start: 364.9, end: 448.1, title: '例2：正方形的周长', purpose: '示范例题',
 * //   stepId: 'S3', stepName: '合作探究',
 * //   teacherBefore: '播放前：先出示题目“一块正方形的桌布，边长是5分米，……花边长多少分米？”，……',
 * //   teacherAfter: '播放后：请学生说一说解题步骤，教师板书“正方形的周长等于边长乘4”；再完成探究单第 3 题……',
 * //   pauseQuestions: [{ at: 420.2, question: '那求长方形周长的方法，能不能用在正方形上呢？' }],
 * //   sources: [{ file: '长方形和正方形的周长.srt', page: null, at: 364.9, quote: '我们再来看例2，……' }, …] }
 */
export function outlineVideos(transcripts: NormalizedTranscripts, chapters: VideoChapters, plan: LessonPlan): VideoOutline {
  const context = lessonContext(plan);
  // Seconds of video each step can still take, shared by all videos: a step's minutes are the class's, not per video.
  const remaining = plan.process.map((p) => p.minutes * 60);
  const steps: StepPlan[] = plan.process.map((p, k) => ({
    name: p.name,
    minutes: p.minutes,
    terms: [...new Set([...context.lessonTerms, ...keyTerms([{ text: context.stepTexts[k]!, weight: 1 }], 8)])],
  }));

  const clips: { clip: Clip; step: number; order: number }[] = [];
  const unused: (UnusedSpan & { order: number })[] = [];
  transcripts.videos.forEach((video, order) => {
    const given = chapters.videos.find((v) => v.videoId === video.id)?.chapters;
    const views = chapterViews(video, given && given.length > 0 ? given : chapterVideo(video));
    const onTopic = videoOnTopic(views, context);
    const scores = views.map((view) => plan.process.map((_, k) => (onTopic ? chapterStepScore(view, k, context, video.durationSec) : 0)));
    const assignment = assignSteps(scores);
    const spans = buildSpans(views, assignment, (view, k) => scores[view.index]![k]!, steps, remaining);
    for (const span of spans.clips) clips.push({ clip: toClip(span, video, context), step: span.step, order });
    views.forEach((view, j) => {
      if (assignment[j] !== null) return;
      const reason = onTopic ? whyUnused(view, scores[j]!, context) : '整个视频与本课内容无关';
      unused.push({ videoId: video.id, start: view.start, end: view.end, reason, order });
    });
    unused.push(...spans.unused.map((u) => ({ ...u, order })));
  });

  return {
    videos: transcripts.videos.map(({ id, title, url, durationSec }) => ({ id, title, url, durationSec })),
    // Class order first (the outline is read while teaching), then video order and time.
    clips: clips.sort((a, b) => a.step - b.step || a.order - b.order || a.clip.start - b.clip.start).map(({ clip: c }) => c),
    unused: unused
      .sort((a, b) => a.order - b.order || a.start - b.start)
      .map(({ videoId, start, end, reason }) => ({ videoId, start, end, reason })),
  };
}
