import { describe, expect, it } from 'vitest';
import { type LessonPlan, type NormalizedTranscripts, VideoOutline } from '../../../src/domain/index.js';
import { chapterVideos } from '../../../src/steps/v2-chapters/offline.js';
import { outlineVideos } from '../../../src/steps/v3-outline/offline.js';
import { makePlan } from '../../support/fixtures/plan.js';
import { perimeterLesson, perimeterPracticeReview, squarePerimeterClip, transcriptsOf } from '../../support/fixtures/transcript.js';
import { expectWellFormed } from './expect-outline.js';

function outline(transcripts: NormalizedTranscripts, plan: LessonPlan = makePlan()): VideoOutline {
  return VideoOutline.parse(outlineVideos(transcripts, chapterVideos(transcripts), plan));
}

describe('outlineVideos: the 11-minute lesson against its own plan', () => {
  const plan = makePlan();
  const { video } = perimeterLesson();
  const transcripts = transcriptsOf(video);
  const result = outline(transcripts, plan);

  it('keeps every invariant (inside the video, class order, no overlap, cited)', () => {
    expectWellFormed(result, transcripts, plan);
  });

  it('gives the video’s 导入 to 情境导入, its 练一练 to 巩固练习, its 总结 to 课堂小结, nothing to 布置作业', () => {
    const byStep = (name: string) => result.clips.filter((c) => c.stepName === name);
    expect(byStep('情境导入')[0]).toMatchObject({ start: 0, purpose: '情境导入' });
    expect(byStep('巩固练习')[0]?.title).toMatch(/练一练/u);
    expect(byStep('巩固练习')[0]?.purpose).toBe('巩固练习');
    expect(byStep('课堂小结')[0]?.purpose).toBe('总结回顾');
    expect(byStep('布置作业')).toHaveLength(0);
  });

  it('puts the worked examples under the steps that teach them (例1 → 探究新知, 例2 → 合作探究)', () => {
    const titled = (re: RegExp) => result.clips.find((c) => re.test(c.title));
    expect(titled(/例1/u)?.stepName).toBe('探究新知');
    expect(titled(/例2/u)?.stepName).toBe('合作探究');
    expect(titled(/例2/u)?.purpose).toBe('示范例题');
  });

  it('merges adjacent chapters of one step into one clip within the step’s minutes', () => {
    for (const step of plan.process) {
      const seconds = result.clips.filter((c) => c.stepId === step.id).reduce((s, c) => s + c.end - c.start, 0);
      expect(seconds).toBeLessThanOrEqual(step.minutes * 60);
    }
    const teach = result.clips.filter((c) => c.stepName === '探究新知');
    expect(teach).toHaveLength(1);
    expect(teach[0]!.title).toContain('；');
  });

  it('writes teacher moves that name the key term and quote the video', () => {
    for (const clip of result.clips) {
      expect(clip.teacherBefore).toMatch(/^播放前：/u);
      expect(clip.teacherAfter).toMatch(/^播放后：/u);
    }
    const example2 = result.clips.find((c) => /例2/u.test(c.title))!;
    expect(example2.teacherBefore).toContain('正方形');
    expect(example2.teacherBefore).toContain('花边长多少分米');
    expect(example2.teacherAfter).toContain('正方形的周长等于边长乘4');
    // A sheet item of the plan, not a made-up one.
    expect(example2.teacherAfter).toContain('探究单第 3 题');
    const practice = result.clips.find((c) => c.stepName === '巩固练习')!;
    expect(practice.teacherAfter).toContain('达标检测单');
  });

  it('pauses after real questions, before the video answers them', () => {
    const questions = result.clips.flatMap((c) => c.pauseQuestions);
    expect(questions.length).toBeGreaterThanOrEqual(result.clips.length);
    const asked = questions.map((q) => q.question).join('\n');
    expect(asked).toContain('栅栏长多少米？');
    // Attention checks are not pause questions.
    expect(asked).not.toMatch(/^(?:描好了吗|大家都做对了吗)？$/mu);
    for (const clip of result.clips) expect(clip.pauseQuestions.length).toBeLessThanOrEqual(3);
  });

  it('is deterministic', () => {
    expect(outline(transcripts, plan)).toEqual(result);
  });
});

