import type { LessonPlan, Sheet, StepRole } from '../../domain/lesson-plan.js';
import { termOverlap } from '../../text/keywords.js';
import { clip } from '../../text/segment.js';
import { titleInSentence } from '../t1-digest/content.js';
import type { PartKind } from '../v2-chapters/discourse.js';
import type { Utterance } from '../v2-chapters/utterances.js';
import { quoteQuestion, quoteStatement, reportsMistake } from './quotes.js';

/**
 * What the teacher does around a clip. Worded as instructions she can read
 * aloud or follow, naming the clip's key term and quoting the video, and tied
 * to her own plan: its 课题, 板书 and the items of her sheets.
 */

const PURPOSE: Record<Exclude<PartKind, 'outro'>, string> = {
  intro: '情境导入',
  concept: '讲解新知',
  example: '示范例题',
  practice: '巩固练习',
  summary: '总结回顾',
  extension: '拓展延伸',
};

/** A clip's purpose from the kind of its best chapter; the step's role decides when the part's own is unknown. */
export function purposeOf(part: PartKind, role: StepRole): string {
  if (part !== 'outro') return PURPOSE[part];
  if (role === 'lead-in') return PURPOSE.intro;
  if (role === 'check' || role === 'guided-practice') return PURPOSE.practice;
  return role === 'summary' ? PURPOSE.summary : PURPOSE.concept;
}

/** What the moves are built from. */
export interface ClipContent {
  purpose: string;
  /** The lesson term the clip is most about ("周长"). */
  keyTerm: string;
  utterances: readonly Utterance[];
  /** The clip's most central statement about the key term. */
  keyStatement: Utterance | null;
  /** The part's own name if it announced one ("什么是周长"). */
  label: string | null;
}

const MIN_ITEM_OVERLAP = 0.2;

/** Quotes inside a quote take single marks: 提问“视频中讲的‘周长’是什么意思？” */
const nested = (text: string) => text.replaceAll('“', '‘').replaceAll('”', '’');

/** An item about the clip's key term beats one that merely shares its words. */
const KEY_TERM_BONUS = 0.5;

/** "探究单第 2 题「……」" for the sheet item closest to the clip, if one is close enough. */
function sheetItem(sheet: Sheet, text: string, keyTerm: string): string | null {
  let bestIndex = -1;
  let bestOverlap = MIN_ITEM_OVERLAP;
  for (const [index, item] of sheet.items.entries()) {
    const prompt = item.prompt.text;
    const overlap = termOverlap(text, prompt) + (prompt.includes(keyTerm) ? KEY_TERM_BONUS : 0);
    if (overlap > bestOverlap || (bestIndex < 0 && overlap >= bestOverlap)) {
      bestIndex = index;
      bestOverlap = overlap;
    }
  }
  const item = sheet.items[bestIndex];
  return item ? `${sheet.title}第 ${bestIndex + 1} 题“${nested(clip(item.prompt.text, 30))}”` : null;
}

/** What makes a board note: a rule before a definition. */
const RULE = [/等于|=/u, /公式|叫做|就是/u];

const quote = (u: Utterance | null | undefined, max: number, focus: readonly RegExp[] = []) => (u ? quoteStatement(u, max, focus) : null);
const ask = (u: Utterance | null | undefined, max: number) => (u ? quoteQuestion(u, max) : null);

const firstQuestion = (utterances: readonly Utterance[]) => utterances.find((u) => u.question && u.text.length >= 8);
/** A worked example's problem: the first question with a quantity in it. */
const problemOf = (utterances: readonly Utterance[]) => utterances.find((u) => u.question && /\d|多少|几/u.test(u.text));
/** The sentence a board note is made of: a rule ("……等于……") before a computation or a definition. */
function ruleOf(utterances: readonly Utterance[], term: string): Utterance | undefined {
  const about = utterances.filter((u) => !u.question && !reportsMistake(u) && u.text.includes(term));
  return about.find((u) => /等于|公式|=/u.test(u.text)) ?? about.find((u) => /叫做|就是|乘|除以/u.test(u.text));
}
const mistakeOf = (utterances: readonly Utterance[]) => utterances.find((u) => !u.question && (reportsMistake(u) || /注意/u.test(u.text)));

