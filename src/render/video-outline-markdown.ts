import { type Clip, formatClock, gradeLabel, type LessonPlan, type VideoOutline } from '../domain/index.js';
import { mdRow } from './plan-markdown.js';

const span = (start: number, end: number) => `${formatClock(start)}–${formatClock(end)}`;

/**
 * `url#t=75` starts most players (HTML5 media fragments, Bilibili, 国家中小学智慧教育平台
 * pages that embed HTML5 video) at the clip. Characters that end a Markdown
 * link or a table cell are percent-encoded.
 */
function clipLink(url: string, start: number): string {
  const base = url.split('#')[0] ?? url;
  return `${base}#t=${Math.floor(start)}`.replace(/[ ()<>|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The 环节 a clip serves, found by its id: a step the teacher renamed or moved
 * is still the same step. A clip whose step is gone shows the name it had.
 */
function stepLabel(clip: Clip, plan: LessonPlan | null): string {
  const index = plan?.process.findIndex((step) => step.id === clip.stepId) ?? -1;
  const step = plan?.process[index];
  return step ? `${index + 1}. ${step.name}（${step.minutes} 分钟）` : clip.stepName;
}

/**
 * The 视频提纲 as Markdown: the videos, the clips in class order with what the
 * teacher does around each, and the chapters left out with why.
 *
 * @example
 * await writeFile('video-outline.md', renderVideoOutlineMarkdown(outline, plan));
 */
export function renderVideoOutlineMarkdown(outline: VideoOutline, plan: LessonPlan | null): string {
  const videos = new Map(outline.videos.map((v) => [v.id, v]));
  // With one video "02:00–04:30" is enough; with several, say which video the span is in.
  const where = (videoId: string, start: number, end: number) =>
    outline.videos.length > 1 ? `${videoId} ${span(start, end)}` : span(start, end);

  const parts = [plan ? `# 视频提纲：${plan.title.text}` : '# 视频提纲'];
  if (plan) parts.push([plan.subject, gradeLabel(plan.grade), plan.edition].filter(Boolean).join(' · '));

  parts.push('## 视频');
  parts.push(
    outline.videos
      .map((v) => `- ${v.id}《${v.title}》　时长 ${formatClock(v.durationSec)}　${v.url ? `<${v.url}>` : '（无链接）'}`)
      .join('\n'),
  );

  parts.push('## 课堂使用片段（按教学环节顺序）');
  const order = (clip: Clip) => plan?.process.findIndex((step) => step.id === clip.stepId) ?? 0;
  const clips = outline.clips.toSorted((a, b) => order(a) - order(b));
  if (clips.length === 0) {
    parts.push('（没有片段被选入课堂。）');
  } else {
    const header = ['时间段', '服务环节', '用途', '播放前', '播放后', '暂停提问'];
    const rows = clips.map((clip) => {
      const url = videos.get(clip.videoId)?.url;
      const label = where(clip.videoId, clip.start, clip.end);
      // The label is built from digits and the video id only, so it needs no escaping inside [ ].
      const time = url ? `[${label}](${clipLink(url, clip.start)})` : label;
      const pauses = clip.pauseQuestions.map((q) => `${formatClock(q.at)} ${q.question}`).join('\n') || '—';
      return mdRow([time, stepLabel(clip, plan), `${clip.title}：${clip.purpose}`, clip.teacherBefore, clip.teacherAfter, pauses]);
    });
    const playing = clips.reduce((sum, c) => sum + (c.end - c.start), 0);
    parts.push(
      [mdRow(header), `|${header.map(() => ' --- |').join('')}`, ...rows].join('\n'),
      `片段合计播放 ${formatClock(playing)}${plan ? `，本课 ${plan.periodMinutes} 分钟` : ''}。`,
    );
  }

  parts.push('## 未使用的章节');
  parts.push(
    outline.unused.length === 0
      ? '（视频各章节均已使用。）'
      : [
          mdRow(['时间段', '未使用原因']),
          '| --- | --- |',
          ...outline.unused.map((u) => mdRow([where(u.videoId, u.start, u.end), u.reason])),
        ].join('\n'),
  );
  return `${parts.join('\n\n')}\n`;
}
