import { type DeckBrief, type DeckSpec, LAYOUT_BUDGETS, type MediaLink, type Slide, type SlideLayout } from '../../domain/deck.js';
import type { LessonPlan, ProcessStep, SheetItem } from '../../domain/lesson-plan.js';
import type { Origin, TextBlock } from '../../domain/origin.js';
import { formatClock, formatSource } from '../../domain/source-ref.js';
import type { Clip, VideoOutline } from '../../domain/video.js';
import { fitToBudget } from '../../render/pptx/fit.js';
import { guardSlide } from '../../render/pptx/guard.js';
import { sentences } from '../../text/segment.js';
import { titleInSentence } from '../t1-digest/content.js';
import { withSlideIds } from './slide-ids.js';

/**
 * C2 offline engine (课件脚本): words every slide the brief plans. Slide text
 * is what students read; what the teacher says goes into the notes (讲稿).
 * Every slide passes `guardSlide`, which fits it to its layout budget and
 * moves whatever does not fit into the notes.
 */

type BriefStep = DeckBrief['steps'][number];

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 0 → 第一环节. */
const stepOrdinal = (index: number) => `第${NUMERALS[index] ?? index + 1}环节`;
const LETTERS = 'ABCDEFGH';

/** A slide before it has its id (ids are given per step, in order, once the step's slides are known). */
type Draft = Omit<Slide, 'id'>;

function slide(
  layout: SlideLayout,
  title: string,
  body: string[],
  notes: string[],
  stepId: string | null,
  origin: Origin,
  media: MediaLink | null = null,
): Draft {
  const raw: Draft = { layout, title, body, notes: notes.filter((line) => line.trim()).join('\n'), stepId, media, origin };
  // The guard's warnings name slide numbers for the renderer; here only the fitted slide matters.
  return guardSlide(raw, 0).slide;
}

/**
 * The origin of a slide that shows these plan blocks: theirs when they agree;
 * when they do not, the least checked of them (a slide mixing the book's
 * words with a model's is the model's).
 */
function shownOrigin(blocks: readonly TextBlock[]): Origin {
  const origins = new Set(blocks.map((b) => b.origin));
  for (const origin of ['model', 'blank', 'teacher', 'template'] as const) if (origins.has(origin)) return origin;
  return origins.has('material') ? 'material' : 'template';
}

/** Shortens `line` to `lines` wrapped lines of the layout, so what follows it (options, the answer) still shows. */
function upTo(line: string, lines: number, layout: SlideLayout): string {
  const budget = LAYOUT_BUDGETS[layout];
  return fitToBudget([line], { ...budget, maxLines: Math.max(1, lines) }).lines[0] ?? line;
}

/**
 * Shortens each line to its share of the body, so every objective or tier
 * shows rather than the last ones falling off. The notes carry them whole.
 */
function balanced(lines: string[], layout: SlideLayout): string[] {
  const budget = LAYOUT_BUDGETS[layout];
  const share = {
    ...budget,
    maxLines: Math.max(1, Math.floor(budget.maxLines / Math.max(1, lines.length))),
    bodyChars: Math.floor(budget.bodyChars / Math.max(1, lines.length)),
  };
  return lines.map((line) => fitToBudget([line], share).lines[0] ?? line);
}

/** 「教材.md 第 2 节」: where the words on the slide are printed, for the teacher. */
function sourceLabel(shown: TextBlock): string {
  return [...new Set(shown.sources.map(formatSource))].join('；');
}

function stepIntro(step: ProcessStep, index: number): string[] {
  return [
    `【${stepOrdinal(index)} ${step.name}，约 ${step.minutes} 分钟】`,
    step.teacherActivity.text,
    `学生活动：${step.studentActivity.text}`,
    `设计意图：${step.intent.text}`,
  ];
}

/** Labels that say what the teacher does, not what the class learns: never a slide title. */
const TEACHER_ACTION = /^(出示|提问|追问|引导|组织|讲解|演示|板书|播放|展示|布置)/u;

/** "探究任务：用不同的方法…" → title 探究任务; "出示情境图：…" → the step's name; one sentence a line. */
function ideaSlide(idea: string, fallbackTitle: string): { title: string; body: string[] } {
  // Text laid out in lines (a poem, a dialogue, a worked solution) keeps its lines: 「乡书何处达？归雁洛阳边。」 is one.
  const lines = (text: string) => (text.includes('\n') ? text.split('\n').filter((line) => line.trim()) : sentences(text));
  const labelled = /^([^：:，。！？【】]{2,12})[：:](.+)$/su.exec(idea);
  if (!labelled) return { title: fallbackTitle, body: lines(idea) };
  const [, label = '', rest = ''] = labelled;
  return { title: TEACHER_ACTION.test(label) ? fallbackTitle : label, body: lines(rest) };
}

