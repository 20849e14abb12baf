import { defineMutation } from './define.js';

/** 视频提纲 degradations (V3). */
export const clipOutOfRange = defineMutation({
  id: 'clip-out-of-range',
  title: '视频片段越界重叠',
  description: '最后一个片段延长到视频结束后 90 秒，第二个片段提前到与第一个片段重叠',
  artifact: 'outline',
  appliesTo: (r) => (r.V3?.clips.length ?? 0) > 0,
  apply: (r) => {
    const outline = r.V3!;
    const [first, second] = outline.clips;
    const last = outline.clips[outline.clips.length - 1]!;
    const video = outline.videos.find((v) => v.id === last.videoId);
    last.end = (video?.durationSec ?? last.end) + 90;
    if (first && second) second.start = first.start;
    return r;
  },
});

export const dropClips = defineMutation({
  id: 'drop-clips',
  title: '不用视频',
  description: '视频提纲不选任何片段（课件不变）',
  artifact: 'outline',
  appliesTo: (r) => (r.V3?.clips.length ?? 0) > 0,
  apply: (r) => {
    r.V3!.clips = [];
    return r;
  },
});
