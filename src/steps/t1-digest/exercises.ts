import type { Located } from '../../domain/index.js';
import { clip, hasCjk, visibleLength } from '../../text/segment.js';
import { type Block, type ItemStyle, stripItemMarker } from './blocks.js';

/** An exercise is quoted whole, but a runaway join must not swallow a page. */
const EXERCISE_MAX_CHARS = 300;
/** After numbered items, a short unnumbered line (「3+4=」, a sub-question) still belongs to the last item. */
const ITEM_TAIL_MAX = 40;
/** Unnumbered tasks under 想一想 / 做一做: a box holds a few short ones, not a page of prose. */
const MAX_UNNUMBERED = 4;
const UNNUMBERED_MAX_CHARS = 80;

/** Doing verbs of a 小学 task: 「量一量」「算算」「画出」「用一根……」. */
const DOING = '[说想算议比量画填写读做试看找摆拼数估圈连涂折剪查选用举猜]';
/** A task tells the student what to do: 请, 试着, a doubled doing verb, a doing verb with its result (画出, 填上), or a task verb. */
const INSTRUCTS = new RegExp(
  `^(?:请|试着|(${DOING})一?\\1|${DOING}(?:出|上|一|成)|判断|计算|观察|比较|讨论|交流|分析|设计|制作|测量|调查|查阅|收集|列举|解释|思考|尝试|背诵|朗读|默写|仿照|根据|联系|回忆|归纳|描述|完成)`,
  'u',
);
/** …or asks without a question mark: 「宽是多少厘米？说说你是怎样想的。」 */
const ASKS = new RegExp(`多少|几(?!何)|什么|怎样|怎么|为什么|如何|哪|是否|能否|(${DOING})一?\\1`, 'u');

/** 「It's ______ today.」「（　）」: a blank to fill in, in any language. */
const BLANK = /_{2,}|[（(]\s*[）)]/u;

/**
 * A task, not a statement the box teaches (「封闭图形一周的长度，叫做它的周长。」): it
 * asks, instructs or leaves a blank, and starts like a task, not like the
 * middle of a sentence from another column (「41.4%；而……」).
 */
function isUnnumberedTask(text: string): boolean {
  if (!/^[\p{Script=Han}A-Za-z“]/u.test(text)) return false;
  if (/[？?]$/u.test(text)) return true;
  return visibleLength(text) <= UNNUMBERED_MAX_CHARS && (INSTRUCTS.test(text) || ASKS.test(text) || BLANK.test(text));
}

interface Run {
  exercises: Located[];
  used: number[];
}

function located(block: Block): Located {
  return { text: clip(stripItemMarker(block.text), EXERCISE_MAX_CHARS), page: block.page };
}

/** The numbered items after the heading (in reading order), with their unnumbered tails. */
function itemsAfter(blocks: Block[], at: number): Run {
  const run: Run = { exercises: [], used: [] };
  let style: ItemStyle | null = null;
  for (let i = at + 1; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.heading) {
      // A plain line like 「A组」 between items groups them; anything else ends the exercises.
      const next = blocks[i + 1];
      if (block.heading.role === 'plain' && style && next?.item === style) continue;
      break;
    }
    if (block.item && (style === null || block.item === style) && (style !== null || run.exercises.length === 0)) {
      style = block.item;
      run.exercises.push(located(block));
    } else if (style !== null) {
      // A sub-item 「（1）」 inside 「1.」, or a short continuation 「3+4=」 on the same page: part of the current exercise.
      const last = run.exercises.at(-1)!;
      if (block.page !== last.page || (!block.item && visibleLength(block.text) > ITEM_TAIL_MAX)) break;
      last.text = clip(`${last.text} ${block.text}`, EXERCISE_MAX_CHARS);
    } else if (run.exercises.length < MAX_UNNUMBERED && block.page === blocks[at]!.page && isUnnumberedTask(block.text)) {
      // 「想一想」 boxes often hold one or two unnumbered questions.
      run.exercises.push(located(block));
    } else {
      break;
    }
    run.used.push(i);
  }
  return run;
}

/**
 * Numbered items printed just before the heading on the same page (their box's title came out after them), unless
 * another heading's list (学习目标, 生字) already holds them.
 */
function itemsBefore(blocks: Block[], at: number, taken: ReadonlySet<number>): Run {
  const run: Run = { exercises: [], used: [] };
  const page = blocks[at]!.page;
  const style = blocks[at - 1]?.item ?? null;
  for (let i = at - 1; i >= 0 && style; i--) {
    const block = blocks[i]!;
    if (block.page !== page || block.item !== style || taken.has(i)) break;
    run.exercises.unshift(located(block));
    run.used.push(i);
  }
  return run;
}

/**
 * The exercises under the 练习 / 做一做 / 思考与练习 heading at `at`: its
 * numbered items (a sub-numbering inside an item stays part of that item), or
 * the few unnumbered tasks of a 想一想 box. When no numbered item follows the
 * heading, numbered items directly above it on the same page win: PDF
 * extraction often emits a box's title after the box's content. Blocks in
 * `taken` belong to another heading's list and are never exercises.
 *
 * @example
 * collectExercises(blocks, 12, new Set()).exercises // [{ text: '对你所了解的某一工程项目进行专题研究……', page: 5 }, …]
 */
export function collectExercises(blocks: Block[], at: number, taken: ReadonlySet<number>): Run {
  const head = blocks[at]!;
  const inline: Located[] = head.heading?.inline ? [{ text: clip(head.heading.inline, EXERCISE_MAX_CHARS), page: head.page }] : [];
  const after = itemsAfter(blocks, at);
  const numberedAfter = after.used.some((i) => blocks[i]!.item !== null);
  const before = numberedAfter || inline.length > 0 ? null : itemsBefore(blocks, at, taken);
  // Numbered items right above a heading that has none below are its own, come out of order.
  if (before && before.exercises.length > 0) return before;
  return { exercises: [...inline, ...after.exercises], used: after.used };
}

const ASKS_SOMETHING = /你|同学|大家|我们|哪些|什么|怎样|怎么|为什么|如何|多少|几|吗|呢|是否|能否|是不是/u;
/** Dialogue in a story ends in ？ too, but it is a character speaking, not the book asking. */
const SPEECH = /[“”「」‘’]|[说问道]：/u;
const QUESTION_MAX_CHARS = 80;

/**
 * A paragraph that is a question put to the student: 「观察上图中的桥，你还知道哪些桥？」.
 * Only Chinese text: English books are full of dialogue lines ending in "?".
 *
 * @example
 * isStudentQuestion('长方形和正方形有什么相同点？') // true
 * isStudentQuestion('“你怎么了？”小兔问。')          // false
 */
export function isStudentQuestion(text: string): boolean {
  return (
    /[？]$/u.test(text) && hasCjk(text) && visibleLength(text) <= QUESTION_MAX_CHARS && ASKS_SOMETHING.test(text) && !SPEECH.test(text)
  );
}
