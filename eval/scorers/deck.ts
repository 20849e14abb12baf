import { LAYOUT_BUDGETS, MAX_CHARS_PER_SLIDE, type Slide } from '../../src/domain/deck.js';
import { countChars, measureLines } from '../../src/render/pptx/fit.js';
import type { ScoreContext } from '../core/context.js';
import { type DeckReading, type DeckSlide, EMU_PER_PT, type Shape, slideText } from '../deck/read-pptx.js';
import { normalize, visibleChars } from '../text/overlap.js';
import { defineScorer, type Finding, type Score, shareWithoutProblems, verdict } from './define.js';
import { stepLabel } from './plan-parts.js';

/**
 * The deck scorers (课件检查) judge the .pptx a teacher opens, read back from
 * its XML, against the budgets the renderer itself works to
 * (`LAYOUT_BUDGETS`, `measureLines`) and DESIGN.md's classroom rules.
 */

function onDeck(ctx: ScoreContext, judge: (deck: DeckReading) => Score): Score {
  if (!ctx.deck) return verdict(0, 'C3', ctx.deckError ?? '没有生成课件文件');
  return judge(ctx.deck);
}

const noSlides: Score = { score: 0, findings: [{ field: 'C3', message: '课件没有任何一页' }] };
const slideField = (slide: DeckSlide) => `C3.slide[${slide.number}]`;

/** 每环节有页: every 环节 of the plan has at least one slide, and the file has every slide of the spec. */
export const deckCoverage = defineScorer({
  id: 'deck-coverage',
  title: '环节有课件',
  definition: '教学过程的每个环节至少有一页课件，课件文件包含脚本中的每一页',
  needs: ['T3', 'C2', 'C3'],
  targets: ['drop-step-slides'],
  threshold: 1,
  tolerance: 0,
  score: (ctx) =>
    onDeck(ctx, (deck) => {
      const { T3: plan, C2: spec } = ctx.results;
      const covered = new Set(spec.slides.map((slide) => slide.stepId));
      const items: (() => Finding[])[] = [
        ...plan.process.map(
          (step, i) => () => (covered.has(step.id) ? [] : [{ field: 'C2.slides', message: `${stepLabel(plan, i)}没有课件页` }]),
        ),
        () =>
          deck.slides.length === spec.slides.length
            ? []
            : [{ field: 'C3', message: `课件脚本有 ${spec.slides.length} 页，课件文件却有 ${deck.slides.length} 页` }],
      ];
      return shareWithoutProblems(items, (item) => item(), noSlides);
    }),
});

/** Width in characters and height need of a text box, measured the way PowerPoint lays it out. */
function overflowOf(shape: Shape): { needPt: number; roomPt: number } | null {
  const text = shape.text;
  if (!text || text.paragraphs.every((p) => p.text.trim() === '')) return null;
  const sz = text.runs.find((run) => run.sz !== null)?.sz ?? 1800;
  const emPt = sz / 100;
  let needPt = 0;
  for (const p of text.paragraphs) {
    const chars = Math.floor((shape.box.cx - text.insets.l - text.insets.r - p.marL) / (emPt * EMU_PER_PT));
    needPt += measureLines(p.text, Math.max(1, chars)) * (p.lineSpacingPt ?? emPt * 1.2) + p.spaceBeforePt;
  }
  return { needPt, roomPt: (shape.box.cy - text.insets.t - text.insets.b) / EMU_PER_PT };
}

const BOX_NAME: Record<string, string> = { title: '标题', body: '正文', link: '播放按钮' };

/** 文字在框内: every shape lies on the slide, and every text wraps to lines that fit its box's height. */
export const deckBoxes = defineScorer({
  id: 'deck-boxes',
  title: '文字在框内',
  definition: '每页的文字按实际字号和框宽折行后不超出文本框，所有图形都在页面之内',
  needs: ['C3'],
  targets: ['renderer-no-fit'],
  threshold: 1,
  tolerance: 0,
  score: (ctx) =>
    onDeck(ctx, (deck) =>
      shareWithoutProblems(
        deck.slides,
        (slide): Finding[] => {
          const problems: Finding[] = [];
          for (const shape of slide.shapes) {
            const { x, y, cx, cy } = shape.box;
            if (x < 0 || y < 0 || x + cx > deck.size.cx || y + cy > deck.size.cy) {
              problems.push({
                field: slideField(slide),
                message: `第 ${slide.number} 页的「${BOX_NAME[shape.name] ?? shape.name}」超出页面`,
              });
            }
            const fit = overflowOf(shape);
            if (fit && fit.needPt > fit.roomPt + 0.5) {
              const over = Math.round(fit.needPt - fit.roomPt);
              problems.push({
                field: slideField(slide),
                message: `第 ${slide.number} 页的${BOX_NAME[shape.name] ?? shape.name}文字超出文本框（约多出 ${over} 磅高）`,
              });
            }
          }
          return problems;
        },
        noSlides,
      ),
    ),
});

/** Fonts teachers' PCs have (fonts are not embedded): DESIGN.md names 微软雅黑 and 等线; the rest ship with Chinese Windows. */
const SAFE_FONTS = new Set([
  '微软雅黑',
  'Microsoft YaHei',
  '等线',
  'DengXian',
  '宋体',
  'SimSun',
  '黑体',
  'SimHei',
  '楷体',
  'KaiTi',
  '仿宋',
  'FangSong',
]);
/** Sizes in points by box (DESIGN.md: titles 36–44 pt, body ≥ 24 pt). */
const SIZE_BOUNDS: Record<string, [number, number]> = { title: [36, 44], body: [24, 44], link: [24, 44] };

