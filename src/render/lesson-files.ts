import fs from 'node:fs/promises';
import path from 'node:path';
import type { Results } from '../pipeline/step.js';
import type { FileStore } from '../store/file-store.js';
import { renderPlanDocx } from './plan-docx.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { renderSheetsDocx } from './sheets-docx.js';
import { renderVideoOutlineMarkdown } from './video-outline-markdown.js';

/**
 * Writes what a teacher takes away from a run into `outDir`: the plan as JSON,
 * Markdown and Word, the printable sheets, the video outline and the deck.
 * Only what the run produced is written; returns the file names.
 *
 * @example
 * const written = await writeLessonFiles('out/demo', outcome.results, store);
 */
export async function writeLessonFiles(outDir: string, results: Results, store: FileStore): Promise<string[]> {
  await fs.mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const write = async (name: string, content: string | Uint8Array) => {
    await fs.writeFile(path.join(outDir, name), content);
    written.push(name);
  };
  const plan = results.T3;
  if (plan) {
    await write('plan.json', `${JSON.stringify(plan, null, 2)}\n`);
    await write('plan.md', renderPlanMarkdown(plan));
    await write('plan.docx', await renderPlanDocx(plan));
    await write('sheets.docx', await renderSheetsDocx(plan));
  }
  if (results.V3) {
    await write('video-outline.json', `${JSON.stringify(results.V3, null, 2)}\n`);
    await write('video-outline.md', renderVideoOutlineMarkdown(results.V3, plan ?? null));
  }
  // Always deck.pptx here, so scripts find it; the title-based name is for downloads.
  if (results.C3) await write('deck.pptx', await store.get(results.C3.sha256));
  return written;
}
