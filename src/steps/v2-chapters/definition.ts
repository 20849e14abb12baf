import { type NormalizedTranscripts, VideoChapters } from '../../domain/index.js';
import { UNTRUSTED_MATERIAL_RULE } from '../../llm/untrusted.js';
import { defineStep } from '../../pipeline/step.js';
import { transcriptsView } from '../shared/transcript-view.js';
import { chapterVideos } from './offline.js';

/** Chapters inside their video, in order and not overlapping: what the model is held to. */
function chaptersFor(transcripts: NormalizedTranscripts) {
  return VideoChapters.superRefine((value, ctx) => {
    for (const [v, video] of value.videos.entries()) {
      const duration = transcripts.videos.find((t) => t.id === video.videoId)?.durationSec;
      if (duration === undefined) ctx.addIssue({ code: 'custom', path: ['videos', v, 'videoId'], message: `没有视频 ${video.videoId}` });
      video.chapters.forEach((chapter, c) => {
        const previous = video.chapters[c - 1];
        if (chapter.end <= chapter.start)
          ctx.addIssue({ code: 'custom', path: ['videos', v, 'chapters', c], message: '结束时间必须晚于开始时间' });
        if (duration !== undefined && chapter.end > duration + 1)
          ctx.addIssue({ code: 'custom', path: ['videos', v, 'chapters', c, 'end'], message: `超出视频时长 ${duration} 秒` });
        if (previous && chapter.start < previous.end - 0.5)
          ctx.addIssue({ code: 'custom', path: ['videos', v, 'chapters', c, 'start'], message: '与上一段重叠' });
      });
    }
  });
}

/**
 * V2 视频分段 (video / process): chapters with times, titles, summaries and key
 * points. It needs only the transcript, so it runs beside the text stage.
 */
export const chaptersStep = defineStep<'V2', { transcripts: NormalizedTranscripts }, VideoChapters>({
  id: 'V2',
  stage: 'video',
  phase: 'process',
  title: '视频分段',
  summary: 'Cuts each video into chapters at pauses and topic shifts, with a title, a summary and key points for each.',
  needs: ['V1'],
  appliesTo: (inputs) => inputs.videos.length > 0,
  output: VideoChapters,
  input: (_inputs, results) => ({ transcripts: results.V1! }),
  model: {
    prompt: 'v2-chapters',
    schemaName: 'video_chapters',
    response: ({ transcripts }) => chaptersFor(transcripts),
    view: ({ transcripts }) => ({
      rule: UNTRUSTED_MATERIAL_RULE,
      videoIds: transcripts.videos.map((v) => v.id).join(', '),
      transcripts: transcriptsView(transcripts),
    }),
    toOutput: (chapters) => chapters,
  },
  offline: ({ transcripts }) => chapterVideos(transcripts),
});
