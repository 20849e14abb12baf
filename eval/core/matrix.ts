import { JUDGES } from '../judges/registry.js';
import type { MutationTools } from '../mutations/define.js';
import { MUTATIONS } from '../mutations/registry.js';
import type { MatrixCellJson, MatrixJson } from '../report/schema.js';
import { SCORERS } from '../scorers/registry.js';
import { buildContext } from './context.js';
import type { CaseEvaluation } from './evaluate.js';
import { type Judging, scoreCase } from './score-case.js';

type Mutation = (typeof MUTATIONS)[number];

interface Pair {
  caseId: string;
  mutation: Mutation;
  original: Record<string, number | null>;
  mutated: Record<string, number | null>;
}

/**
 * The meta-evaluation (元评测): degrade each case's results in every named
 * way that applies, score the degraded copy, and count per scorer and
 * mutation how often the degraded one scores lower. A deterministic scorer
 * must catch every mutation it targets; a pair whose original already
 * scored 0 cannot go lower and is counted apart. Judges are asked only
 * about mutations of the artifact they read.
 *
 * @example
 * const matrix = await mutationMatrix(cases, { files: store }, null);
 * matrix.catchRate['minutes-sum'] // 1
 */
export async function mutationMatrix(
  cases: readonly CaseEvaluation[],
  tools: MutationTools,
  judging: Judging | null,
  mutations: readonly Mutation[] = MUTATIONS,
): Promise<MatrixJson> {
  const pairs: Pair[] = [];
  const appliedTo = new Map<string, number>();
  for (const evaluated of cases) {
    const { context, row } = evaluated;
    const original = Object.fromEntries(Object.entries(row.scores).map(([id, s]) => [id, s.score]));
    for (const mutation of mutations) {
      if (!mutation.appliesTo(context.results)) continue;
      appliedTo.set(mutation.id, (appliedTo.get(mutation.id) ?? 0) + 1);
      const mutated = await mutation.apply(context.results, { ...tools, peers: context.peers, caseId: row.id });
      const degraded = await buildContext(evaluated.evalCase, mutated, tools.files, context.peers);
      const judges = judging ? judging.judges.filter((judge) => judge.artifact === mutation.artifact) : [];
      const { scores } = await scoreCase(degraded, judges.length > 0 && judging ? { ...judging, judges } : null);
      pairs.push({
        caseId: row.id,
        mutation,
        original,
        mutated: Object.fromEntries(Object.entries(scores).map(([id, s]) => [id, s.score])),
      });
    }
  }

  const cells: MatrixCellJson[] = [];
  const columns = [
    ...SCORERS.map((s) => ({ id: s.id, targets: s.targets as readonly string[] })),
    ...JUDGES.map((j) => ({ id: j.id, targets: [] })),
  ];
  for (const column of columns) {
    for (const mutation of mutations) {
      const cell: MatrixCellJson = {
        scorer: column.id,
        mutation: mutation.id,
        targeted: column.targets.includes(mutation.id),
        pairs: 0,
        lowered: 0,
        atFloor: 0,
        missed: [],
      };
      for (const pair of pairs.filter((p) => p.mutation.id === mutation.id)) {
        const before = pair.original[column.id];
        const after = pair.mutated[column.id];
        if (typeof before !== 'number' || typeof after !== 'number') continue;
        cell.pairs += 1;
        if (after < before) cell.lowered += 1;
        else if (before === 0) cell.atFloor += 1;
        else if (cell.targeted) cell.missed.push({ caseId: pair.caseId, original: before, mutated: after });
      }
      if (cell.pairs > 0) cells.push(cell);
    }
  }

  const catchRate = Object.fromEntries(
    SCORERS.map((scorer) => {
      const targeted = cells.filter((c) => c.scorer === scorer.id && c.targeted);
      const judged = targeted.reduce((sum, c) => sum + c.pairs - c.atFloor, 0);
      return [scorer.id, judged === 0 ? null : targeted.reduce((sum, c) => sum + c.lowered, 0) / judged];
    }),
  );
  const judgeAgreement = Object.fromEntries(
    (judging?.judges ?? []).map((judge) => {
      const own = cells.filter((c) => c.scorer === judge.id && mutations.find((m) => m.id === c.mutation)?.artifact === judge.artifact);
      const total = own.reduce((sum, c) => sum + c.pairs, 0);
      return [judge.id, total === 0 ? null : own.reduce((sum, c) => sum + c.lowered, 0) / total];
    }),
  );
  return {
    mutations: mutations.map((m) => ({
      id: m.id,
      title: m.title,
      description: m.description,
      artifact: m.artifact,
      appliedTo: appliedTo.get(m.id) ?? 0,
    })),
    cells,
    catchRate,
    judgeAgreement,
  };
}