/**
 * 播放前 / 播放后 for one clip.
 *
 * @example
 * teacherMoves(content, plan)
 * // { before: '播放前：先出示题目“要给花坛围一圈栅栏，栅栏长多少米？”……', after: '播放后：请学生说一说解题步骤……' }
 */
export function teacherMoves(content: ClipContent, plan: LessonPlan): { before: string; after: string } {
  const { purpose, keyTerm: t, utterances, keyStatement } = content;
  const text = utterances.map((u) => u.text).join('');
  const question = ask(firstQuestion(utterances), 30);
  const statement = quote(keyStatement, 28, RULE);
  switch (purpose) {
    case PURPOSE.intro:
      return {
        before: `播放前：告诉学生：“看视频时想一想，${question ?? `视频里的情境和${t}有什么关系？`}”`,
        after: `播放后：请两三名学生说说自己的想法，顺势揭示课题${plan.title.origin === 'blank' ? '' : titleInSentence(plan.title)}并板书课题。`,
      };
    case PURPOSE.concept: {
      const item = sheetItem(plan.sheets.exploration, text, t);
      const check = content.label?.startsWith('什么') ? `${content.label}？` : `视频中讲的‘${t}’是什么意思？`;
      return {
        before: `播放前：提示学生本段讲“${t}”，边看边记下视频中说${t}的关键句，看完用自己的话说一说。`,
        after: `播放后：提问“${check}”，请学生用自己的话回答${statement ? `；板书“${statement}”` : ''}。${item ? `然后完成${item}。` : ''}`,
      };
    }
    case PURPOSE.example: {
      const problem = ask(problemOf(utterances), 40);
      const rule = quote(ruleOf(utterances, t), 30, RULE) ?? statement;
      const item = sheetItem(plan.sheets.exploration, text, t);
      return {
        before: `播放前：${problem ? `先出示题目“${problem}”，` : ''}请学生独立想一想怎样解，再看视频对照，重点看${t}是怎样求出来的。`,
        after: `播放后：请学生说一说解题步骤，教师板书${rule ? `“${rule}”` : '算式和答语'}；${item ? `再完成${item}。` : `再出一道求${t}的同类题让学生独立完成。`}`,
      };
    }
    case PURPOSE.practice: {
      const item = sheetItem(plan.sheets.masteryCheck, text, t);
      const mistake = quote(mistakeOf(utterances), 24);
      return {
        before: `播放前：说明视频中出题后要暂停，请学生先在练习本上独立完成（本段练的是${t}），再听讲解订正。`,
        after: `播放后：${item ? `完成${item}` : `出示一道${t}的同类题让学生独立完成`}，同桌互批，教师集中讲评典型错误${mistake ? `（如视频中提醒的“${mistake}”）` : ''}。`,
      };
    }
    case PURPOSE.summary: {
      const board = clip(plan.boardDesign.text.split('\n').filter(Boolean).slice(0, 3).join('；'), 40);
      return {
        before: `播放前：请学生先说说这节课学了哪些关于“${plan.title.text}”的知识，再看视频对照补充。`,
        after: `播放后：对照板书梳理本课知识（${board}），布置作业：${clip(plan.homework.basic[0]!.text, 30)}`,
      };
    }
    default:
      return {
        before: `播放前：说明这是拓展内容，请学有余力的同学重点思考${t}。`,
        after: `播放后：请学生说说视频中${statement ? `“${statement}”` : '的方法'}与本课所学有什么联系，有兴趣的同学课后继续研究。`,
      };
  }
}