function clipSlide(clip: Clip, outline: VideoOutline, stepId: string, lead: string[]): Draft {
  const video = outline.videos.find((v) => v.id === clip.videoId);
  const range = `${formatClock(clip.start)}–${formatClock(clip.end)}`;
  const minutes = Math.max(1, Math.round((clip.end - clip.start) / 60));
  const media = video?.url ? { url: video.url, label: video.title, start: clip.start, end: clip.end } : null;
  const pauses = clip.pauseQuestions.map((q) => `暂停 ${formatClock(q.at)}：${q.question}`);
  return slide(
    'clip',
    `视频：${clip.title}`,
    [`片段：${range}（约 ${minutes} 分钟）`, ...pauses],
    [
      ...lead,
      `播放前：${clip.teacherBefore}`,
      ...pauses,
      `播放后：${clip.teacherAfter}`,
      `（片段用途：${clip.purpose}）`,
      media
        ? ''
        : `本片段没有在线地址：请打开本地视频《${video?.title ?? clip.videoId}》，从 ${formatClock(clip.start)} 播放到 ${formatClock(clip.end)}。`,
    ],
    stepId,
    'template',
    media,
  );
}

function optionLines(item: SheetItem): string[] {
  return (item.options ?? []).map((option, i) => (/^[A-H][.．、]/u.test(option) ? option : `${LETTERS[i] ?? i + 1}. ${option}`));
}

/** A choice answer "B" shown with its option text. */
function answerText(item: SheetItem): string {
  const answer = (item.answer?.text ?? '').trim();
  const letter = /^[A-H]$/u.exec(answer)?.[0];
  const option = letter ? optionLines(item)[LETTERS.indexOf(letter)] : undefined;
  return option ?? answer;
}

const ANSWER_LABEL: TextBlock = { text: '答案：', origin: 'template', sources: [] };

function practiceSlides(item: SheetItem, title: string, plan: LessonPlan, stepId: string, lead: string[]): Draft[] {
  const prompt = item.prompt.text;
  const checks = plan.objectives.filter((o) => item.objectiveIds.includes(o.id)).map((o) => `${o.id} ${o.text}`);
  const options = optionLines(item);
  const answer = answerText(item);
  return [
    slide(
      'question',
      title,
      [upTo(prompt, LAYOUT_BUDGETS.question.maxLines - options.length, 'question'), ...options],
      [
        ...lead,
        '请同学们先独立完成，再和同桌交流。',
        `题目：${prompt}`,
        ...options,
        checks.length > 0 ? `本题检测：${checks.join('；')}` : '',
      ],
      stepId,
      item.prompt.origin,
    ),
    slide(
      'answer',
      `${title} 答案`,
      // A worked solution runs over several lines: on the slide it is one fitted line, whole in the notes.
      [upTo(prompt, 2, 'answer'), upTo(`答案：${answer.replace(/\s*\n\s*/gu, '　')}`, LAYOUT_BUDGETS.answer.maxLines - 2, 'answer')],
      [
        `答案：${answer}`,
        '请答对的同学说说是怎么想的；答错的同学找一找错在哪里，马上订正。',
        checks.length > 0 ? `对照目标：${checks.join('；')}` : '',
      ],
      stepId,
      // The 「答案：」 label and the joined lines are the rule's framing around the book's words.
      shownOrigin([item.prompt, ...(item.answer ? [item.answer] : []), ANSWER_LABEL]),
    ),
  ];
}

function summarySlide(plan: LessonPlan, stepId: string, lead: string[]): Draft {
  const points = plan.keyPoints.map((point) => point.text);
  return slide(
    'summary',
    '课堂小结',
    balanced(points, 'summary'),
    [...lead, `同学们，这节课我们学习了${titleInSentence(plan.title)}。一起回顾：`, ...points, `板书：${plan.boardDesign.text}`],
    stepId,
    shownOrigin(plan.keyPoints),
  );
}

function homeworkSlide(plan: LessonPlan, stepId: string, lead: string[]): Draft {
  const texts = (blocks: TextBlock[]) => blocks.map((b) => b.text).join('；');
  const { basic, advanced, challenge } = plan.homework;
  const tiers = [`基础：${texts(basic)}`, `提高：${texts(advanced)}`, `拓展：${texts(challenge)}`];
  return slide(
    'homework',
    '分层作业',
    balanced(tiers, 'homework'),
    [...lead, '今天的作业分三个层次：基础题每位同学都要完成，提高题和拓展题根据自己的情况选做。', ...tiers],
    stepId,
    shownOrigin([...basic, ...advanced, ...challenge]),
  );
}

