import type { Cue } from '../../domain/transcript.js';
import { termsOf } from '../../text/term-vectors.js';
import { transitionIn } from './discourse.js';

/**
 * Subtitle cues are cut for the screen, not for meaning: one sentence spans
 * three cues ("那这个常数A呢" / "它重要吗"), and most subtitle files drop the
 * final 。. An utterance re-joins cues into the sentence a teacher said, so
 * summaries quote whole sentences and questions are recognised as questions.
 */
export interface Utterance {
  start: number;
  end: number;
  /** The sentence, with 。 or ？ restored at the end. */
  text: string;
  question: boolean;
  /** Subject terms of the sentence (see `termsOf`). */
  terms: string[];
}

/** A pause this long inside speech ends a sentence even without punctuation. */
const SENTENCE_PAUSE_SEC = 1;
/** Longer joins stop reading like one sentence; cap them so quotes stay short. */
const MAX_UTTERANCE_CHARS = 40;

const TERMINAL = /[。！？!?…~～]$/u;
/** Spoken sentence-final particles: the sentence ends here even if the subtitle has no 。. */
const FINAL_PARTICLE = /[吗嘛吧啊呀啦哦喔]$/u;
const INTERROGATIVE = /什么|怎么|为什么|哪|多少|几|如何|是否|能不能|会不会|是不是|对不对|可不可以|有没有|谁/u;

function isQuestion(text: string): boolean {
  const t = text.replace(/[~～\s]+$/u, '');
  if (/[？?]$/u.test(t)) return true;
  if (/吗$/u.test(t)) return true;
  return /呢$/u.test(t) && INTERROGATIVE.test(t);
}

function endsSentence(text: string): boolean {
  const t = text.trim();
  return TERMINAL.test(t) || FINAL_PARTICLE.test(t) || isQuestion(t);
}

function finish(pieces: string[], start: number, end: number): Utterance {
  const joined = pieces.join('').replace(/[，,、\s]+$/u, '');
  const question = isQuestion(joined);
  const text = question ? joined.replace(/[~～。]*$/u, '').replace(/[？?]?$/u, '？') : TERMINAL.test(joined) ? joined : `${joined}。`;
  return { start, end, text, question, terms: termsOf(text) };
}

/**
 * Joins cues into sentences.
 *
 * @example
 * toUtterances([
 *   { index: 1, start: 0, end: 2, text: '那这个常数A呢' },
 *   { index: 2, start: 2, end: 3, text: '它重要吗' },
 * ]) // [{ start: 0, end: 3, text: '那这个常数A呢，它重要吗？', question: true, … }]
 */
export function toUtterances(cues: readonly Cue[]): Utterance[] {
  const out: Utterance[] = [];
  let pieces: string[] = [];
  let start = 0;
  let end = 0;
  let length = 0;
  for (const cue of cues) {
    const text = cue.text.replace(/\s+/gu, ' ').trim();
    if (text.length === 0) continue;
    const startsNew =
      pieces.length === 0 ||
      cue.start - end >= SENTENCE_PAUSE_SEC ||
      length + text.length > MAX_UTTERANCE_CHARS ||
      transitionIn(text) !== null;
    if (startsNew && pieces.length > 0) {
      out.push(finish(pieces, start, end));
      pieces = [];
      length = 0;
    }
    if (pieces.length === 0) start = cue.start;
    else if (!/[，,、：:；;]$/u.test(pieces[pieces.length - 1]!)) pieces.push('，');
    pieces.push(text);
    length += text.length;
    end = Math.max(end, cue.end);
    if (endsSentence(text)) {
      out.push(finish(pieces, start, end));
      pieces = [];
      length = 0;
    }
  }
  if (pieces.length > 0) out.push(finish(pieces, start, end));
  return out;
}

/**
 * The utterances that start inside [start, end), from utterances in time
 * order (as `toUtterances` makes them from sorted cues). A binary search, not
 * a scan: V2 and V3 ask this once per chapter, and a scan per chapter made a
 * very long recording cost chapters × utterances.
 */
export function utterancesIn(utterances: readonly Utterance[], start: number, end: number): Utterance[] {
  let low = 0;
  let high = utterances.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (utterances[middle]!.start < start) low = middle + 1;
    else high = middle;
  }
  let last = low;
  while (last < utterances.length && utterances[last]!.start < end) last++;
  return utterances.slice(low, last);
}
