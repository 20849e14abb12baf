import { beforeAll, describe, expect, it } from 'vitest';
import { DeckSpec, LAYOUT_BUDGETS, type Slide, type SlideLayout } from '../../../src/domain/deck.js';
import { countChars, measureLines } from '../../../src/render/pptx/fit.js';
import { listThemes, loadTheme, renderDeck } from '../../../src/render/pptx/index.js';
import { buildDeckBrief } from '../../../src/steps/c1-brief/offline.js';
import { writeDeckSpec } from '../../../src/steps/c2-spec/offline.js';
import { makePlan, makePlanOutline } from '../../support/fixtures/plan.js';
import { boxes, type Deck, EMU_PER_PT, openDeck, relsOf, SLIDE_EMU, type TextShape, textShapes, zipEntries } from './pptx-package.js';

const plan = makePlan();
const outline = makePlanOutline();

function specFor(theme: string): DeckSpec {
  return DeckSpec.parse(writeDeckSpec(buildDeckBrief(plan, outline, theme), plan, outline));
}

const PATTERN = '长方形的周长＝（长＋宽）×2，长 6 厘米、宽 4 厘米的长方形，周长是 20 厘米。Perimeter 就是一周的长度！';

/** Lines that fill `lines` lines of `lineChars` ems and at most `maxChars` characters, mixing Chinese, numbers and Latin. */
function fill(lineChars: number, lines: number, maxChars: number): string[] {
  const out: string[] = [];
  let used = 0;
  let at = 0;
  for (let i = 0; i < lines && used < maxChars; i++) {
    let line = '';
    while (used + countChars(line) < maxChars) {
      const next = line + (PATTERN[at % PATTERN.length] as string);
      if (measureLines(next, lineChars) > 1) break;
      line = next;
      at++;
    }
    out.push(line.trim());
    used += countChars(line);
  }
  return out;
}

/** One slide per layout with its title and body filled to the budget: the boxes must still hold them. */
function fullBudgetSlides(): Slide[] {
  return Object.entries(LAYOUT_BUDGETS).map(([layout, budget]) => ({
    layout: layout as SlideLayout,
    title: fill(budget.titleChars, 1, budget.titleChars)[0] as string,
    body: fill(budget.lineChars, budget.maxLines, budget.bodyChars),
    id: layout,
    notes: `满版测试：${layout}`,
    stepId: layout === 'cover' ? null : 'S1',
    origin: 'template',
    media: layout === 'clip' ? { url: 'https://example.org/v?id=1&p=2', label: '视频', start: 3725, end: 3850 } : null,
  }));
}

/** Lines the box's paragraphs wrap to at its real width, and whether their height fits the box. */
function overflowOf(shape: TextShape): { lines: number; needPt: number; roomPt: number } {
  const sz = shape.runs.find((run) => run.sz !== null)?.sz ?? 1800;
  const em = (sz / 100) * EMU_PER_PT;
  let lines = 0;
  let needPt = 0;
  for (const p of shape.paragraphs) {
    const chars = Math.floor((shape.ext.cx - shape.insets.l - shape.insets.r - p.marL) / em);
    const wrapped = measureLines(p.text, chars);
    lines += wrapped;
    needPt += wrapped * (p.lineSpacingPt ?? (sz / 100) * 1.2) + p.spaceBeforePt;
  }
  return { lines, needPt, roomPt: (shape.ext.cy - shape.insets.t - shape.insets.b) / EMU_PER_PT };
}

