import { clip } from '../../text/segment.js';
import { spokenContent } from '../v2-chapters/discourse.js';
import type { Utterance } from '../v2-chapters/utterances.js';

/**
 * Quoting the video back to the teacher. A transcript sentence is often two
 * spoken ones run together ("再乘2，就是20米，这三种方法都对，你们更喜欢哪一种呢？"),
 * so a quote starts at the clause that matters.
 */

/** "我们再来看例2，一块正方形的桌布……": the transition is not part of what was said about the topic. */
function clausesOf(u: Utterance): string[] {
  return spokenContent(u.text)
    .replace(/[。！？?]$/u, '')
    .split(/(?<=[，,])/u);
}

function joined(clauses: readonly string[], max: number): string {
  return clip(clauses.join('').replace(/[，,]$/u, ''), max);
}

/**
 * A statement, from the first clause matching the first of `focus` that
 * matches at all — with the clause before when it holds the subject
 * ("封闭图形一周的长度，就是它的周长").
 *
 * @example
 * quoteStatement(u, 30, [/等于/u]) // '长方形的周长等于长加宽的和乘2'
 */
export function quoteStatement(u: Utterance, max: number, focus: readonly RegExp[] = []): string {
  const clauses = clausesOf(u);
  let from = 0;
  for (const re of focus) {
    const at = clauses.findIndex((c) => re.test(c));
    if (at >= 0) {
      from = at;
      break;
    }
  }
  if (from > 0 && /^(?:就是|叫做|是)/u.test(clauses[from]!)) from--;
  return joined(clauses.slice(from), max);
}

/** Words a spoken question starts with, after whatever was said before it in the same breath. */
const QUESTION_OPENER = /^(?:那么?|你们?|请问|如果|假如|为什么|怎么|谁|哪|想一想|大家想)/u;

/**
 * A question, from the clause where it starts.
 *
 * @example
 * quoteQuestion(u, 40) // '5乘4等于20，花边长20分米，那求长方形周长的方法……' → '那求长方形周长的方法，能不能用在正方形上呢？'
 */
export function quoteQuestion(u: Utterance, max: number): string {
  const clauses = clausesOf(u);
  const from = Math.max(
    0,
    clauses.findIndex((c) => QUESTION_OPENER.test(c)),
  );
  return `${joined(clauses.slice(from), max - 1)}？`;
}

/** What a student got wrong, as the video reports it ("有的同学说……"): never a board note or a key sentence. */
export function reportsMistake(u: Utterance): boolean {
  return /错|忘记|忘了|有的同学|有个同学|算成/u.test(u.text);
}
