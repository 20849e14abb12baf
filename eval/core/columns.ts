import type { Judge } from '../judges/define.js';
import { dimensionColumn } from '../judges/run-judge.js';
import { SCORERS } from '../scorers/registry.js';

/** One column of the report: a deterministic scorer, a judge's weighted total, or one of its dimensions. */
export interface Column {
  id: string;
  title: string;
  definition: string;
  kind: 'deterministic' | 'judge' | 'judge-dimension';
  /** Null for judge dimensions: the gate holds a judge to its total, the dimensions explain it. */
  threshold: number | null;
  tolerance: number | null;
  /** Held to its threshold whatever the baseline (see `ScorerSpec.strict`). */
  strict: boolean;
}

/**
 * The report's columns, from the registries: every scorer, then for each
 * judge in use its total and its dimensions.
 *
 * @example
 * columnsFor([ciddp]).map((c) => c.id) // [...scorer ids, 'ciddp', 'ciddp.clarity', …, 'ciddp.pertinence']
 */
export function columnsFor(judges: readonly Judge[]): Column[] {
  return [
    ...SCORERS.map((s) => ({
      id: s.id,
      title: s.title,
      definition: s.definition,
      kind: 'deterministic' as const,
      threshold: s.threshold,
      tolerance: s.tolerance,
      strict: s.strict,
    })),
    ...judges.flatMap((judge) => [
      {
        id: judge.id,
        title: judge.title,
        definition: judge.definition,
        kind: 'judge' as const,
        threshold: judge.threshold,
        tolerance: judge.tolerance,
        strict: false,
      },
      ...judge.dimensions.map((d) => ({
        id: dimensionColumn(judge, d.key),
        title: `${judge.title} · ${d.title}`,
        definition: `${judge.title}中的「${d.title}」维度（权重 ${Math.round(d.weight * 100)}%）`,
        kind: 'judge-dimension' as const,
        threshold: null,
        tolerance: null,
        strict: false,
      })),
    ]),
  ];
}
