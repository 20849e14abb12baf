import { visibleLength } from '../../text/segment.js';
import type { Utterance } from '../v2-chapters/utterances.js';
import { quoteQuestion, quoteStatement } from './quotes.js';

/**
 * Where to pause a clip and what to ask. The best pause is right after the
 * video's teacher asks a real question and before she answers it: the class
 * answers first. Without such a question, a key sentence is turned into one.
 */

export interface PauseQuestion {
  at: number;
  question: string;
  /** The sentence it came from, for the citation. */
  from: Utterance;
}

/** Questions that only check attention ("对不对？", "描好了吗？") are not worth stopping for. */
const TAG_QUESTION = /(?:对不对|是不是|好不好|对吗|是吗|好吗|明白了吗|懂了吗|会了吗|好了吗|对了吗|听懂了吗)[？?]?$/u;
const MIN_QUESTION_CHARS = 6;
/** The answer must follow the pause: a question in the clip's last seconds is answered after it. */
const ANSWER_ROOM_SEC = 3;
/** A question the clip opens with is the part's headline: the teacher asks it before pressing play. */
const HEADLINE_SEC = 3;
/** Pauses closer than this feel like constant interruption. */
const MIN_SPACING_SEC = 20;
/** About one pause per 90 seconds of video, at most three. */
const SEC_PER_PAUSE = 90;
const MAX_PAUSES = 3;
/** Shorter clips are watched straight through. */
const MIN_CLIP_FOR_PAUSE_SEC = 25;

const MAX_QUESTION_CHARS = 40;

function realQuestion(u: Utterance): string | null {
  if (!u.question) return null;
  const text = quoteQuestion(u, MAX_QUESTION_CHARS);
  if (visibleLength(text) < MIN_QUESTION_CHARS) return null;
  if (TAG_QUESTION.test(text) && visibleLength(text) <= 10) return null;
  return text;
}

/** A key sentence turned into a question, worded for what the clip is for. */
function askAbout(statement: Utterance, purpose: string): string {
  const quote = quoteStatement(statement, 30, [/等于|=/u, /公式|叫做|就是/u]);
  if (purpose === '示范例题') return `视频中说“${quote}”，这一步为什么这样算？`;
  if (purpose === '巩固练习') return `视频中说“${quote}”，你是怎么想的？`;
  if (purpose === '总结回顾') return `视频里总结了“${quote}”，你还能补充什么？`;
  return `视频中说“${quote}”，你能说说为什么吗？`;
}

/**
 * Pause questions inside [start, end), in time order.
 *
 * @example
 * pauseQuestions(clipUtterances, 212, 353, ['长方形', '周长'], keySentence, '示范例题')
 * // [{ at: 231.6, question: '要给花坛围一圈栅栏，栅栏长多少米？', … }]
 */
export function pauseQuestions(
  utterances: readonly Utterance[],
  start: number,
  end: number,
  keyTerms: readonly string[],
  keyStatement: Utterance | null,
  purpose: string,
): PauseQuestion[] {
  if (end - start < MIN_CLIP_FOR_PAUSE_SEC) return [];
  const limit = Math.min(MAX_PAUSES, Math.max(1, Math.floor((end - start) / SEC_PER_PAUSE)));
  const inside = utterances.filter((u) => u.start >= start + HEADLINE_SEC && u.end <= end - ANSWER_ROOM_SEC);
  const candidates = inside
    .map((u) => ({ u, question: realQuestion(u) }))
    .filter((c): c is { u: Utterance; question: string } => c.question !== null)
    .map((c) => ({
      ...c,
      // Questions about the lesson's terms, or with numbers to work out, are the ones a class can answer.
      score: keyTerms.filter((t) => c.question.includes(t)).length + (/\d|多少|几/u.test(c.question) ? 0.5 : 0),
    }))
    .sort((a, b) => b.score - a.score || a.u.start - b.u.start);

  // Spread the pauses: the best question of each equal stretch of the clip first, then the best of the rest.
  const stretch = (end - start) / limit;
  const byStretch = Array.from({ length: limit }, (_, i) =>
    candidates.find((c) => c.u.end >= start + i * stretch && c.u.end < start + (i + 1) * stretch),
  );
  const chosen: PauseQuestion[] = [];
  for (const c of [...byStretch, ...candidates]) {
    if (!c || chosen.length >= limit) continue;
    if (chosen.some((p) => Math.abs(p.at - c.u.end) < MIN_SPACING_SEC)) continue;
    chosen.push({ at: c.u.end, question: c.question, from: c.u });
  }
  if (chosen.length === 0 && keyStatement && keyStatement.start >= start && keyStatement.end <= end - ANSWER_ROOM_SEC / 3) {
    chosen.push({ at: keyStatement.end, question: askAbout(keyStatement, purpose), from: keyStatement });
  }
  return chosen.sort((a, b) => a.at - b.at);
}
