import { z } from 'zod';
import { type DeckBrief, DeckSpec, formatClock, type LessonPlan, type MediaLink, Slide, type VideoOutline } from '../../domain/index.js';
import { fence, UNTRUSTED_MATERIAL_RULE } from '../../llm/untrusted.js';
import { defineStep } from '../../pipeline/step.js';
import { passagesView, processView, studiedPassages } from '../shared/prompt-views.js';
import { fitSlides } from './fit-slides.js';
import { writeDeckSpec } from './offline.js';
import { withSlideIds } from './slide-ids.js';

interface SpecInput {
  brief: DeckBrief;
  plan: LessonPlan;
  outline: VideoOutline | null;
}

/**
 * The clip a slide plays, as the model names it: which video and when. The
 * link itself is never the model's to write: the product takes it from the
 * video the teacher gave, and a video without one gets no link.
 */
const ClipRef = z.object({
  videoId: z.string().regex(/^V\d+$/),
  label: z.string().min(1),
  start: z.number().nonnegative(),
  end: z.number().positive(),
});

/** What the model writes: the slides without ids and origins (the product gives them), clips by video id. */
function answerShape(outline: VideoOutline | null) {
  // Without a video there is nothing to link: the field can only be null.
  const media = outline && outline.videos.length > 0 ? ClipRef.nullable() : z.null();
  return DeckSpec.extend({ slides: z.array(Slide.omit({ id: true, origin: true, media: true }).extend({ media })).min(3) });
}
type SpecAnswer = z.infer<ReturnType<typeof answerShape>>;

/** Text without spaces and punctuation, so a poem line matches however the slide breaks or punctuates it. */
const bare = (text: string) => text.replace(/[\s\p{P}]/gu, '');

/** The first line of a studied text (a poem's first line, a passage's first sentence), as a class would see it on the screen. */
function openingLine(passage: string): string {
  const line = passage.split(/[\n。！？；!?;]/u).find((part) => bare(part).length >= 4) ?? passage;
  return line.trim().replace(/[\s\p{P}]+$/u, '');
}

/**
 * The deck a model must write for this brief: within C1's slide budget (in
 * total and per 环节), every slide on a real step, every step shown, every
 * clip inside its video, and the studied text on the screen in a reading step.
 */
function specFor({ brief, plan, outline }: SpecInput) {
  const videos = outline?.videos ?? [];
  return answerShape(outline).superRefine((spec, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (spec.slides.length > brief.totalSlides)
      issue(['slides'], `共 ${spec.slides.length} 页，超出课件规划的 ${brief.totalSlides} 页：请合并或删减`);
    const counts = new Map<string, number>();
    spec.slides.forEach((slide, i) => {
      if (slide.stepId !== null && !plan.process.some((step) => step.id === slide.stepId))
        issue(['slides', i, 'stepId'], `没有环节 ${slide.stepId}；环节编号为 ${plan.process.map((step) => step.id).join(', ')}`);
      if (slide.stepId !== null) counts.set(slide.stepId, (counts.get(slide.stepId) ?? 0) + 1);
      const media = slide.media;
      if (slide.layout === 'clip' && !media) issue(['slides', i, 'media'], 'clip 版式须在 media 中写明视频编号与起止秒数');
      if (!media) return;
      const video = videos.find((v) => v.id === media.videoId);
      if (!video) issue(['slides', i, 'media', 'videoId'], `没有视频 ${media.videoId}；视频编号为 ${videos.map((v) => v.id).join(', ')}`);
      else if (media.end > video.durationSec + 1)
        issue(['slides', i, 'media', 'end'], `超出视频 ${video.id} 的时长 ${Math.floor(video.durationSec)} 秒`);
      if (media.end <= media.start) issue(['slides', i, 'media'], '结束时间必须晚于开始时间');
    });
    for (const step of brief.steps) {
      const count = counts.get(step.stepId) ?? 0;
      if (count > step.slideBudget) issue(['slides'], `环节 ${step.stepId} 写了 ${count} 页，课件规划为 ${step.slideBudget} 页`);
    }
    for (const step of plan.process) if (!counts.has(step.id)) issue(['slides'], `环节 ${step.id}「${step.name}」没有幻灯片`);
    // A class reads the text it studies from the screen: each studied text's first line is on a slide of a reading step.
    const reading = plan.process.filter((step) => step.role === 'reading').map((step) => step.id);
    if (reading.length === 0) return;
    const shown = bare(
      spec.slides
        .filter((slide) => slide.stepId !== null && reading.includes(slide.stepId))
        .map((slide) => [slide.title, ...slide.body].join(''))
        .join(''),
    );
    for (const passage of studiedPassages(plan)) {
      const line = openingLine(passage);
      if (!shown.includes(bare(line)))
        issue(['slides'], `诵读环节 ${reading.join('、')} 的幻灯片须在正文中原样展示所学文本（一行一句），例如“${line}”`);
    }
  });
}