describe('outlineVideos: other inputs', () => {
  it('puts a 90-second 微课 under the step that teaches its topic (and its 试一试 under practice)', () => {
    const plan = makePlan();
    const transcripts = transcriptsOf(squarePerimeterClip().video);
    const result = outline(transcripts, plan);
    expectWellFormed(result, transcripts, plan);
    expect(result.clips.length).toBeGreaterThanOrEqual(1);
    expect(result.clips.length).toBeLessThanOrEqual(2);
    const [explanation, tryIt] = result.clips;
    expect(explanation).toMatchObject({ start: 0, stepName: '合作探究', purpose: '讲解新知' });
    expect(explanation!.teacherAfter).toContain('正方形的周长等于边长乘4');
    expect(explanation!.pauseQuestions.map((q) => q.question)).toEqual(['想一想，正方形的四条边有什么特点？']);
    if (tryIt) expect(tryIt.stepName).toBe('巩固练习');
  });

  it('handles two videos: each in class order, the outline sorted by step, budgets shared', () => {
    const plan = makePlan();
    const transcripts = transcriptsOf(perimeterLesson().video, perimeterPracticeReview().video);
    const result = outline(transcripts, plan);
    expectWellFormed(result, transcripts, plan);
    const review = result.clips.filter((c) => c.videoId === 'V2');
    expect(review.length).toBeGreaterThan(0);
    expect(review.every((c) => c.stepName === '巩固练习' && c.purpose === '巩固练习')).toBe(true);
    for (const step of plan.process) {
      const seconds = result.clips.filter((c) => c.stepId === step.id).reduce((s, c) => s + c.end - c.start, 0);
      expect(seconds).toBeLessThanOrEqual(step.minutes * 60);
    }
  });

  it('trims to the most relevant part when a step has fewer minutes than the video offers', () => {
    const base = makePlan();
    const process = base.process.map((s) => ({ ...s }));
    process[1]!.minutes = 2; // 探究新知: 2 minutes instead of 12 …
    process[5]!.minutes += 10; // … so the period still adds up.
    const plan = makePlan({ process });
    const transcripts = transcriptsOf(perimeterLesson().video);
    const result = outline(transcripts, plan);
    expectWellFormed(result, transcripts, plan);
    const teach = result.clips.filter((c) => c.stepId === 'S2');
    expect(teach.reduce((s, c) => s + c.end - c.start, 0)).toBeLessThanOrEqual(120);
    expect(result.unused.some((u) => u.reason.includes('超出「探究新知」环节时长'))).toBe(true);
  });

  it('lists a video about another lesson as unused, with the reason', () => {
    const plan = makePlan({
      title: { text: '分数的初步认识', origin: 'teacher', sources: [] },
      keyPoints: [{ text: '认识几分之一，会读写几分之一', origin: 'model', sources: [] }],
      difficultPoints: [{ text: '理解几分之一的含义：平均分', origin: 'model', sources: [] }],
      objectives: makePlan().objectives.map((o) => ({ ...o, text: '能说出几分之一表示把一个物体平均分成几份' })),
    });
    const transcripts = transcriptsOf(perimeterLesson().video);
    const result = outline(transcripts, plan);
    expect(result.clips).toHaveLength(0);
    expect(result.unused.every((u) => u.reason === '整个视频与本课内容无关')).toBe(true);
  });

  it('chapters a video itself when V2 gave no chapters for it', () => {
    const plan = makePlan();
    const transcripts = transcriptsOf(perimeterLesson().video, perimeterPracticeReview().video);
    const chapters = chapterVideos(transcripts);
    const partial = { videos: chapters.videos.filter((v) => v.videoId === 'V1') };
    const result = VideoOutline.parse(outlineVideos(transcripts, partial, plan));
    expect(result).toEqual(outline(transcripts, plan));
  });
});
