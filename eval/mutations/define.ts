import type { Results } from '../../src/pipeline/step.js';
import type { Peers } from '../core/peers.js';

/** Where a mutation may store a re-rendered deck (the run's FileStore), and the run's other lessons. */
export interface MutationTools {
  files: { get(sha256: string): Promise<Uint8Array>; put(bytes: Uint8Array, mediaType: string): Promise<string> };
  /** The other plans of the run, for the mutation that copies their sentences; absent outside the matrix. */
  peers?: Peers | null;
  /** The case being degraded, so a mutation copying from peers skips its own plan. */
  caseId?: string;
}

/** Which artifact a mutation degrades; a judge is asked about the pairs of its own artifact. */
export type MutatedArtifact = 'plan' | 'outline' | 'deck';

export interface MutationSpec<Id extends string> {
  id: Id;
  /** Chinese, for the report: 用时不合. */
  title: string;
  /** One line: what it does to the results. */
  description: string;
  artifact: MutatedArtifact;
  /** False when the results have nothing to degrade this way (no clips, one-page material…). */
  appliesTo?: (results: Results) => boolean;
  /** Returns degraded copies; never changes `results`. A deck mutation stores its new .pptx and points C3 at it. */
  apply(results: Results, tools: MutationTools): Results | Promise<Results>;
}

export interface Mutation<Id extends string = string> {
  id: Id;
  title: string;
  description: string;
  artifact: MutatedArtifact;
  appliesTo(results: Results): boolean;
  apply(results: Results, tools: MutationTools): Promise<Results>;
}

/**
 * Builds a named degradation (降级方案) of a good run's results. The input is
 * deep-copied before `apply` sees it, so a mutation may edit its copy freely
 * and the original stays intact for the other mutations.
 *
 * @example
 * export const breakMinutes = defineMutation({
 *   id: 'break-minutes', title: '用时不合', artifact: 'plan', description: '第一个环节多加 5 分钟',
 *   apply: (r) => ({ ...r, T3: { ...r.T3!, process: … } }),
 * });
 */
export function defineMutation<const Id extends string>(spec: MutationSpec<Id>): Mutation<Id> {
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    artifact: spec.artifact,
    appliesTo: (results) => spec.appliesTo?.(results) ?? true,
    apply: async (results, tools) => spec.apply(structuredClone(results), tools),
  };
}
