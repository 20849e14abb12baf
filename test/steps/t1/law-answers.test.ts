import { describe, expect, it } from 'vitest';
import { lawAnswer, statedChoice } from '../../../src/steps/t1-digest/law-answers.js';

const optics = [{ page: 3, text: '在反射现象中，反射光线、入射光线和法线都在同一平面内；\n反射角等于入射角。这就是光的反射定律。' }];
const chemistry = [
  { page: 2, text: '大量实验证明，参加化学反应的各物质的质量总和，等于反应后\n生成的各物质的质量总和。这个规律叫做质量守恒定律。' },
];

describe('answers worked out from a law the book states (law-answers)', () => {
  it('works out the angle of reflection, only when the book states the law', () => {
    expect(lawAnswer('一束光与镜面成30°角射到平面镜上，反射角是多大？', optics)).toEqual({
      answer: '入射角＝90°－30°＝60°，反射角＝入射角＝60°',
      page: 3,
      law: '反射角等于入射角',
    });
    expect(lawAnswer('入射角是40°时，反射角是多少？', optics)?.answer).toBe('反射角＝入射角＝40°');
    expect(lawAnswer('一束光与镜面成30°角射到平面镜上，反射角是多大？', chemistry)).toBeNull();
    expect(lawAnswer('画出反射光线，并标出反射角的大小。', optics)).toBeNull();
  });

  it('works out the mass the law of conservation leaves, when exactly one substance has none given', () => {
    const exercise = '在化学反应 A＋B＝C＋D 中，20 g A 与一定量的 B 恰好完全反应，生成11 g C 和15 g D，则参加反应的 B的质量是多少？';
    expect(lawAnswer(exercise, chemistry)).toEqual({
      answer: 'B的质量＝11 g＋15 g－20 g＝6 g',
      page: 2,
      law: '参加化学反应的各物质的质量总和，等于反应后生成的各物质的质量总和',
    });
    // Two masses missing, or no law in the book: no key.
    expect(
      lawAnswer('在化学反应 A＋B＝C＋D 中，A 与一定量的 B 恰好完全反应，生成11 g C 和15 g D，则参加反应的 B的质量是多少？', chemistry),
    ).toBeNull();
    expect(lawAnswer(exercise, optics)).toBeNull();
  });

  it('keys a choice by the one option naming what the book states of its stem', () => {
    const pages = [{ page: 2, text: '近地面大气中的水汽能强烈吸收地面辐射。因此，地面是近地面大气主要的直接热源。' }];
    const exercise = '2. 近地面大气主要的直接热源是（　　）\nA. 太阳辐射　　B. 地面辐射　　C. 大气逆辐射　　D. 大气辐射';
    expect(statedChoice(exercise, pages)).toEqual({ answer: 'B（地面辐射）', page: 2, law: '因此，地面是近地面大气主要的直接热源。' });
    // Two options name it, or the book does not state the stem: no key.
    expect(statedChoice('近地面大气主要的直接热源是（　　） A. 地面辐射　　B. 地面反射', pages)).toBeNull();
    expect(statedChoice('对流层大气主要的直接热源是（　　） A. 太阳辐射　　B. 地面辐射', pages)).toBeNull();
  });
});
