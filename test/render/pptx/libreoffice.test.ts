import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTheme, renderDeck } from '../../../src/render/pptx/index.js';
import { buildDeckBrief } from '../../../src/steps/c1-brief/offline.js';
import { writeDeckSpec } from '../../../src/steps/c2-spec/offline.js';
import { makePlan, makePlanOutline } from '../../support/fixtures/plan.js';

/**
 * The deck as LibreOffice draws it: converted to PDF, one page per slide, the
 * Chinese set in a CJK font, the first page a real picture. Skipped only where
 * soffice is not installed; CI installs it, so there it always runs.
 */

const run = promisify(execFile);
const onPath = (command: string) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => existsSync(path.join(dir, command)));
const hasSoffice = onPath('soffice');

/** Width, height and how many distinct byte values its decompressed scanlines hold (a blank page has a handful). */
function pngStats(png: Buffer): { width: number; height: number; distinct: number } {
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(idat));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), distinct: new Set(pixels).size };
}

describe.skipIf(!hasSoffice)('LibreOffice renders the deck', () => {
  const themes = ['qingsong', 'heiban'];
  const plan = makePlan();
  const outline = makePlanOutline();
  const slideCount = new Map<string, number>();
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lessonprep-lo-'));
    for (const name of themes) {
      const spec = writeDeckSpec(buildDeckBrief(plan, outline, name), plan, outline);
      const { bytes } = await renderDeck(spec, { theme: await loadTheme(name), edition: plan.edition });
      await writeFile(path.join(dir, `${name}.pptx`), bytes);
      slideCount.set(name, spec.slides.length);
    }
    // A profile of its own: parallel runs sharing ~/.config/libreoffice block each other.
    const profile = `file://${path.join(dir, 'profile')}`;
    const decks = themes.map((name) => path.join(dir, `${name}.pptx`));
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...decks], {
      timeout: 120_000,
    });
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each(themes)('%s: one PDF page per slide', async (name) => {
    const { stdout } = await run('pdfinfo', [path.join(dir, `${name}.pdf`)]);
    expect(Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1])).toBe(slideCount.get(name));
    expect(stdout).toMatch(/Page size:\s+960(\.\d+)? x 540(\.\d+)? pts/);
  });

  it.each(themes)('%s: Chinese is set in a CJK font', async (name) => {
    const { stdout } = await run('pdffonts', [path.join(dir, `${name}.pdf`)]);
    expect(stdout).toMatch(/CJK|YaHei|DengXian|Hei|WenQuanYi/i);
  });

  it.each(themes)('%s: the cover renders to a non-blank picture', async (name) => {
    const prefix = path.join(dir, `${name}-cover`);
    await run('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', path.join(dir, `${name}.pdf`), prefix]);
    // pdftoppm pads the page number to the width of the page count: cover-01.png in a 23-page deck.
    const file = (await readdir(dir)).find((entry) => entry.startsWith(`${name}-cover-`) && entry.endsWith('.png'));
    const png = await readFile(path.join(dir, file ?? 'missing.png'));
    const stats = pngStats(png);
    expect(stats.width).toBe(667);
    expect(stats.height).toBe(375);
    expect(stats.distinct).toBeGreaterThan(32);
  });
});
