import fs from 'node:fs';
import { z } from 'zod';
import type { ReportJson } from '../report/schema.js';

/**
 * The committed baseline (基线): per-case and mean scores of a known run,
 * and which engine made them. Scores are rounded so re-running an unchanged
 * engine rewrites the file byte for byte, and a diff in review shows only
 * what really moved.
 */
export const Baseline = z.object({
  kind: z.literal('lessonprep-eval-baseline'),
  engine: z.object({ kind: z.enum(['offline', 'openai-compatible']), model: z.string().nullable() }),
  means: z.record(z.string(), z.number().nullable()),
  cases: z.record(z.string(), z.record(z.string(), z.number().nullable())),
});
export type Baseline = z.infer<typeof Baseline>;

const round = (score: number | null) => (score === null ? null : Math.round(score * 10_000) / 10_000);

/**
 * The baseline a report would become (`--update-baseline`).
 *
 * @example
 * writeBaseline('eval/baseline.json', baselineOf(report));
 */
export function baselineOf(report: ReportJson): Baseline {
  return {
    kind: 'lessonprep-eval-baseline',
    engine: report.engine,
    means: Object.fromEntries(Object.entries(report.means).map(([id, mean]) => [id, round(mean)])),
    cases: Object.fromEntries(
      report.cases.map((c) => [c.id, Object.fromEntries(Object.entries(c.scores).map(([id, s]) => [id, round(s.score)]))]),
    ),
  };
}

/**
 * The baseline after a deliberate update: a run of some cases replaces those
 * cases and keeps the others (so `--cases demo --update-baseline` cannot
 * wipe the rest); a run of another engine starts the file afresh. Means are
 * recomputed over all the cases kept.
 *
 * @example
 * writeBaseline(file, updatedBaseline(readBaseline(file), baselineOf(report)));
 */
export function updatedBaseline(previous: Baseline | null, fresh: Baseline): Baseline {
  const sameEngine = previous !== null && previous.engine.kind === fresh.engine.kind && previous.engine.model === fresh.engine.model;
  const cases = sameEngine ? { ...previous.cases, ...fresh.cases } : fresh.cases;
  const columns = [...new Set(Object.values(cases).flatMap((scores) => Object.keys(scores)))];
  const means = Object.fromEntries(
    columns.map((id) => {
      const scores = Object.values(cases)
        .map((c) => c[id])
        .filter((s): s is number => typeof s === 'number');
      return [id, scores.length === 0 ? null : round(scores.reduce((a, b) => a + b, 0) / scores.length)];
    }),
  );
  return { ...fresh, means, cases: Object.fromEntries(Object.entries(cases).sort(([a], [b]) => a.localeCompare(b))) };
}

export function readBaseline(file: string): Baseline | null {
  if (!fs.existsSync(file)) return null;
  return Baseline.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function writeBaseline(file: string, baseline: Baseline): void {
  fs.writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}
