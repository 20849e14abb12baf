import { type LessonPlan, type NormalizedTranscripts, type VideoChapters, VideoOutline } from '../../domain/index.js';
import { fence, UNTRUSTED_MATERIAL_RULE } from '../../llm/untrusted.js';
import { defineStep } from '../../pipeline/step.js';
import { citationChecker, filterSources } from '../shared/citations.js';
import { processView } from '../shared/prompt-views.js';
import { transcriptsView } from '../shared/transcript-view.js';
import { outlineVideos } from './offline.js';

interface OutlineInput {
  transcripts: NormalizedTranscripts;
  chapters: VideoChapters;
  plan: LessonPlan;
}

const ClipsAnswer = VideoOutline.omit({ videos: true });

/** Clips inside their video, in class order, each on a real plan step: what the model is held to. */
function clipsFor({ transcripts, plan }: OutlineInput) {
  return ClipsAnswer.superRefine((value, ctx) => {
    value.clips.forEach((clip, i) => {
      const video = transcripts.videos.find((v) => v.id === clip.videoId);
      if (!video) ctx.addIssue({ code: 'custom', path: ['clips', i, 'videoId'], message: `没有视频 ${clip.videoId}` });
      else if (clip.end > video.durationSec + 1)
        ctx.addIssue({ code: 'custom', path: ['clips', i, 'end'], message: `超出视频时长 ${video.durationSec} 秒` });
      if (clip.end <= clip.start) ctx.addIssue({ code: 'custom', path: ['clips', i], message: '结束时间必须晚于开始时间' });
      clip.pauseQuestions.forEach((pause, q) => {
        if (pause.at < clip.start || pause.at > clip.end)
          ctx.addIssue({
            code: 'custom',
            path: ['clips', i, 'pauseQuestions', q, 'at'],
            message: `暂停时间 at=${pause.at} 不在片段 ${clip.start}–${clip.end} 秒之内：at 是从视频开头算起的秒数`,
          });
      });
      const order = plan.process.findIndex((step) => step.id === clip.stepId);
      if (order < 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['clips', i, 'stepId'],
          message: `没有环节 ${clip.stepId}；环节编号为 ${plan.process.map((step) => step.id).join(', ')}`,
        });
      }
      const previous = value.clips[i - 1];
      const previousOrder = previous ? plan.process.findIndex((step) => step.id === previous.stepId) : -1;
      if (order >= 0 && previousOrder > order) {
        ctx.addIssue({ code: 'custom', path: ['clips', i, 'stepId'], message: '片段须按课堂环节顺序排列' });
      }
    });
  });
}

/** V3 视频提纲 (video / output): which clip serves which step of the plan, with pause questions. */
export const outlineStep = defineStep<'V3', OutlineInput, { clips: VideoOutline['clips']; unused: VideoOutline['unused'] }>({
  id: 'V3',
  stage: 'video',
  phase: 'output',
  title: '视频提纲',
  summary:
    'Aligns the video chapters with the plan: which clip serves which 环节, what the teacher does before and after, and where to pause with which question.',
  needs: ['V1', 'V2', 'T3'],
  appliesTo: (inputs) => inputs.videos.length > 0,
  output: VideoOutline,
  input: (_inputs, results) => ({ transcripts: results.V1!, chapters: results.V2!, plan: results.T3! }),
  model: {
    prompt: 'v3-outline',
    schemaName: 'video_outline',
    response: clipsFor,
    view: ({ transcripts, chapters, plan }) => ({
      rule: UNTRUSTED_MATERIAL_RULE,
      process: processView(plan, (step) => ({ clip: step.clip })),
      chapters: fence('视频章节（JSON）', JSON.stringify(chapters)),
      transcripts: transcriptsView(transcripts),
    }),
    toOutput: (answer, { transcripts, plan }) => ({
      videos: transcripts.videos.map(({ id, title, url, durationSec }) => ({ id, title, url, durationSec })),
      // The step name follows the id, so a renamed or misspelled name cannot point at the wrong step.
      clips: filterSources(answer.clips, citationChecker(null, transcripts)).map((clip) => ({
        ...clip,
        stepName: plan.process.find((step) => step.id === clip.stepId)!.name,
      })),
      unused: answer.unused,
    }),
  },
  offline: ({ transcripts, chapters, plan }) => outlineVideos(transcripts, chapters, plan),
});
