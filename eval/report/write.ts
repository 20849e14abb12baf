import fs from 'node:fs';
import path from 'node:path';
import type { Baseline } from '../gate/baseline.js';
import { renderMarkdown } from './markdown.js';
import type { ReportJson } from './schema.js';

/**
 * Writes `<timestamp>.json` and `<timestamp>.md` into `dir`. The name is the
 * report's own time with the characters file systems refuse replaced, so
 * reports sort by time.
 *
 * @example
 * const { json, md } = writeReport('eval/reports', report, baseline);
 */
export function writeReport(dir: string, report: ReportJson, baseline: Baseline | null): { json: string; md: string } {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.createdAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const json = path.join(dir, `${stamp}.json`);
  const md = path.join(dir, `${stamp}.md`);
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(md, renderMarkdown(report, baseline));
  return { json, md };
}