/** A slide's clip as a link when its video has an address; else no link, and the notes say where to play it from. */
function settleMedia(slide: SpecAnswer['slides'][number], outline: VideoOutline | null): { media: MediaLink | null; notes: string } {
  const clip = slide.media;
  if (!clip) return { media: null, notes: slide.notes };
  const video = outline?.videos.find((v) => v.id === clip.videoId);
  if (video?.url) return { media: { url: video.url, label: clip.label, start: clip.start, end: clip.end }, notes: slide.notes };
  const local = `本片段没有在线地址：请打开本地视频《${video?.title ?? clip.videoId}》，从 ${formatClock(clip.start)} 播放到 ${formatClock(clip.end)}。`;
  return { media: null, notes: `${slide.notes}\n${local}` };
}

/** C2 课件脚本 (courseware / process): every slide's title, body and speaker notes, fitted to its layout's budget. */
export const specStep = defineStep<'C2', SpecInput, SpecAnswer>({
  id: 'C2',
  stage: 'courseware',
  phase: 'process',
  title: '课件脚本',
  summary:
    'Writes every slide — layout, title, body, speaker notes, clips by video and time, question and answer pairs — within the slide budget of the brief and the text budget of each layout.',
  needs: ['C1', 'T3', 'V3'],
  output: DeckSpec,
  input: (_inputs, results) => ({ brief: results.C1!, plan: results.T3!, outline: results.V3 ?? null }),
  model: {
    prompt: 'c2-spec',
    schemaName: 'deck_spec',
    response: specFor,
    // Each slide kind gets what it shows: objectives for 学习目标, homework for 作业, the studied text for 诵读.
    view: ({ brief, plan, outline }) => ({
      rule: UNTRUSTED_MATERIAL_RULE,
      brief: fence('课件规划（JSON）', JSON.stringify(brief)),
      lesson: fence(
        '教学设计要点（JSON）',
        JSON.stringify({
          title: plan.title.text,
          objectives: plan.objectives.map(({ id, text }) => ({ id, text })),
          keyPoints: plan.keyPoints.map((b) => b.text),
          difficultPoints: plan.difficultPoints.map((b) => b.text),
          keyTerms: plan.keyTerms.map((b) => b.text),
          boardDesign: plan.boardDesign.text,
          homework: {
            basic: plan.homework.basic.map((b) => b.text),
            advanced: plan.homework.advanced.map((b) => b.text),
            challenge: plan.homework.challenge.map((b) => b.text),
          },
        }),
      ),
      process: processView(plan, (step) => ({ studentActivity: step.studentActivity.text })),
      passages: passagesView(plan),
      items: fence(
        '三单题目（JSON）',
        JSON.stringify(
          Object.values(plan.sheets).flatMap((sheet) =>
            sheet.items.map(({ id, prompt, options, answer }) => ({ id, prompt: prompt.text, options, answer: answer?.text ?? null })),
          ),
        ),
      ),
      videos: outline
        ? fence(
            '视频与片段（JSON）',
            JSON.stringify({
              videos: outline.videos.map(({ id, title, durationSec }) => ({ id, title, durationSec })),
              clips: outline.clips.map((clip, index) => ({ index, ...clip, sources: undefined })),
            }),
          )
        : '无（本课没有视频，media 一律为 null，不用 clip 版式）',
    }),
    // Models count characters badly: the budgets are enforced here, whatever the model wrote.
    toOutput: (spec, { brief, outline }) =>
      fitSlides({
        ...spec,
        title: brief.title,
        theme: brief.theme,
        slides: withSlideIds(spec.slides.map((slide) => ({ ...slide, ...settleMedia(slide, outline), origin: 'model' as const }))),
      }),
  },
  offline: ({ brief, plan, outline }) => writeDeckSpec(brief, plan, outline),
});
