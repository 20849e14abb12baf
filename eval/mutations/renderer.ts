import JSZip from 'jszip';
import type { DeckSpec } from '../../src/domain/deck.js';
import { fixPackage } from '../../src/render/pptx/fixup.js';
import { loadTheme } from '../../src/render/pptx/index.js';
import { PptxGenJS } from '../../src/render/pptx/pptxgen.js';
import { addSlide } from '../../src/render/pptx/slides.js';
import { overlongSpec } from './deck.js';
import { deckBytes, hasDeck, withDeck } from './deck-files.js';
import { defineMutation } from './define.js';

/**
 * Worsened renderers (渲染器退化): what C3 would produce if a change broke
 * it. They stand in for "a deliberately worsened renderer" in the gate's
 * tests and in the mutation matrix: the deck scorers must notice each.
 */

/** `renderDeck` without its budget guard: the same drawing code, so the spec's text lands on the slide as given. */
async function renderUnguarded(spec: DeckSpec): Promise<Uint8Array> {
  const theme = await loadTheme(spec.theme);
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = spec.title;
  pptx.theme = { headFontFace: theme.fonts.title, bodyFontFace: theme.fonts.body };
  for (const slide of spec.slides) addSlide(pptx, slide, theme);
  return fixPackage((await pptx.write({ outputType: 'nodebuffer' })) as Uint8Array, theme);
}

export const rendererNoFit = defineMutation({
  id: 'renderer-no-fit',
  title: '渲染器不排版',
  description: '正文过长的课件脚本交给去掉排版检查的渲染器，文字直接溢出文本框',
  artifact: 'deck',
  appliesTo: (r) => hasDeck(r) && r.C2!.slides.some((s) => s.layout === 'content' || s.layout === 'summary'),
  apply: async (r, tools) => {
    const spec = overlongSpec(r.C2!);
    return withDeck(r, { bytes: await renderUnguarded(spec), warnings: [] }, tools, spec);
  },
});

/** Rewrites the XML parts whose names match `part`, then re-zips. */
async function rewriteParts(bytes: Uint8Array, part: RegExp, rewrite: (xml: string) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  for (const name of Object.keys(zip.files).filter((n) => part.test(n))) {
    zip.file(name, rewrite(await zip.file(name)!.async('string')));
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

export const rendererNoNotes = defineMutation({
  id: 'renderer-no-notes',
  title: '渲染器丢失讲稿',
  description: '课件的每页备注（讲稿）被清空',
  artifact: 'deck',
  appliesTo: hasDeck,
  apply: async (r, tools) => {
    const bytes = await rewriteParts(await deckBytes(r, tools), /^ppt\/notesSlides\/notesSlide\d+\.xml$/, (xml) =>
      xml.replace(
        /(<p:ph\b[^>]*type="body"[\s\S]*?<p:txBody>[\s\S]*?<a:lstStyle\/>)[\s\S]*?(<\/p:txBody>)/,
        '$1<a:p><a:endParaRPr lang="zh-CN"/></a:p>$2',
      ),
    );
    return withDeck(r, { bytes, warnings: r.C3!.warnings }, tools);
  },
});

export const rendererSmallFonts = defineMutation({
  id: 'renderer-small-fonts',
  title: '渲染器字号过小、缺中文字体',
  description: '正文从 28 磅缩到 16 磅，并去掉每段文字的中文字体设置',
  artifact: 'deck',
  appliesTo: hasDeck,
  apply: async (r, tools) => {
    const bytes = await rewriteParts(await deckBytes(r, tools), /^ppt\/slides\/slide\d+\.xml$/, (xml) =>
      xml.replace(/ sz="2800"/g, ' sz="1600"').replace(/<a:ea\b[^>]*\/>/g, ''),
    );
    return withDeck(r, { bytes, warnings: r.C3!.warnings }, tools);
  },
});
