import { LAYOUT_BUDGETS, type Slide } from '../../domain/deck.js';
import { fitTitle, fitToBudget, overflowOf } from './fit.js';
import { BODY_MARKER } from './geometry.js';

/** "1. " "1、" "（1）" "(1)" "①" "一、" at the start of a line: a number the writer typed. */
const TYPED_NUMBER = /^\s*(?:\d{1,2}\s*[.．、)）]|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]、)\s*/u;
/** "• " "· " "- " "● " "* " at the start of a line: a bullet the writer typed. */
const TYPED_BULLET = /^\s*[•·●○▪\-*]\s+/u;

/**
 * A body line without the marker its layout draws itself: the objectives
 * layout numbers its lines, so a model's "1. 能说出…" would read "1. 1. 能说出…".
 *
 * @example
 * withoutTypedMarker('1. 能说出周长的含义', 'objectives') // '能说出周长的含义'
 */
export function withoutTypedMarker(line: string, layout: Slide['layout']): string {
  const marker = BODY_MARKER[layout];
  if (marker === 'number') return line.replace(TYPED_NUMBER, '');
  if (marker === 'bullet') return line.replace(TYPED_BULLET, '');
  return line;
}

/**
 * The renderer's own check of the C2 contract (预算把关). A spec written by a
 * model may break the budgets; drawing it as given would push text off the
 * slide, so the slide is fitted here and whatever is cut goes to the notes,
 * with a warning the teacher sees.
 */
export function guardSlide<S extends Pick<Slide, 'layout' | 'title' | 'body' | 'notes' | 'media'>>(
  slide: S,
  number: number,
): { slide: S; warnings: string[] } {
  const budget = LAYOUT_BUDGETS[slide.layout];
  const warnings: string[] = [];
  const moved: string[] = [];

  const title = fitTitle(slide.title.trim() || '（无标题）', budget);
  if (title.truncated) {
    warnings.push(`第 ${number} 页标题超过 ${budget.titleChars} 字，已缩短，完整标题移入讲稿`);
    moved.push(slide.title);
  }
  const lines = slide.body.map((line) => withoutTypedMarker(line, slide.layout));
  const body = fitToBudget(lines, budget);
  if (body.truncated) {
    warnings.push(`第 ${number} 页文字超出版面（${budget.maxLines} 行、${budget.bodyChars} 字），放不下的内容移入讲稿`);
    moved.push(...overflowOf(lines, body.lines));
  }
  let notes = slide.notes.trim();
  if (!notes) {
    warnings.push(`第 ${number} 页没有讲稿，已用标题和正文代替`);
    notes = [slide.title, ...slide.body].join('\n');
  }
  if (slide.layout === 'clip' && !slide.media) {
    warnings.push(`第 ${number} 页的视频片段没有在线地址，只显示了时间`);
  }
  if (moved.length > 0) notes = `${notes}\n（屏幕上放不下的内容）\n${moved.join('\n')}`;
  return { slide: { ...slide, title: title.title, body: body.lines, notes }, warnings };
}
