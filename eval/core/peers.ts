import { type LessonPlan, type MaterialDigest, textBlocksOf } from '../../src/domain/index.js';
import { sentences } from '../../src/text/segment.js';
import { normalize } from '../text/overlap.js';

/** Sentences shorter than this (after normalisation) are labels — 「小组讨论」「课堂小结」 — not prose. */
const MIN_SENTENCE = 8;

/** One sentence of a plan: where it is, what it says, and its normalised form for comparison. */
export interface PlanSentence {
  /** Path of its text block, e.g. `T3.process[2].studentActivity`. */
  field: string;
  text: string;
  key: string;
}

const fieldOf = (path: (string | number)[]) => `T3${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

/**
 * The prose sentences of a plan, for the boilerplate check: every text block
 * except the visible blanks (【待教师补充：…】 is honest, not boilerplate),
 * cut into sentences, without the ones that are the teacher's own material
 * (a sentence of her book is hers even if another lesson's book has it too).
 *
 * @example
 * planSentences(plan, digest).map((s) => s.field) // ['T3.textbookAnalysis', 'T3.process[0].teacherActivity', …]
 */
export function planSentences(plan: LessonPlan, digest: MaterialDigest | undefined): PlanSentence[] {
  const material = normalize((digest?.files ?? []).flatMap((f) => f.pages.map((p) => p.text)).join('\n'));
  const out: PlanSentence[] = [];
  for (const { path, block } of textBlocksOf(plan)) {
    if (block.origin === 'blank') continue;
    for (const text of sentences(block.text)) {
      const key = normalize(text);
      if (key.length < MIN_SENTENCE || material.includes(key)) continue;
      out.push({ field: fieldOf(path), text, key });
    }
  }
  return out;
}

/**
 * The other lessons of the same run, as the boilerplate scorer and the
 * mutation that copies from them see them: which lessons each normalised
 * sentence occurs in, and each lesson's sentences.
 */
export interface Peers {
  /** Normalised sentence → ids of the cases whose plans contain it. */
  casesOf: Map<string, Set<string>>;
  /** Case id → its plan's sentences, in order. */
  sentencesOf: Map<string, PlanSentence[]>;
}

/**
 * Indexes the plans of a run. A scorer reads it minus its own case (see `sharedWith`).
 *
 * @example
 * const peers = indexPeers([{ id: 'a', plan, digest }, …]);
 */
export function indexPeers(plans: readonly { id: string; plan: LessonPlan | undefined; digest: MaterialDigest | undefined }[]): Peers {
  const casesOf = new Map<string, Set<string>>();
  const sentencesOf = new Map<string, PlanSentence[]>();
  for (const { id, plan, digest } of plans) {
    if (!plan) continue;
    const found = planSentences(plan, digest);
    sentencesOf.set(id, found);
    for (const s of found) {
      const ids = casesOf.get(s.key) ?? new Set<string>();
      ids.add(id);
      casesOf.set(s.key, ids);
    }
  }
  return { casesOf, sentencesOf };
}

/** Other cases (not `caseId`) whose plans contain the normalised sentence. */
export function sharedWith(peers: Peers, key: string, caseId: string): string[] {
  return [...(peers.casesOf.get(key) ?? [])].filter((id) => id !== caseId);
}

/** How many other lessons a case is compared with. */
export function peerCount(peers: Peers, caseId: string): number {
  return [...peers.sentencesOf.keys()].filter((id) => id !== caseId).length;
}