function stepSlides(
  brief: BriefStep,
  plan: LessonPlan,
  outline: VideoOutline | null,
  counters: { practice: number; explore: number },
): Draft[] {
  const index = plan.process.findIndex((candidate) => candidate.id === brief.stepId);
  const step = plan.process[index];
  if (!step) return [];
  const stepId = step.id;
  const slides: Draft[] = [];
  // The step's introduction goes on its first slide, whichever that is.
  let lead = stepIntro(step, index);
  const take = () => {
    const taken = lead;
    lead = [];
    return taken;
  };
  if (brief.sectionSlide) {
    slides.push(slide('section', step.name, [`${stepOrdinal(index)} · ${step.minutes} 分钟`], take(), stepId, 'template'));
  }
  // A slide showing the book's own words (the text, the problem, its working) is the material's; the teacher's words go to the notes.
  const shown = [step.teacherActivity, step.studentActivity].filter((b) => b.origin === 'material');
  const ideas = brief.ideas.map((idea, i) => {
    const { title, body } = ideaSlide(idea, brief.ideas.length > 1 ? `${step.name}（${i + 1}）` : step.name);
    const quoted = shown.find((b) => body.length > 0 && body.every((line) => b.text.includes(line)));
    return () =>
      quoted
        ? slide(
            'content',
            title,
            body,
            [...take(), i > 0 ? step.teacherActivity.text : '', `（出示：${sourceLabel(quoted)}）`],
            stepId,
            'material',
          )
        : slide(
            'content',
            title,
            body,
            [...take(), `讲解：${idea}`, i > 0 ? `学生活动：${step.studentActivity.text}` : ''],
            stepId,
            'template',
          );
  });
  const [firstIdea, ...otherIdeas] = ideas;
  if (firstIdea) slides.push(firstIdea());
  for (const clipIndex of brief.clipIndexes) {
    const clip = outline?.clips[clipIndex];
    if (outline && clip) slides.push(clipSlide(clip, outline, stepId, take()));
  }
  slides.push(...otherIdeas.map((make) => make()));
  const exploration = new Set(plan.sheets.exploration.items.map((item) => item.id));
  const items = Object.values(plan.sheets).flatMap((sheet) => sheet.items);
  for (const id of brief.practiceItemIds) {
    const item = items.find((candidate) => candidate.id === id);
    if (!item) continue;
    const title = exploration.has(id) ? `探究 ${++counters.explore}` : `练一练 ${++counters.practice}`;
    slides.push(...practiceSlides(item, title, plan, stepId, take()));
  }
  if (brief.summary) slides.push(summarySlide(plan, stepId, take()));
  if (brief.homework) slides.push(homeworkSlide(plan, stepId, take()));
  // A brief (a model's, say) that planned nothing for a step still gets one slide: every 环节 is on screen.
  if (slides.length === 0)
    slides.push(slide('content', step.name, sentences(step.teacherActivity.text), take(), stepId, step.teacherActivity.origin));
  return slides;
}

/**
 * Writes the deck spec: cover, objectives, then each plan step's slides in
 * class order.
 *
 * @example
 * const spec = writeDeckSpec(buildDeckBrief(plan, outline, 'heiban'), plan, outline);
 * spec.slides.length === brief.totalSlides // when every planned item and clip exists
 */
export function writeDeckSpec(brief: DeckBrief, plan: LessonPlan, outline: VideoOutline | null): DeckSpec {
  const agenda = plan.process.map((step) => `${step.name}（${step.minutes} 分钟）`).join('、');
  const cover = slide(
    'cover',
    brief.title,
    [brief.subtitle],
    [`同学们好！今天我们一起学习${titleInSentence(plan.title)}。`, `（本课共 ${plan.process.length} 个环节：${agenda}。）`],
    null,
    plan.title.origin,
  );
  const objectives = plan.objectives.map((o) => o.text);
  const goals = slide(
    'objectives',
    '学习目标',
    balanced(objectives, 'objectives'),
    ['这节课我们要达成下面几个目标，学完后我们来检测一下：', ...plan.objectives.map((o, i) => `${i + 1}. ${o.text}（${o.dimension}）`)],
    null,
    shownOrigin(plan.objectives),
  );
  const counters = { practice: 0, explore: 0 };
  const slides = withSlideIds([cover, goals, ...brief.steps.flatMap((step) => stepSlides(step, plan, outline, counters))]);
  return { title: brief.title, theme: brief.theme, slides };
}
