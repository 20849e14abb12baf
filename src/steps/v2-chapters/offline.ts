import type { NormalizedTranscripts } from '../../domain/transcript.js';
import type { Chapter, VideoChapters } from '../../domain/video.js';
import { boundaryEvidence } from './boundaries.js';
import { describeChapters } from './describe.js';
import { chooseBoundaries } from './segmentation.js';
import { toUtterances, type Utterance, utterancesIn } from './utterances.js';

type TranscriptVideo = NormalizedTranscripts['videos'][number];

/** Chapter spans of one video: from 0 to its duration, in order, without gaps or overlaps. */
function chapterSpans(utterances: readonly Utterance[], durationSec: number): { start: number; end: number }[] {
  const evidence = boundaryEvidence(utterances);
  const starts = chooseBoundaries(
    utterances.map((u) => u.start),
    evidence.map((e) => e.score),
    durationSec,
  ).map((i) => utterances[i]!.start);
  const edges = [0, ...starts, durationSec];
  return edges.slice(0, -1).map((start, i) => ({ start, end: edges[i + 1]! }));
}

/** Chapters of one video. Exported for V3, which re-chapters a video the chapter list left out. */
export function chapterVideo(video: TranscriptVideo): Chapter[] {
  const cues = [...video.cues].sort((a, b) => a.start - b.start || a.index - b.index);
  const utterances = toUtterances(cues);
  const spans = chapterSpans(utterances, video.durationSec);
  // The last chapter also takes any speech the metadata's duration cuts off.
  const spoken = spans.map(({ start, end }, i) => utterancesIn(utterances, start, i === spans.length - 1 ? Number.POSITIVE_INFINITY : end));
  const texts = describeChapters(spoken);
  return spans.map((span, i) => ({ ...span, ...texts[i]! }));
}

/**
 * V2 offline — 视频分段. Splits each lesson video where the teacher pauses
 * and says she is moving on ("接下来我们看例1"), with a vocabulary change
 * deciding between nearby candidates; names and summarises each chapter from
 * its own sentences. Deterministic.
 *
 * @example
 * const { videos } = chapterVideos(transcripts);
 * videos[0].chapters[2]
 * // { start: 224.4, end: 364.9, title: '例1：长方形花坛',
 * //   summary: '第三种方法计算的步骤最少，我们把它总结成一个公式，长方形的周长等于长加宽的和乘2。', keyPoints: ['学校有一个长方形花坛，长6米，宽4米。', …] }
 */
export function chapterVideos(transcripts: NormalizedTranscripts): VideoChapters {
  return { videos: transcripts.videos.map((video) => ({ videoId: video.id, chapters: chapterVideo(video) })) };
}
