import { expect } from 'vitest';
import type { LessonPlan, NormalizedTranscripts, VideoOutline } from '../../../src/domain/index.js';

/** The invariants every outline must keep, whatever the input. */
export function expectWellFormed(result: VideoOutline, transcripts: NormalizedTranscripts, plan: LessonPlan): void {
  const durations = new Map(transcripts.videos.map((v) => [v.id, v.durationSec]));
  const files = new Map(transcripts.videos.map((v) => [v.id, v.file]));
  const order = (stepId: string) => plan.process.findIndex((step) => step.id === stepId);
  expect(result.videos.map((v) => v.id)).toEqual(transcripts.videos.map((v) => v.id));
  result.clips.forEach((clip, i) => {
    expect(clip.start).toBeGreaterThanOrEqual(0);
    expect(clip.end).toBeGreaterThan(clip.start);
    expect(clip.end).toBeLessThanOrEqual(durations.get(clip.videoId)!);
    expect(clip.end - clip.start).toBeLessThanOrEqual(360);
    // Tied to a real step, by id and name; in class order.
    expect(plan.process[order(clip.stepId)]?.name).toBe(clip.stepName);
    if (i > 0) expect(order(clip.stepId)).toBeGreaterThanOrEqual(order(result.clips[i - 1]!.stepId));
    for (const pause of clip.pauseQuestions) {
      expect(pause.at).toBeGreaterThan(clip.start);
      expect(pause.at).toBeLessThan(clip.end);
      expect(pause.question).toMatch(/[？?]$/u);
    }
    expect(clip.sources.length).toBeGreaterThan(0);
    for (const ref of clip.sources) {
      expect(ref.file).toBe(files.get(clip.videoId));
      expect(ref.page).toBeNull();
      expect(ref.at).toBeGreaterThanOrEqual(clip.start);
      expect(ref.at).toBeLessThan(clip.end);
    }
  });
  for (const video of transcripts.videos) {
    // Per video: clips in time order have non-decreasing steps and do not overlap; clips + unused tile the video.
    const clips = result.clips.filter((c) => c.videoId === video.id).sort((a, b) => a.start - b.start);
    clips.forEach((c, i) => {
      if (i === 0) return;
      expect(c.start).toBeGreaterThanOrEqual(clips[i - 1]!.end);
      expect(order(c.stepId)).toBeGreaterThanOrEqual(order(clips[i - 1]!.stepId));
    });
    const spans = [...clips, ...result.unused.filter((u) => u.videoId === video.id)].sort((a, b) => a.start - b.start);
    expect(spans[0]!.start).toBe(0);
    expect(spans.at(-1)!.end).toBe(video.durationSec);
    spans.forEach((s, i) => {
      if (i > 0) expect(s.start).toBeCloseTo(spans[i - 1]!.end, 6);
    });
  }
  for (const u of result.unused) expect(u.reason.length).toBeGreaterThan(0);
}
