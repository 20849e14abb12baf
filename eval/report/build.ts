import type { Column } from '../core/columns.js';
import type { CaseEvaluation } from '../core/evaluate.js';
import { type GateOptions, gateOf, meansOf } from '../gate/gate.js';
import { SCORERS } from '../scorers/registry.js';
import type { BreachJson, MatrixJson, ReportJson } from './schema.js';

export interface ReportInput {
  cases: readonly CaseEvaluation[];
  columns: readonly Column[];
  engine: ReportJson['engine'];
  judgeModel: string | null;
  matrix: MatrixJson | null;
  totalMs: number;
  gate: GateOptions;
  createdAt?: Date;
}

/** A targeted mutation a deterministic scorer failed to score lower is a breach: the scorer is not doing its job. */
function matrixBreaches(matrix: MatrixJson | null): BreachJson[] {
  if (!matrix) return [];
  const deterministic = new Set(SCORERS.map((s) => s.id));
  return matrix.cells
    .filter((cell) => cell.targeted && deterministic.has(cell.scorer) && cell.missed.length > 0)
    .map((cell) => ({
      kind: 'mutation-missed' as const,
      column: cell.scorer,
      caseId: null,
      message: `「${SCORERS.find((s) => s.id === cell.scorer)?.title}」没有识别出降级「${matrix.mutations.find((m) => m.id === cell.mutation)?.title}」（${cell.missed.map((m) => m.caseId).join('、')}）`,
    }));
}

/**
 * Assembles the JSON report: the rows, the means over cases, the gate's
 * verdict (with any mutation a scorer missed) and the matrix.
 *
 * @example
 * const report = buildReport({ cases, columns, engine: { kind: 'offline', model: null }, judgeModel: null, matrix: null, totalMs, gate });
 */
export function buildReport(input: ReportInput): ReportJson {
  const rows = input.cases.map((c) => c.row);
  const columns = [...input.columns];
  const means = meansOf(columns, rows);
  const gate = gateOf({ columns, cases: rows, means, engine: input.engine }, input.gate);
  const breaches = [...gate.breaches, ...matrixBreaches(input.matrix)];
  return {
    kind: 'lessonprep-eval-report',
    version: 1,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    engine: input.engine,
    judge: input.judgeModel ? { model: input.judgeModel } : null,
    columns,
    cases: rows,
    means,
    gate: { ...gate, passed: breaches.length === 0, breaches },
    mutations: input.matrix,
    totalMs: input.totalMs,
  };
}
