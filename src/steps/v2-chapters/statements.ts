import { visibleLength } from '../../text/segment.js';
import { setsTask, transitionIn } from './discourse.js';
import type { Utterance } from './utterances.js';

/**
 * Picking the sentences worth quoting back to a teacher: chapter summaries and
 * key points (V2), and the key sentence a clip's teacher moves refer to (V3).
 */

/** Sentences shorter than this ("好，我们来看一下。") carry no content worth quoting. */
const MIN_QUOTABLE_CHARS = 8;
/** Words of stating a fact or a rule: sentences with them make better key points than narration. */
const STATEMENT_CUES = /是|等于|叫做|就是|所以|公式|得到|要|可以|表示/u;

/** A sentence with content that is not a sign-off. */
export function quotable(u: Utterance): boolean {
  return visibleLength(u.text) >= MIN_QUOTABLE_CHARS && transitionIn(u.text)?.kind !== 'outro';
}

/** States something (rather than asks or narrates). */
export function isStatement(u: Utterance): boolean {
  return !u.question && STATEMENT_CUES.test(u.text);
}

/**
 * How central a sentence is to its span: terms it shares with the span's
 * other sentences mark what the span is about; terms said once are asides.
 * Long sentences are damped so the longest ramble does not win by size.
 */
function centrality(u: Utterance, counts: ReadonlyMap<string, number>): number {
  const shared = u.terms.reduce((s, t) => s + Math.max(0, (counts.get(t) ?? 0) - 1), 0);
  return shared / (1 + visibleLength(u.text) / 60);
}

/**
 * The quotable sentences of a span that state something (not questions, not
 * task instructions), most central first; every sentence when none qualifies.
 *
 * @example
 * centralStatements(utterances, countTerms(utterances.map((u) => u.terms)))[0].text
 * // '我们说，封闭图形一周的长度，就是它的周长。'
 */
export function centralStatements(utterances: readonly Utterance[], counts: ReadonlyMap<string, number>): Utterance[] {
  const pool = utterances.filter((u) => quotable(u) && !u.question && !setsTask(u.text));
  return (pool.length > 0 ? pool : [...utterances])
    .map((u) => ({ u, score: centrality(u, counts) + (isStatement(u) ? 0.5 : 0) }))
    .sort((a, b) => b.score - a.score)
    .map(({ u }) => u);
}
