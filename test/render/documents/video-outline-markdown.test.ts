import { describe, expect, it } from 'vitest';
import { renderVideoOutlineMarkdown } from '../../../src/render/video-outline-markdown.js';
import { makeOutline } from '../../support/fixtures/outline.js';
import { makePlan } from './fixture.js';

describe('renderVideoOutlineMarkdown', () => {
  const md = renderVideoOutlineMarkdown(makeOutline(), makePlan());
  const clipRows = md.split('\n').filter((l) => l.startsWith('| ['));

  it('lists the video with its title, duration and link', () => {
    expect(md).toContain('# 视频提纲：几分之一');
    expect(md).toContain('- V1《分数的初步认识》　时长 13:00　<https://basic.smartedu.cn/v/123>');
  });

  it('tables the clips in class order, each span linked to its start', () => {
    expect(md).toContain('| 时间段 | 服务环节 | 用途 | 播放前 | 播放后 | 暂停提问 |');
    expect(clipRows).toHaveLength(2);
    expect(clipRows[0]).toMatch(/^\| \[00:00–01:00\]\(https:\/\/basic\.smartedu\.cn\/v\/123#t=0\) \| 1\. 情境导入（5 分钟） \|/);
    expect(clipRows[1]).toMatch(/^\| \[02:15–04:30\]\(https:\/\/basic\.smartedu\.cn\/v\/123#t=135\) \| 2\. 探究新知（20 分钟） \|/);
    expect(clipRows[1]).toContain('| 03:20 为什么要对折两次？ |');
    expect(md).toContain('片段合计播放 03:15，本课 40 分钟。');
  });

  it('escapes | in a cell', () => {
    expect(clipRows[0]).toContain('引出"一半" \\| 板书');
    expect(clipRows[0]!.split(/(?<!\\)\|/)).toHaveLength(8);
  });

  it('lists the unused chapters with their reasons', () => {
    expect(md.slice(md.indexOf('## 未使用的章节'))).toContain('| 10:00–13:00 | 课外拓展内容，超出本课时间 |');
  });

  it('works without a plan or a URL, and names the video when there are several', () => {
    const outline = makeOutline();
    const two = {
      ...outline,
      videos: [...outline.videos.map((v) => ({ ...v, url: null })), { id: 'V2', title: '练习讲评', url: null, durationSec: 300 }],
    };
    const bare = renderVideoOutlineMarkdown(two, null);
    expect(bare.split('\n')[0]).toBe('# 视频提纲');
    expect(bare).toContain('（无链接）');
    expect(bare).toContain('| V1 00:00–01:00 | 情境导入 |');
    expect(bare).not.toContain('](');
  });

  it('follows a step the teacher renamed by its id, and shows the clip’s own step name when the step is gone', () => {
    const plan = makePlan();
    const renamed = { ...plan, process: plan.process.map((s, i) => (i === 0 ? { ...s, name: '复习旧知' } : s)) };
    expect(renderVideoOutlineMarkdown(makeOutline(), renamed)).toContain('| 1. 复习旧知（5 分钟） |');
    const removed = { ...plan, process: plan.process.filter((s) => s.id !== 'S1') };
    expect(renderVideoOutlineMarkdown(makeOutline(), removed)).toContain('| 情境导入 |');
  });
});
