import { clip, sentences } from '../../text/segment.js';
import { stripItemMarker } from './blocks.js';
import { classifyHeading } from './headings.js';
import { isCount, isSpeakerName } from './non-terms.js';

export interface Definition {
  term: string;
  /** The defining sentence, as printed. */
  text: string;
}

const NAMING = '(?:叫做|叫作|称为|称作|定义为)';
const NAMINGS = new RegExp(NAMING, 'gu');
const TERM_CHARS = '[^，。；：、“”《》\\s]';
/** 「我们把……叫做长方形」 */
const BA_NAMING = new RegExp(`把.{1,40}?${NAMING}[“《]?(${TERM_CHARS}{1,12}?)[”》]?(?:[，。；]|$)`, 'u');
/**
 * 「……的图形叫做长方形。」: the term ends the sentence, or its clause when the next one names it again
 * (「……叫作小令，《天净沙·秋思》就是一首小令。」) or gives its other name (「……叫做分支结构，也叫选择结构。」).
 */
const NAMED_AT_END = new RegExp(
  `^.{2,}?${NAMING}[“《]?(${TERM_CHARS}{1,12}?)[”》]?(?:[。；]?$|，(?=.*\\1)|，也(?:叫|${NAMING})[“《]?${TERM_CHARS}{1,12}[”》]?[。；]?$)`,
  'u',
);
/** 「长方形叫做……」: the term starts it, a longer explanation follows. */
const NAMED_AT_START = new RegExp(`^[“《]?(${TERM_CHARS}{1,12}?)[”》]?${NAMING}.{6,}$`, 'u');
/** 「所谓工程，是指……」「工程是指……」 */
const MEANS = new RegExp(`^(?:所谓)?[“《]?(${TERM_CHARS}{1,12}?)[”》]?，?(?:是指|指的是)`, 'u');
/** 「科学是对自然进行观察和实验……的活动」: a bare 「X是……的……」 opening a sentence. */
const IS_A = /^[“《]?([\p{Script=Han}A-Za-z]{2,8}?)[”》]?是(?!不是|否|由|因为|为了|在|从|把|被|一个典型)(.{8,})$/u;
/** 「功率：单位时间内所做的功。」: a glossary line in a textbook. */
const GLOSS = /^([\p{Script=Han}]{2,8})[：:](.{6,})$/u;

/** Words that can start a sentence with 是 without naming anything. */
const NOT_A_TERM =
  /^(这|那|它|他|她|我|你|其|此|该|每|各|本|有的|有些|一些|这些|那些|如果|但|而|也|都|就|还|只|又|并|即|因此|所以|于是|例如|比如|原因|结果|答案|问题|方法|注意|提示|要求|目标|答|解)/u;
/** Labels before a colon that introduce something other than a definition. */
const NOT_A_GLOSS =
  /^(例如|比如|注意|提示|答|解|要求|方法|步骤|材料|目标|时间|地点|人物|作者|出处|原文|译文|注释|结论|猜想|问题|答案|分析|评价|说明|小结|总结|任务|活动|评分|得分|资料|来源)$/u;
