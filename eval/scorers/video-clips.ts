import { formatClock } from '../../src/domain/index.js';
import { defineScorer, type Finding, shareWithoutProblems } from './define.js';
import { stepLabel } from './plan-parts.js';

/** Clip ends and cue times round differently; less than this is not an overlap or an overrun. */
const SLACK_SEC = 0.5;

const span = (start: number, end: number) => `${formatClock(start)}–${formatClock(end)}`;

/**
 * 视频片段: every clip lies inside its video, its pause questions inside the
 * clip; clips come in class order and never overlap on the same video; each
 * is tied to a 环节 that exists and carries that 环节's name. An outline
 * with no clips has nothing to check here; 视频已用 counts that against it.
 */
export const videoClips = defineScorer({
  id: 'video-clips',
  title: '视频片段',
  definition: '视频片段在视频时长之内、按上课顺序排列、互不重叠，且都对应教学设计中的某个环节',
  needs: ['T3', 'V3'],
  appliesTo: (ctx) => ctx.hasVideo,
  targets: ['clip-out-of-range', 'shuffle-process'],
  threshold: 1,
  tolerance: 0,
  score: ({ results }) => {
    const plan = results.T3;
    const { clips, videos } = results.V3;
    const position = (stepId: string) => plan.process.findIndex((step) => step.id === stepId);
    return shareWithoutProblems(
      clips,
      (clip, i): Finding[] => {
        const field = `V3.clips[${i}]`;
        const name = `视频片段 ${i + 1}「${clip.title}」`;
        const problems: Finding[] = [];
        const video = videos.find((v) => v.id === clip.videoId);
        if (!video) problems.push({ field: `${field}.videoId`, message: `${name}所属的视频 ${clip.videoId} 不存在` });
        if (clip.start < 0 || clip.end <= clip.start)
          problems.push({ field, message: `${name}的起止时间 ${span(clip.start, clip.end)} 不成立` });
        else if (video && clip.end > video.durationSec + SLACK_SEC) {
          problems.push({
            field: `${field}.end`,
            message: `${name}结束于 ${formatClock(clip.end)}，超出视频时长 ${formatClock(video.durationSec)}`,
          });
        }
        const stray = clip.pauseQuestions.filter((q) => q.at < clip.start - SLACK_SEC || q.at > clip.end + SLACK_SEC);
        if (stray.length > 0)
          problems.push({
            field: `${field}.pauseQuestions`,
            message: `${name}的暂停提问 ${stray.map((q) => formatClock(q.at)).join('、')} 不在片段内`,
          });
        const at = position(clip.stepId);
        const step = plan.process[at];
        if (!step) problems.push({ field: `${field}.stepId`, message: `${name}对应的环节 ${clip.stepId} 不存在` });
        else if (step.name !== clip.stepName) {
          problems.push({ field: `${field}.stepName`, message: `${name}说是用于「${clip.stepName}」，但${stepLabel(plan, at)}不是它` });
        }
        const previous = clips[i - 1];
        if (previous && at < position(previous.stepId)) {
          problems.push({ field, message: `${name}排在用于更后环节的片段之后，没有按上课顺序排列` });
        }
        const overlapping = clips.findIndex(
          (other, j) =>
            j !== i && other.videoId === clip.videoId && Math.min(other.end, clip.end) - Math.max(other.start, clip.start) > SLACK_SEC,
        );
        if (overlapping >= 0) problems.push({ field, message: `${name}（${span(clip.start, clip.end)}）与片段 ${overlapping + 1} 重叠` });
        return problems;
      },
      { score: null, findings: [] },
    );
  },
});

/**
 * 视频已用: every lesson video the teacher gave serves the lesson — the
 * outline picks at least one clip from it and the deck has a slide that
 * plays one. A video she found and the draft ignores is work thrown away.
 */
export const videoUsed = defineScorer({
  id: 'video-used',
  title: '视频已用',
  definition: '教师给的每个课程视频都至少有一个片段进入视频提纲，课件里也有播放它的页面',
  needs: ['V3', 'C2'],
  appliesTo: (ctx) => ctx.hasVideo,
  targets: ['drop-clips'],
  threshold: 1,
  tolerance: 0,
  score: ({ results }) => {
    const { videos, clips } = results.V3;
    const clipSlides = results.C2.slides.filter((slide) => slide.layout === 'clip');
    return shareWithoutProblems(
      videos,
      (video, i): Finding[] => {
        if (!clips.some((clip) => clip.videoId === video.id)) {
          return [{ field: `V3.videos[${i}]`, message: `给了视频「${video.title}」，但视频提纲没有选用其中任何片段` }];
        }
        const shown = clipSlides.some((slide) => slide.media && (slide.media.url === video.url || video.url === null));
        return shown ? [] : [{ field: 'C2.slides', message: `课件中没有播放视频「${video.title}」片段的页面` }];
      },
      { score: 0, findings: [{ field: 'V3.videos', message: '给了课程视频，但视频提纲里没有视频' }] },
    );
  },
});
