import { describe, expect, it } from 'vitest';
import { type Chapter, VideoChapters } from '../../../src/domain/index.js';
import { chapterVideos } from '../../../src/steps/v2-chapters/offline.js';
import { visibleLength } from '../../../src/text/segment.js';
import { perimeterLesson, perimeterPracticeReview, squarePerimeterClip, transcriptsOf } from '../../support/fixtures/transcript.js';

/** A chapter boundary this close to a real part change counts as finding it. */
const TOLERANCE_SEC = 15;

function chaptersOf(...videos: ReturnType<typeof perimeterLesson>['video'][]): Chapter[][] {
  const result = VideoChapters.parse(chapterVideos(transcriptsOf(...videos)));
  return result.videos.map((v) => v.chapters);
}

/** Chapters start at 0, end at the duration, and each starts where the previous ended. */
function expectTiling(chapters: Chapter[], durationSec: number): void {
  expect(chapters[0]!.start).toBe(0);
  expect(chapters.at(-1)!.end).toBe(durationSec);
  chapters.forEach((c, i) => {
    expect(c.end).toBeGreaterThan(c.start);
    if (i > 0) expect(c.start).toBe(chapters[i - 1]!.end);
  });
}

describe('chapterVideos on an 11-minute lesson (导入 → 周长的意义 → 例1 → 例2 → 练一练 → 小结)', () => {
  const { video, partStarts, partNames } = perimeterLesson();
  const [chapters] = chaptersOf(video) as [Chapter[]];

  it('covers the video end to end, in order, without overlaps', () => {
    expectTiling(chapters, video.durationSec);
  });

  it('makes a sensible number of chapters of usable length', () => {
    expect(chapters.length).toBeGreaterThanOrEqual(4);
    expect(chapters.length).toBeLessThanOrEqual(8);
    for (const c of chapters) {
      expect(c.end - c.start).toBeGreaterThanOrEqual(30);
      expect(c.end - c.start).toBeLessThanOrEqual(300);
    }
  });

  it('puts a boundary near every real part change', () => {
    const starts = chapters.map((c) => c.start);
    partStarts.slice(1).forEach((real, i) => {
      const nearest = Math.min(...starts.map((s) => Math.abs(s - real)));
      expect(nearest, `part ${partNames[i + 1]} at ${real}s`).toBeLessThanOrEqual(TOLERANCE_SEC);
    });
  });

  it('does not split a part at the silence while students work', () => {
    // 例1 has an 8-second pause after "请同学们先在探究单上自己算一算"; 练一练 a 10-second one.
    expect(chapters.length).toBe(partStarts.length);
  });

  it('titles chapters by what they are, not by number', () => {
    const titles = chapters.map((c) => c.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const title of titles) {
      expect(visibleLength(title)).toBeLessThanOrEqual(16);
      expect(title).not.toMatch(/^第\s*\d+\s*段|^片段\d*$|^视频片段$/u);
    }
    expect(titles[0]).toMatch(/^导入/u);
    expect(titles[1]).toContain('周长');
    expect(titles[2]).toMatch(/^例1：/u);
    expect(titles[3]).toMatch(/^例2：.*正方形/u);
    expect(titles[4]).toMatch(/^练一练/u);
    expect(titles[5]).toMatch(/^总结/u);
  });

  it('summarises each chapter with its own sentences, and lists 1–3 key points', () => {
    const spoken = video.cues.map((c) => c.text).join('');
    for (const c of chapters) {
      expect(visibleLength(c.summary)).toBeLessThanOrEqual(81);
      expect(c.keyPoints.length).toBeGreaterThanOrEqual(1);
      expect(c.keyPoints.length).toBeLessThanOrEqual(3);
      // Quoted, not invented: the first clause of the summary was said in the video.
      const firstClause = c.summary.split(/[，。？]/u)[0]!;
      expect(spoken).toContain(firstClause);
    }
    expect(chapters[2]!.summary + chapters[2]!.keyPoints.join('')).toMatch(/长方形/u);
    expect(chapters[5]!.summary).toMatch(/周长/u);
  });

  it('is deterministic', () => {
    expect(chapterVideos(transcriptsOf(video))).toEqual(chapterVideos(transcriptsOf(video)));
  });
});

describe('chapterVideos without pauses between parts (an edited recording)', () => {
  it('still finds the parts from what the teacher says', () => {
    const { video, partStarts } = perimeterLesson({ partGapSec: 0 });
    const [chapters] = chaptersOf(video) as [Chapter[]];
    expectTiling(chapters, video.durationSec);
    const starts = chapters.map((c) => c.start);
    for (const real of partStarts.slice(1)) {
      expect(Math.min(...starts.map((s) => Math.abs(s - real)))).toBeLessThanOrEqual(TOLERANCE_SEC);
    }
  });
});

describe('chapterVideos on short and several videos', () => {
  it('keeps a 90-second 微课 in one or two chapters, titled by its topic', () => {
    const { video } = squarePerimeterClip();
    expect(video.durationSec).toBeGreaterThan(80);
    expect(video.durationSec).toBeLessThan(100);
    const [chapters] = chaptersOf(video) as [Chapter[]];
    expectTiling(chapters, video.durationSec);
    expect(chapters.length).toBeLessThanOrEqual(2);
    expect(chapters[0]!.title).toContain('正方形');
    expect(chapters[0]!.title).not.toMatch(/^导入/u);
  });

  it('chapters each video separately, keyed by its id', () => {
    const lesson = perimeterLesson();
    const review = perimeterPracticeReview();
    const result = chapterVideos(transcriptsOf(lesson.video, review.video));
    expect(result.videos.map((v) => v.videoId)).toEqual(['V1', 'V2']);
    expectTiling(result.videos[1]!.chapters, review.video.durationSec);
    expect(result.videos[1]!.chapters.length).toBeLessThanOrEqual(3);
    expect(result.videos[0]).toEqual(chapterVideos(transcriptsOf(lesson.video)).videos[0]);
  });

  it('handles a video with a single cue', () => {
    const { video } = squarePerimeterClip();
    const one = { ...video, cues: video.cues.slice(0, 1), durationSec: 12 };
    const [chapters] = chaptersOf(one) as [Chapter[]];
    expect(chapters).toHaveLength(1);
    expectTiling(chapters, 12);
  });
});