describe.each(listThemes())('renderDeck with theme %s', (themeName) => {
  let spec: DeckSpec;
  let deck: Deck;
  let bytes: Uint8Array;
  let fonts: Set<string>;

  beforeAll(async () => {
    const theme = await loadTheme(themeName);
    fonts = new Set([theme.fonts.title, theme.fonts.body]);
    const fixture = specFor(themeName);
    spec = { ...fixture, slides: [...fixture.slides, ...fullBudgetSlides()] };
    const rendered = await renderDeck(spec, { theme, edition: plan.edition });
    expect(rendered.warnings).toEqual([]);
    bytes = rendered.bytes;
    deck = await openDeck(bytes);
  });

  it('writes one slide part per spec slide, listed in presentation.xml', async () => {
    expect(deck.slides).toHaveLength(spec.slides.length);
    const presentation = await deck.text('ppt/presentation.xml');
    expect(presentation.match(/<p:sldId\b/g)).toHaveLength(spec.slides.length);
  });

  it('gives every slide a notes part with the spec notes, in Chinese', async () => {
    for (const [i, slide] of deck.slides.entries()) {
      const notesPart = (await relsOf(deck, slide)).find((rel) => rel.type === 'notesSlide');
      expect(notesPart, slide).toBeDefined();
      const xml = await deck.text(`ppt/notesSlides/${notesPart?.target.split('/').pop()}`);
      const body = xml.slice(xml.indexOf('type="body"'), xml.indexOf('type="sldNum"'));
      const text = [...body.matchAll(/<a:t>([\s\S]*?)<\/a:t>/g)].map((m) => m[1]).join('\n');
      expect(text.trim().length, slide).toBeGreaterThan(0);
      expect(text).toContain((spec.slides[i] as Slide).notes.split('\n')[0]?.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
      expect(body).not.toMatch(/lang="en-US"/);
    }
  });

  it('sets zh-CN and a theme font on every run, never autofit, with readable sizes', async () => {
    for (const slide of deck.slides) {
      const xml = await deck.text(slide);
      expect(xml, slide).not.toMatch(/normAutofit|spAutoFit|fontScale/);
      for (const shape of textShapes(xml)) {
        expect(shape.runs.length, `${slide} ${shape.name}`).toBeGreaterThan(0);
        for (const run of shape.runs) {
          expect(run.lang, slide).toBe('zh-CN');
          expect(fonts.has(run.latin ?? ''), `${slide} latin ${run.latin}`).toBe(true);
          expect(fonts.has(run.ea ?? ''), `${slide} ea ${run.ea}`).toBe(true);
          expect(run.sz, slide).not.toBeNull();
          expect(run.sz ?? 0, `${slide} ${shape.name}`).toBeGreaterThanOrEqual(shape.name === 'title' ? 3200 : 2400);
        }
      }
    }
  });

  it('keeps every box inside the 16:9 slide', async () => {
    for (const slide of deck.slides) {
      for (const box of boxes(await deck.text(slide))) {
        expect(box.x, slide).toBeGreaterThanOrEqual(0);
        expect(box.y, slide).toBeGreaterThanOrEqual(0);
        expect(box.x + box.cx, slide).toBeLessThanOrEqual(SLIDE_EMU.cx);
        expect(box.y + box.cy, slide).toBeLessThanOrEqual(SLIDE_EMU.cy);
      }
    }
    const presentation = await deck.text('ppt/presentation.xml');
    expect(presentation).toContain(`<p:sldSz cx="${SLIDE_EMU.cx}" cy="${SLIDE_EMU.cy}"`);
  });

  it('fits every text in its box when measured at the box width (titles on one line)', async () => {
    for (const slide of deck.slides) {
      for (const shape of textShapes(await deck.text(slide))) {
        const { lines, needPt, roomPt } = overflowOf(shape);
        expect(needPt, `${slide} ${shape.name}: ${shape.paragraphs.map((p) => p.text).join(' / ')}`).toBeLessThanOrEqual(roomPt);
        if (shape.name === 'title' || shape.name === 'link') expect(lines, `${slide} ${shape.name}`).toBe(1);
      }
    }
  });

  it('writes schema-valid paragraphs: one <a:pPr>, first', async () => {
    for (const slide of deck.slides) {
      for (const shape of textShapes(await deck.text(slide))) {
        for (const p of shape.paragraphs) {
          expect(p.pPrCount, `${slide} ${p.text}`).toBeLessThanOrEqual(1);
          expect(p.pPrFirst, `${slide} ${p.text}`).toBe(true);
        }
      }
    }
  });

  it('lists in [Content_Types].xml only parts that exist, and every slide and notes part', async () => {
    const types = await deck.text('[Content_Types].xml');
    const overrides = [...types.matchAll(/<Override PartName="\/([^"]+)"/g)].map((m) => m[1] as string);
    for (const part of overrides) expect(deck.names, part).toContain(part);
    for (const part of deck.names.filter((name) => /^ppt\/(slides|notesSlides|slideMasters)\/[^/]+\.xml$/.test(name))) {
      expect(overrides, part).toContain(part);
    }
  });

  it('compresses every entry with DEFLATE', () => {
    const entries = zipEntries(bytes);
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) expect(entry.method, entry.name).toBe(8);
  });

  it('links each clip slide to the video at its start time, keeping the query', async () => {
    const clipSlides = spec.slides.flatMap((slide, i) => (slide.layout === 'clip' ? [{ slide, part: deck.slides[i] as string }] : []));
    expect(clipSlides).toHaveLength(outline.clips.length + 1);
    for (const { slide, part } of clipSlides) {
      const links = (await relsOf(deck, part)).filter((rel) => rel.type === 'hyperlink');
      expect(links).toHaveLength(1);
      expect(links[0]?.mode).toBe('External');
      expect(links[0]?.target).toBe(`${slide.media?.url}#t=${Math.floor(slide.media?.start ?? -1)}`);
      expect(links[0]?.target).toMatch(/\?[^#]+#t=\d+$/);
    }
  });

  it('renders the same spec to the same bytes', async () => {
    const again = await renderDeck(spec, { theme: await loadTheme(themeName), edition: plan.edition });
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('renderDeck guards the budget contract', () => {
  it('moves text that a spec squeezed past its budget into the notes, with a warning', async () => {
    const long = '这是一句很长的话，'.repeat(30);
    const spec: DeckSpec = {
      title: '越界检查',
      theme: 'qingsong',
      slides: [
        { layout: 'cover', title: '越界检查', body: [], notes: '封面', stepId: null, media: null, origin: 'model', id: 'x1' },
        {
          layout: 'content',
          title: '一个远远超过十八个字的标题会被缩短并移到讲稿里',
          body: [long],
          notes: '讲稿',
          stepId: 'S1',
          media: null,
          origin: 'model',
          id: 'x2',
        },
        { layout: 'summary', title: '小结', body: ['要点'], notes: ' ', stepId: 'S1', media: null, origin: 'model', id: 'x3' },
      ],
    };
    const { bytes, warnings } = await renderDeck(spec, { theme: await loadTheme('qingsong') });
    expect(warnings.join('\n')).toMatch(/第 2 页标题/);
    expect(warnings.join('\n')).toMatch(/第 2 页文字超出版面/);
    expect(warnings.join('\n')).toMatch(/第 3 页没有讲稿/);
    const deck = await openDeck(bytes);
    const notes = await deck.text('ppt/notesSlides/notesSlide2.xml');
    expect(notes).toContain('一个远远超过十八个字的标题会被缩短并移到讲稿里');
    expect(notes.replace(/<[^>]+>/g, '')).toContain(long);
    const [, body] = textShapes(await deck.text(deck.slides[1] as string));
    expect(body && overflowOf(body).needPt).toBeLessThanOrEqual(body ? overflowOf(body).roomPt : 0);
  });

  it('never numbers a line twice: the objectives layout drops the numbers a writer typed, a bullet layout its bullets', async () => {
    const spec: DeckSpec = {
      title: '编号',
      theme: 'qingsong',
      slides: [
        { id: 'cover', layout: 'cover', title: '编号', body: [], notes: '封面', stepId: null, media: null, origin: 'model' },
        {
          id: 'goals',
          layout: 'objectives',
          title: '学习目标',
          body: ['1. 能说出周长的含义', '（2）能计算长方形的周长', '③ 能比较算法'],
          notes: '目标',
          stepId: null,
          media: null,
          origin: 'model',
        },
        {
          id: 'S1.1',
          layout: 'summary',
          title: '小结',
          body: ['• 周长是一周的长度', '- 长方形的周长'],
          notes: '小结',
          stepId: 'S1',
          media: null,
          origin: 'model',
        },
      ],
    };
    const deck = await openDeck((await renderDeck(spec, { theme: await loadTheme('qingsong') })).bytes);
    const [, goals] = textShapes(await deck.text(deck.slides[1] as string));
    expect(goals?.paragraphs.map((p) => p.text)).toEqual(['能说出周长的含义', '能计算长方形的周长', '能比较算法']);
    const [, summary] = textShapes(await deck.text(deck.slides[2] as string));
    expect(summary?.paragraphs.map((p) => p.text)).toEqual(['周长是一周的长度', '长方形的周长']);
  });

  it('adds the edition to a cover that lacks it', async () => {
    const spec: DeckSpec = {
      title: '版本',
      theme: 'heiban',
      slides: [
        { layout: 'cover', title: '版本', body: ['三年级'], notes: '封面', stepId: null, media: null, origin: 'model', id: 'x4' },
        { layout: 'content', title: '内容', body: ['一'], notes: '讲稿', stepId: 'S1', media: null, origin: 'model', id: 'x5' },
        { layout: 'homework', title: '作业', body: ['基础：一'], notes: '讲稿', stepId: 'S1', media: null, origin: 'model', id: 'x6' },
      ],
    };
    const deck = await openDeck((await renderDeck(spec, { theme: await loadTheme('heiban'), edition: '北师大版' })).bytes);
    expect(await deck.text(deck.slides[0] as string)).toContain('北师大版');
  });

  it('renders a 30-slide deck quickly', async () => {
    const base = specFor('qingsong');
    const extra = base.slides.filter((slide) => slide.layout === 'content' || slide.layout === 'question');
    const slides = [...base.slides];
    for (let i = 0; slides.length < 30; i++) slides.push(extra[i % extra.length] as Slide);
    const theme = await loadTheme('qingsong');
    await renderDeck(base, { theme });
    const started = performance.now();
    const { bytes } = await renderDeck({ ...base, slides }, { theme });
    const ms = performance.now() - started;
    console.info(`30-slide deck rendered in ${ms.toFixed(0)} ms (${bytes.byteLength} bytes)`);
    expect((await openDeck(bytes)).slides).toHaveLength(30);
    expect(ms).toBeLessThan(3000);
  });
});

describe('loadTheme', () => {
  it('ships at least the light and the chalkboard theme', () => {
    expect(listThemes()).toEqual(expect.arrayContaining(['qingsong', 'heiban']));
  });

  it('names the available themes when asked for an unknown one', async () => {
    await expect(loadTheme('nope')).rejects.toThrow(/heiban.*qingsong/);
    await expect(loadTheme('../package')).rejects.toThrow(/可选/);
  });
});
