import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { Slide } from '../../src/domain/deck.js';
import type { VideoOutline } from '../../src/domain/video.js';
import { deckTheme } from '../src/outputs/deck-theme.js';
import SlideView from '../src/outputs/SlideView.vue';
import VideoTimeline from '../src/outputs/VideoTimeline.vue';
import TextBlock from '../src/plan/TextBlock.vue';

describe('SlideView', () => {
  const clip: Slide = {
    id: 'D7',
    layout: 'clip',
    origin: 'material',
    title: '看视频：围一围，量一量',
    body: ['03:15–05:40', '长方形的周长怎样算最简便？'],
    notes: '播放前提醒学生注意老师怎样量。',
    stepId: 'S3',
    media: { url: 'https://basic.smartedu.cn/play?id=42', label: '同步课堂', start: 195.6, end: 340 },
  };

  it('draws the slide at 1280 × 720 with its title, body and a play link at the clip’s start', () => {
    const wrapper = mount(SlideView, { props: { slide: clip, theme: deckTheme('qingsong'), number: 7, interactive: true } });
    const slide = wrapper.find('.slide');
    expect(slide.attributes('style')).toContain('width: 1280px');
    expect(slide.attributes('style')).toContain('height: 720px');
    expect(slide.attributes('aria-label')).toBe('第 7 页：看视频：围一围，量一量');
    expect(wrapper.find('.title').text()).toBe('看视频：围一围，量一量');
    expect(wrapper.findAll('.body p').map((p) => p.text())).toEqual(clip.body);
    const play = wrapper.find('a.play');
    expect(play.attributes('href')).toBe('https://basic.smartedu.cn/play?id=42#t=195');
    expect(play.text()).toBe('▶ 播放视频 03:16–05:40');
  });

  it('as a thumbnail, has no link to tab into and takes the theme’s colours', () => {
    const wrapper = mount(SlideView, { props: { slide: clip, theme: deckTheme('heiban'), number: 7 } });
    expect(wrapper.find('a').exists()).toBe(false);
    expect(wrapper.find('.slide').attributes('style')).toContain('background: #23402F');
  });

  it('numbers the objectives slide’s lines', () => {
    const slide: Slide = {
      id: 'D2',
      layout: 'objectives',
      origin: 'template',
      title: '学习目标',
      body: ['说出周长的含义', '运用公式计算'],
      notes: 'n',
      stepId: null,
      media: null,
    };
    const wrapper = mount(SlideView, { props: { slide, theme: deckTheme('qingsong'), number: 2 } });
    expect(wrapper.findAll('.marker').map((m) => m.text())).toEqual(['1.', '2.']);
  });
});

describe('VideoTimeline', () => {
  const video = { id: 'V1', title: '长方形和正方形的周长', url: 'https://basic.smartedu.cn/play?id=42', durationSec: 600 };
  const clip = (start: number, end: number, title: string): VideoOutline['clips'][number] => ({
    videoId: 'V1',
    start,
    end,
    title,
    purpose: '讲解新知',
    stepId: 'S3',
    stepName: '探究新知',
    teacherBefore: 'b',
    teacherAfter: 'a',
    pauseQuestions: [],
    sources: [],
  });

  it('puts each clip at its place on the line, opening the video at its start', () => {
    const clips = [
      { clip: clip(60, 180, '什么是周长'), number: 1 },
      { clip: clip(300, 450, '长方形周长'), number: 2 },
    ];
    const wrapper = mount(VideoTimeline, { props: { video, clips, unused: [{ videoId: 'V1', start: 0, end: 60, reason: '片头' }] } });
    const links = wrapper.findAll('a.clip');
    expect(links.map((a) => a.attributes('href'))).toEqual([`${video.url}#t=60`, `${video.url}#t=300`]);
    expect(links[1]!.attributes('style')).toContain('left: 50%');
    expect(links[0]!.attributes('aria-label')).toBe('片段 1：什么是周长，01:00 到 03:00，打开视频');
    expect(wrapper.find('.unused').attributes('title')).toContain('片头');
  });

  it('without a video address, shows the clips without links', () => {
    const wrapper = mount(VideoTimeline, {
      props: { video: { ...video, url: null }, clips: [{ clip: clip(60, 180, 'x'), number: 1 }], unused: [] },
    });
    expect(wrapper.find('a').exists()).toBe(false);
    expect(wrapper.find('.clip').text()).toBe('1');
  });
});

describe('TextBlock', () => {
  it('shows where a text came from: its origin when the plan says, and its file and page', () => {
    const wrapper = mount(TextBlock, {
      props: {
        value: {
          text: '周长是封闭图形一周的长度。',
          origin: 'material',
          sources: [{ file: '教材.pdf', page: 82, at: null, quote: '封闭图形一周的长度' }],
        },
      },
    });
    expect(wrapper.find('.origin').text()).toBe('出自材料');
    expect(wrapper.find('.source').text()).toBe('教材.pdf 第 82 页');
    expect(wrapper.find('.source').attributes('title')).toBe('封闭图形一周的长度');
    expect(wrapper.attributes('data-origin')).toBe('material');
  });

  it('marks a blank for the teacher, and shows no origin when the plan carries none', () => {
    const blank = mount(TextBlock, { props: { value: { text: '【待教师补充：本班学情】', origin: 'blank', sources: [] } } });
    expect(blank.classes()).toContain('origin-blank');
    expect(blank.find('.origin').text()).toBe('待您填写');
    const old = mount(TextBlock, {
      props: { value: { text: '旧版教学设计的文字', sources: [{ file: '微课.srt', page: null, at: 135, quote: null }] } },
    });
    expect(old.find('.origin').exists()).toBe(false);
    expect(old.find('.source').text()).toBe('微课.srt 02:15');
  });
});
