import { labelRefusal, type PlanLabel } from '../../../src/collab/labels.js';
import type { PlanVersionSummary } from '../api/client.js';
import { openAt, type Thread } from './thread-state.js';

export interface VersionRow {
  id: string;
  number: number;
  label: PlanLabel;
  labelName: string;
  cycle: number;
  author: string;
  createdAt: string;
  /** 第 N 版 it was made from, or null for the first draft. */
  basedOnNumber: number | null;
  /** Threads still open at this version. */
  open: number;
  newest: boolean;
}

/**
 * The version list as the screen shows it, newest first: who made each, from
 * which, and how many comment threads were still open at it.
 *
 * @example
 * versionRows(versions, threads)[0]; // { number: 3, labelName: '共案', basedOnNumber: 2, open: 1, newest: true, … }
 */
export function versionRows(versions: readonly PlanVersionSummary[], threads: readonly Thread[]): VersionRow[] {
  const numberOf = new Map(versions.map((v) => [v.id, v.number]));
  return versions.map((v, i) => ({
    id: v.id,
    number: v.number,
    label: v.label,
    labelName: v.labelName,
    cycle: v.cycle,
    author: v.author,
    createdAt: v.createdAt,
    basedOnNumber: v.basedOn ? (numberOf.get(v.basedOn) ?? null) : null,
    open: openAt(threads, v.number).length,
    newest: i === 0,
  }));
}

/** The labels a lead sets by hand: 初案, 共案, 终案 (修订 comes from edits and revisions). */
export const SETTABLE = ['initial', 'shared', 'final'] as const;
export type SettableLabel = (typeof SETTABLE)[number];

/**
 * Why the newest version cannot be labelled `next`, or null when it can: the
 * loop's own rule (src/collab/labels.ts, the same function the server runs),
 * plus "it already is".
 */
export function labelReason(versions: readonly PlanVersionSummary[], next: SettableLabel): string | null {
  const newest = versions[0];
  if (!newest) return '这节课还没有教学设计。';
  const cycle = versions
    .filter((v) => v.cycle === newest.cycle)
    .map((v) => v.label)
    .reverse();
  const refusal = labelRefusal(cycle, next);
  if (refusal) return `${refusal.replace(/（POST[^）]*）/u, '')}。`;
  if (newest.label === next) return `第 ${newest.number} 版已经是${newest.labelName}。`;
  return null;
}
