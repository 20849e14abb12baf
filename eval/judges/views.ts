import { gradeLabel, LAYOUT_BUDGETS, type LessonPlan, schoolStage, TIER_LABEL } from '../../src/domain/index.js';
import { fence } from '../../src/llm/untrusted.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import type { ScoreContext } from '../core/context.js';

/** The lesson a draft was made for, as every judge prompt states it. */
function lessonView(ctx: ScoreContext): Record<string, string> {
  const { request } = ctx.evalCase;
  return {
    title: request.title,
    subject: request.subject,
    grade: gradeLabel(request.grade),
    stage: schoolStage(request.grade),
    periodMinutes: String(ctx.periodMinutes),
    classProfile: request.classProfile ?? '未说明',
  };
}

const SHEETS = [
  ['preStudy', '预学单（课前）'],
  ['exploration', '探究单（课中）'],
  ['masteryCheck', '达标检测单（课后）'],
] as const;

/** The three sheets (plan.md leaves them to sheets.docx), with each item's objectives, tier and answer key. */
function sheetsMarkdown(plan: LessonPlan): string {
  const parts = ['## 三单'];
  for (const [key, title] of SHEETS) {
    const sheet = plan.sheets[key];
    parts.push(`### ${title}`, sheet.instructions);
    for (const item of sheet.items) {
      const tags = [item.objectiveIds.length ? `目标 ${item.objectiveIds.join('、')}` : null, item.tier ? TIER_LABEL[item.tier] : null]
        .filter(Boolean)
        .join('，');
      const passage = item.passage ? `\n  材料：${item.passage.text.replace(/\n/g, ' / ')}` : '';
      const table = item.table ? `\n  表格：${[item.table.columns, ...item.table.rows].map((row) => row.join(' | ')).join(' / ')}` : '';
      parts.push(
        `- ${item.id}${tags ? `（${tags}）` : ''}：${item.prompt.text}${item.options ? `　选项：${item.options.join('；')}` : ''}${item.answer ? `　答案：${item.answer.text}` : ''}${passage}${table}`,
      );
    }
  }
  return parts.join('\n\n');
}

/**
 * The plan as the teacher reads it (the same Markdown as plan.md, with the
 * three sheets after it), fenced: a draft may quote material that says
 * "ignore your instructions".
 *
 * @example
 * renderPrompt(ciddp.prompt, planView(ctx)!)
 */
export function planView(ctx: ScoreContext): Record<string, unknown> | null {
  const plan = ctx.results.T3;
  if (!plan) return null;
  return { ...lessonView(ctx), plan: fence('待评审的教学设计', `${renderPlanMarkdown(plan)}\n${sheetsMarkdown(plan)}`) };
}

/**
 * The deck as the judge can see it without images: per slide its layout,
 * the sizes actually drawn, the words on screen and the speaker notes.
 */
export function deckView(ctx: ScoreContext): Record<string, unknown> | null {
  const spec = ctx.results.C2;
  if (!ctx.deck || !spec) return null;
  const slides = ctx.deck.slides.map((slide, i) => {
    const layout = spec.slides[i]?.layout ?? 'content';
    const box = (name: string) => slide.shapes.find((s) => s.name === name)?.text;
    const size = (name: string) => {
      const sz = box(name)?.runs.find((r) => r.sz !== null)?.sz;
      return sz ? `${sz / 100} 磅` : '—';
    };
    const body = box('body')?.paragraphs.map((p) => `  · ${p.text}`) ?? [];
    const link = box('link') ? ['  [视频播放按钮]'] : [];
    return [
      `第 ${slide.number} 页（版式 ${layout}，预算 ${LAYOUT_BUDGETS[layout].maxLines} 行；标题 ${size('title')}，正文 ${size('body')}）`,
      `  标题：${
        box('title')
          ?.paragraphs.map((p) => p.text)
          .join(' ') ?? '（无）'
      }`,
      ...body,
      ...link,
      `  讲稿：${(slide.notes || '（无）').replace(/\n/g, ' ')}`,
    ].join('\n');
  });
  return { ...lessonView(ctx), slideCount: String(slides.length), deck: fence('待评审的课件', slides.join('\n\n')) };
}