/** 字体字号: titles 36–44 pt, body and button text at least 24 pt, a font teachers have, and lang zh-CN on every run. */
export const deckFonts = defineScorer({
  id: 'deck-fonts',
  title: '字体字号',
  definition: '标题 36–44 磅、正文不小于 24 磅，每段文字都指定教师电脑上有的中文字体并标注为中文',
  needs: ['C3'],
  targets: ['renderer-small-fonts'],
  threshold: 1,
  tolerance: 0,
  score: (ctx) =>
    onDeck(ctx, (deck) =>
      shareWithoutProblems(
        deck.slides,
        (slide): Finding[] => {
          const problems = new Set<string>();
          for (const shape of slide.shapes) {
            const bounds = SIZE_BOUNDS[shape.name];
            if (!bounds || !shape.text) continue;
            const box = BOX_NAME[shape.name] ?? shape.name;
            for (const run of shape.text.runs) {
              const pt = run.sz === null ? null : run.sz / 100;
              if (pt === null) problems.add(`第 ${slide.number} 页${box}没有指定字号`);
              else if (pt < bounds[0] || pt > bounds[1])
                problems.add(`第 ${slide.number} 页${box}字号 ${pt} 磅，应在 ${bounds[0]}–${bounds[1]} 磅`);
              if (!run.ea || !SAFE_FONTS.has(run.ea) || !run.latin || !SAFE_FONTS.has(run.latin)) {
                problems.add(`第 ${slide.number} 页${box}没有指定常用中文字体（现为 ${run.ea ?? run.latin ?? '未指定'}）`);
              }
              if (run.lang !== 'zh-CN') problems.add(`第 ${slide.number} 页${box}没有标注为中文（lang=${run.lang ?? '无'}）`);
            }
          }
          return [...problems].map((message) => ({ field: slideField(slide), message }));
        },
        noSlides,
      ),
    ),
});

/** 讲稿齐全: every slide has speaker notes of its own — not missing, and not just the slide's words again. */
export const deckNotes = defineScorer({
  id: 'deck-notes',
  title: '讲稿齐全',
  definition: '每页课件都有讲稿（备注），且不是把页面文字原样照抄',
  needs: ['C3'],
  targets: ['renderer-no-notes'],
  threshold: 1,
  tolerance: 0,
  score: (ctx) =>
    onDeck(ctx, (deck) =>
      shareWithoutProblems(
        deck.slides,
        (slide): Finding[] => {
          const notes = slide.notes ?? '';
          if (visibleChars(notes) < 6) return [{ field: slideField(slide), message: `第 ${slide.number} 页没有讲稿` }];
          if (normalize(notes) === normalize(slideText(slide)))
            return [{ field: slideField(slide), message: `第 ${slide.number} 页的讲稿只是照抄页面文字` }];
          return [];
        },
        noSlides,
      ),
    ),
});

/** A spec slide's text against its layout's budget. */
function budgetProblems(slide: Slide, number: number): string[] {
  const budget = LAYOUT_BUDGETS[slide.layout];
  const problems: string[] = [];
  if (measureLines(slide.title, budget.titleChars) > 1)
    problems.push(`标题「${slide.title.slice(0, 12)}…」一行放不下（限 ${budget.titleChars} 字）`);
  const lines = slide.body.reduce((sum, line) => sum + (line.trim() ? measureLines(line, budget.lineChars) : 0), 0);
  const chars = countChars(slide.body.join(''));
  if (lines > budget.maxLines || chars > budget.bodyChars) {
    problems.push(`正文 ${lines} 行、${chars} 字，超出版式上限 ${budget.maxLines} 行、${budget.bodyChars} 字`);
  }
  return problems.map((p) => `第 ${number} 页（${slide.layout}）${p}`);
}

/**
 * 每页字数: every slide's text keeps to its layout's budget (lines and
 * characters, DESIGN.md: about 6 lines and 100–150 characters) as C2 wrote
 * it, and the slide as drawn carries no more than `MAX_CHARS_PER_SLIDE`.
 * A spec over budget counts even though the renderer rescues it: what it cut
 * went to the notes, off the screen the class reads.
 */
export const deckBudget = defineScorer({
  id: 'deck-budget',
  title: '每页字数',
  definition: `每页课件的行数和字数在版式预算之内（约 6 行、整页不超过 ${MAX_CHARS_PER_SLIDE} 字），没有靠截断才放下的页`,
  needs: ['C2', 'C3'],
  targets: ['overflow-deck-text', 'renderer-no-fit'],
  threshold: 1,
  tolerance: 0,
  score: (ctx) =>
    onDeck(ctx, (deck) =>
      shareWithoutProblems(
        ctx.results.C2.slides,
        (slide, i): Finding[] => {
          const field = `C2.slides[${i}]`;
          const problems = budgetProblems(slide, i + 1).map((message) => ({ field, message }));
          const drawn = deck.slides[i];
          const onScreen =
            drawn?.shapes
              .filter((s) => s.name === 'title' || s.name === 'body')
              .flatMap((s) => s.text?.paragraphs.map((p) => p.text) ?? []) ?? [];
          const chars = countChars(onScreen.join(''));
          if (chars > MAX_CHARS_PER_SLIDE)
            problems.push({ field: `C3.slide[${i + 1}]`, message: `第 ${i + 1} 页屏幕上有 ${chars} 字，超过 ${MAX_CHARS_PER_SLIDE} 字` });
          return problems;
        },
        noSlides,
      ),
    ),
});
