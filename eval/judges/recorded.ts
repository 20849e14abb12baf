import fs from 'node:fs';
import { z } from 'zod';
import { packagePath } from '../../src/paths.js';
import { sha256 } from '../../src/store/sha256.js';
import type { Judge, JudgeAnswer } from './define.js';
import { askJudge, type JudgeModel } from './run-judge.js';

/** The rubric judge's recorded agreement set: the drafts it was shown, which pair each belongs to, and its answers. */
export const AGREEMENT_FIXTURE = packagePath('eval', 'judges', 'recorded', 'rubric-agreement.json');

const Answer = z.record(z.string(), z.object({ justification: z.string().min(1), score: z.number().int().min(1).max(5) }));

const Draft = z.object({
  /** `requestKey` of the user message the judge was sent. */
  key: z.string(),
  /** The mutation that made this draft; null for the case's own draft. Never part of what the judge reads. */
  mutation: z.string().nullable(),
  /** The fenced plan the judge read, as indices into its lesson's `lines` (the drafts of a lesson share most lines). */
  plan: z.array(z.number().int().min(0)),
  answer: Answer.nullable(),
});

export const AgreementFixture = z.object({
  /** Who answered, when, and that it is not a vendor model. */
  provenance: z.string().min(1),
  judge: z.string(),
  /** The judge prompt's version when the answers were written: another prompt needs other answers. */
  promptVersion: z.string(),
  cases: z.array(z.string()).min(1),
  mutations: z.array(z.string()),
  lessons: z.array(
    z.object({
      caseId: z.string(),
      /** The prompt's variables other than `plan` (the lesson, the fenced materials): the same for every draft of a case. */
      view: z.record(z.string(), z.string()),
      lines: z.array(z.string()),
      drafts: z.array(Draft),
    }),
  ),
});
export type AgreementFixture = z.infer<typeof AgreementFixture>;

/** One draft as the judge saw it. */
export interface RecordedDraft {
  caseId: string;
  key: string;
  mutation: string | null;
  view: Record<string, string>;
  answer: JudgeAnswer | null;
}

/** The key a judge request is filed under: the user message's hash (it holds the lesson, the materials and the draft). */
export const requestKey = (user: string): string => sha256(user).slice(0, 16);

export function readAgreementFixture(file = AGREEMENT_FIXTURE): AgreementFixture {
  return AgreementFixture.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/**
 * Packs captured views into the fixture's lessons: the lesson's variables
 * once, each draft's plan as line indices. `key` renders the user message.
 */
export function packDrafts(
  captured: readonly { caseId: string; mutation: string | null; view: Record<string, unknown> }[],
  answers: ReadonlyMap<string, JudgeAnswer | null>,
  key: (view: Record<string, unknown>) => string,
): AgreementFixture['lessons'] {
  const lessons = new Map<string, AgreementFixture['lessons'][number] & { index: Map<string, number> }>();
  for (const { caseId, mutation, view } of captured) {
    const { plan, ...rest } = view as Record<string, string>;
    let lesson = lessons.get(caseId);
    if (!lesson) {
      lesson = { caseId, view: rest, lines: [], drafts: [], index: new Map() };
      lessons.set(caseId, lesson);
    }
    if (JSON.stringify(lesson.view) !== JSON.stringify(rest))
      throw new Error(`${caseId}: a mutation changed the judge's view outside the plan`);
    const indices = (plan ?? '').split('\n').map((line) => {
      const known = lesson.index.get(line);
      if (known !== undefined) return known;
      lesson.lines.push(line);
      lesson.index.set(line, lesson.lines.length - 1);
      return lesson.lines.length - 1;
    });
    const k = key(view);
    lesson.drafts.push({ key: k, mutation, plan: indices, answer: answers.get(k) ?? null });
  }
  return [...lessons.values()].map(({ index: _, ...lesson }) => lesson);
}

/** Every draft of the fixture with its full view. */
export function recordedDrafts(fixture: AgreementFixture): RecordedDraft[] {
  return fixture.lessons.flatMap((lesson) =>
    lesson.drafts.map((draft) => ({
      caseId: lesson.caseId,
      key: draft.key,
      mutation: draft.mutation,
      view: { ...lesson.view, plan: draft.plan.map((i) => lesson.lines[i]).join('\n') },
      answer: draft.answer,
    })),
  );
}

/** A judge's weighted total for each draft (null when it gave none), by key. */
export type Totals = ReadonlyMap<string, number | null>;

export interface MutationAgreement {
  mutation: string;
  /** Pairs where both drafts were scored. */
  pairs: number;
  /** The degraded draft scored lower: the judge agrees with the mutation. */
  lowered: number;
  tied: number;
  raised: number;
}

export interface Agreement {
  /** lowered / pairs over every mutation: the same share `--mutations --judge` reports. */
  share: number | null;
  pairs: number;
  byMutation: MutationAgreement[];
  /** The pairs the judge did not score lower, to read why. */
  disagreements: { caseId: string; mutation: string; original: number; mutated: number }[];
}

/**
 * The judge's agreement with the mutation pairs: a pair is a case's own
 * draft and one degraded copy; the judge agrees when it scores the copy
 * strictly lower (a tie is not agreement, as in the eval's matrix).
 *
 * @example
 * agreementOf(recordedDrafts(fixture), totals).share // 0.83
 */
export function agreementOf(drafts: readonly RecordedDraft[], totals: Totals): Agreement {
  const byMutation = new Map<string, MutationAgreement>();
  const disagreements: Agreement['disagreements'] = [];
  for (const draft of drafts) {
    if (draft.mutation === null) continue;
    const own = drafts.find((d) => d.caseId === draft.caseId && d.mutation === null);
    const original = own ? totals.get(own.key) : null;
    const mutated = totals.get(draft.key);
    if (typeof original !== 'number' || typeof mutated !== 'number') continue;
    const cell = byMutation.get(draft.mutation) ?? { mutation: draft.mutation, pairs: 0, lowered: 0, tied: 0, raised: 0 };
    cell.pairs += 1;
    if (mutated < original) cell.lowered += 1;
    else {
      if (mutated === original) cell.tied += 1;
      else cell.raised += 1;
      disagreements.push({ caseId: draft.caseId, mutation: draft.mutation, original, mutated });
    }
    byMutation.set(draft.mutation, cell);
  }
  const cells = [...byMutation.values()];
  const pairs = cells.reduce((sum, c) => sum + c.pairs, 0);
  const lowered = cells.reduce((sum, c) => sum + c.lowered, 0);
  return { share: pairs === 0 ? null : lowered / pairs, pairs, byMutation: cells, disagreements };
}

/**
 * Sends every recorded draft to the judge model (the real client, its
 * validation and scoring) and measures agreement from the totals it returns.
 *
 * @example
 * const { agreement } = await replayAgreement(rubric, readAgreementFixture(), { config, cache: null });
 */
export async function replayAgreement(
  judge: Judge,
  fixture: AgreementFixture,
  model: JudgeModel,
): Promise<{ totals: Map<string, number | null>; agreement: Agreement; errors: string[] }> {
  const drafts = recordedDrafts(fixture);
  const totals = new Map<string, number | null>();
  const errors: string[] = [];
  for (const draft of drafts) {
    const verdict = await askJudge(judge, draft.view, model);
    totals.set(draft.key, verdict.scores[judge.id]?.score ?? null);
    if (verdict.error) errors.push(`${draft.key}: ${verdict.error}`);
  }
  return { totals, agreement: agreementOf(drafts, totals), errors };
}
