import { describe, expect, it } from 'vitest';
import { transitionIn } from '../../../src/steps/v2-chapters/discourse.js';
import { chooseBoundaries } from '../../../src/steps/v2-chapters/segmentation.js';
import { toUtterances } from '../../../src/steps/v2-chapters/utterances.js';
import { assignSteps } from '../../../src/steps/v3-outline/align.js';
import { affinity } from '../../../src/steps/v3-outline/role-affinity.js';

const cue = (index: number, start: number, end: number, text: string) => ({ index, start, end, text });

describe('toUtterances', () => {
  it('re-joins a sentence split over cues and restores its question mark', () => {
    const [u] = toUtterances([cue(1, 0, 2, '那这个常数A呢'), cue(2, 2, 3, '它重要吗')]);
    expect(u).toMatchObject({ start: 0, end: 3, text: '那这个常数A呢，它重要吗？', question: true });
  });

  it('ends a sentence at a pause, a final particle, or a transition', () => {
    const texts = toUtterances([
      cue(1, 0, 2, '长方形的周长等于长加宽的和乘2'),
      cue(2, 3.5, 5, '单位千万别忘了写'),
      cue(3, 5, 7, '这里要注意啊'),
      cue(4, 7, 9, '接下来我们看例2'),
    ]).map((u) => u.text);
    expect(texts).toEqual(['长方形的周长等于长加宽的和乘2。', '单位千万别忘了写，这里要注意啊。', '接下来我们看例2。']);
  });
});

describe('transitionIn', () => {
  it('weighs announced parts over bare transitions and ignores mentions', () => {
    expect(transitionIn('好，接下来我们看例1')).toEqual({ kind: 'example', label: '例1', strength: 1.2, itemHeading: false });
    expect(transitionIn('首先是第一问')?.label).toBe('第一问');
    expect(transitionIn('下面我们来练一练')).toMatchObject({ kind: 'practice', label: '练一练' });
    expect(transitionIn('总结一下，今天我们学习了什么？')).toMatchObject({ kind: 'summary' });
    expect(transitionIn('那什么是周长呢？')).toMatchObject({ kind: 'concept', label: '什么是周长' });
    expect(transitionIn('第二题，一个正方形的边长是7厘米')).toMatchObject({ itemHeading: true, strength: 0.6 });
    expect(transitionIn('首先它是根号套根号的形式')).toEqual({ kind: null, label: null, strength: 0.4, itemHeading: false });
    // A part named mid-sentence is not a heading; "那个" is not the filler "那".
    expect(transitionIn('我们第一问已经求了a1的值')).toBeNull();
    expect(transitionIn('那个图形没有封闭')).toBeNull();
  });
});

describe('chooseBoundaries', () => {
  it('takes strong evidence, skips weak evidence, and keeps chapters ≥ 20 s', () => {
    expect(chooseBoundaries([0, 40, 95, 150], [0, 0.2, 1.9, 0.3], 200)).toEqual([2]);
    expect(chooseBoundaries([0, 10, 95], [0, 3, 0.1], 120)).toEqual([]);
  });

  it('splits an over-long stretch even without evidence', () => {
    const times = Array.from({ length: 60 }, (_, i) => i * 10);
    expect(
      chooseBoundaries(
        times,
        times.map(() => 0),
        600,
      ).length,
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('assignSteps', () => {
  it('assigns chapters to steps in class order, leaving weak or out-of-order ones unused', () => {
    expect(
      assignSteps([
        [0.9, 0.1],
        [0.2, 0.8],
      ]),
    ).toEqual([0, 1]);
    // The second chapter fits step 0 best, but the video has already moved past it …
    expect(
      assignSteps([
        [0.1, 0.9],
        [0.8, 0.2],
      ]),
    ).toEqual([1, null]);
    // … unless it fits step 0 so much better that dropping the first chapter pays.
    expect(
      assignSteps([
        [0.1, 0.9],
        [0.95, 0.2],
      ]),
    ).toEqual([null, 0]);
    expect(assignSteps([[0.2, 0.3]])).toEqual([null]);
  });
});

describe('affinity', () => {
  it('matches the video’s parts to the roles the plan gives its steps', () => {
    expect(affinity('intro', 'lead-in')).toBe(1);
    expect(affinity('example', 'new-content')).toBe(1);
    expect(affinity('example', 'group-inquiry')).toBe(1);
    expect(affinity('practice', 'check')).toBe(1);
    expect(affinity('summary', 'summary')).toBe(1);
    // Nothing in a video serves 布置作业, and a 导入 part does not close a lesson.
    expect(affinity('practice', 'homework')).toBe(0);
    expect(affinity('intro', 'summary')).toBe(0);
  });
});