const SPOKEN = /[说问道答想]$/u;
/** 「用微观的观点解释：」「以水通电分解为例：」: a label ending in a doing verb or 为例 sets a task or an example, it names no term. */
const TASK_LABEL = /^以|为例$|(解释|归纳|说明|分析|证明|比较|计算|思考|讨论|回答|总结|概括)$/u;
/** 「8×2＋5×2＝26（米）」: a calculation or a worked step, not what a word means (a formula 「P=W/t」 may be). */
const WORKING = /^[\d（(]|\d\s*[+＋\-－×÷=＝]\s*[\d（(]/u;
/** A colon followed by a quotation or the speaker's own 我 opens speech. */
const SPEECH_START = /^[“「‘"我你他她]/u;
/** 「道法自然是人类工程活动的源泉」: "X是……的源泉/基础/关键" judges X, it does not define it. */
const JUDGEMENT = /的(源泉|基础|关键|核心|前提|保证|保障|重点|难点|目的|结果|原因|标志|体现|特点|优势|瑰宝|动力|灵魂|根本|精髓)[。！；]?$/u;

/** 「……叫做它们的周长」 names 周长, 「通常称为一个字节」 names 字节: the possessive and the count are not the term. */
function bareTerm(term: string): string {
  return term.replace(/^(它们|它|他们|这个|这些|这种|那个|其)的/u, '').replace(/^(一个|一种|一类|一门|一项)(?=\p{Script=Han}{2})/u, '');
}

function usableTerm(term: string): boolean {
  return term.length >= 1 && term.length <= 12 && /[\p{Script=Han}A-Za-z]/u.test(term) && !NOT_A_TERM.test(term) && !isCount(term);
}

function strictDefinition(sentence: string): string | null {
  for (const pattern of [BA_NAMING, NAMED_AT_END, MEANS]) {
    const term = pattern.exec(sentence)?.[1];
    if (term && usableTerm(bareTerm(term))) return bareTerm(term);
  }
  const leading = NAMED_AT_START.exec(sentence)?.[1];
  return leading && usableTerm(leading) ? leading : null;
}

/** 「长方形长的边叫做长，短的边叫做宽。」 names two terms, one per clause; a sentence naming one thing is read whole. */
function namedInClauses(sentence: string): string[] {
  if ((sentence.match(NAMINGS)?.length ?? 0) < 2) return [];
  return sentence
    .split(/[，,；;]/u)
    .map((clause) => strictDefinition(clause))
    .filter((term): term is string => term !== null);
}

/** Looser shapes, trusted only in a textbook: in a 课标 or 教参 they mostly state opinions. */
function looseDefinition(sentence: string, blockStart: boolean): string | null {
  const isA = IS_A.exec(sentence);
  // A definition names its genus: 「……的活动」「……的方法」; "X是Y" without a 的 is a claim.
  if (isA && !/[和与及、的]/u.test(isA[1]!) && usableTerm(isA[1]!) && isA[2]!.includes('的') && !JUDGEMENT.test(sentence)) {
    return isA[1]!;
  }
  const gloss = blockStart ? GLOSS.exec(sentence) : null;
  if (
    gloss &&
    !NOT_A_GLOSS.test(gloss[1]!) &&
    !SPOKEN.test(gloss[1]!) &&
    !TASK_LABEL.test(gloss[1]!) &&
    !isSpeakerName(gloss[1]!) &&
    !classifyHeading(`${gloss[1]!}：`) &&
    !SPEECH_START.test(gloss[2]!) &&
    !WORKING.test(gloss[2]!) &&
    usableTerm(gloss[1]!)
  ) {
    return gloss[1]!;
  }
  return null;
}

/**
 * The definitions stated in a block of text: 「我们把……叫做X」「……叫做X」「X叫做……」
 * 「X是指……」 everywhere, each clause of 「A叫做X，B叫做Y」 on its own; in a textbook
 * also 「X是……的……」 and glossary lines 「X：……」 (not a speaker's 「小丽：8＋5＝13」).
 *
 * @example
 * findDefinitions('工程是综合应用科学原理和技术手段……的实践活动。', true)
 * // [{ term: '工程', text: '工程是综合应用科学原理和技术手段……的实践活动。' }]
 */
export function findDefinitions(blockText: string, loose: boolean): Definition[] {
  const found: Definition[] = [];
  // 「像1/2、1/3、1/4……这样的数叫做分数。」: an ellipsis inside a sentence does not end it.
  sentences(stripItemMarker(blockText).replace(/…/gu, '⋯')).forEach((sentence, index) => {
    const named = namedInClauses(sentence);
    const terms = named.length > 0 ? named : [strictDefinition(sentence) ?? (loose ? looseDefinition(sentence, index === 0) : null)];
    for (const term of terms) if (term) found.push({ term, text: clip(sentence.replace(/⋯/gu, '…'), 200) });
  });
  return found;
}
