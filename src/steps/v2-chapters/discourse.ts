/**
 * What teachers say when a lesson moves on. In a recorded lesson these
 * phrases are the most reliable sign of a new part: "接下来我们看例1" marks a
 * boundary far better than any change of vocabulary, because consecutive
 * parts of one lesson share most of their words.
 */

/** The kind of part a stretch of a lesson video is. */
export type PartKind = 'intro' | 'concept' | 'example' | 'practice' | 'summary' | 'extension' | 'outro';

/** A transition heard at the start of an utterance. */
export interface Transition {
  /** What the new part is, when the phrase says so ("例1" → example); null for a bare "接下来". */
  kind: PartKind | null;
  /** A short name for the new part, usable in a chapter title ("例1", "第二问", "练一练"). */
  label: string | null;
  /** How sure the phrase makes a boundary, 0–1.2: named parts count more than a bare "接下来". */
  strength: number;
  /** A bare numbered heading ("第二题，……"): inside a 练一练 it is one item of it, not a new part. */
  itemHeading: boolean;
}

/**
 * Openers that carry no content ("好，那么……"). Stripped first, so "好，接下来" and
 * "接下来" read the same. A one-character filler must be followed by a pause or
 * by the start of the real sentence, so "那个图形" keeps its "那".
 */
const LEADING_FILLER =
  /^(?:(?:好的|好了|那么|OK|ok|所以说?|同学们|小朋友们|孩子们)[，,、。\s~]*|[好嗯啊呃对那](?:[，,、。\s~]+|(?=[我你他她它这就大同接下首最再])))+/u;

const NUMERAL = '[0-9一二三四五六七八九十]+';
const NAMED_PART = `(例\\s*${NUMERAL}|例题|第${NUMERAL}(?:问|题|小题|部分|个问题))`;
/** "我们来看例1" / "首先是第一问": a verb of looking or starting, then the part's name. */
const ANNOUNCED_PART = new RegExp(`^[^，。？?！!]{0,8}?(?:看|讲|是|做|进入|到)\\s*${NAMED_PART}`, 'u');
/** "例1，一个长方形花坛……": the name alone at the head, followed by a pause. A mention mid-clause ("第一问已经求了") is not a heading. */
const HEADED_PART = new RegExp(`^${NAMED_PART}(?:[，,：:\\s]|$)`, 'u');

interface PhraseRule {
  pattern: RegExp;
  kind: PartKind;
  label: (match: RegExpExecArray) => string;
  strength: number;
}

const PHRASE_RULES: PhraseRule[] = [
  {
    pattern: /^[^，。？?]{0,6}?(练一练|做一做|试一试|练习|闯关|考考你|小试身手|小试牛刀|火眼金睛)/u,
    kind: 'practice',
    label: (m) => m[1]!,
    strength: 1,
  },
  {
    pattern:
      /^[^，。？?]{0,6}?(总结一下|小结一下|来总结|来小结|回顾一下|一起回顾|今天我们学习了|今天我们学了|这节课我们学习了|这节课我们学了|这节课你有什么收获|今天你有什么收获|通过今天的学习|通过这节课的学习)/u,
    kind: 'summary',
    label: () => '总结',
    strength: 1,
  },
  // "什么是周长呢？" opens a concept; weaker, because teachers also ask it mid-explanation.
  {
    pattern: /^[^，。？?]{0,4}?(什么(?:是|叫做?)[^，。？?！!]{1,8}?)(?:呢|吗)?(?:[？?，,]|$)/u,
    kind: 'concept',
    label: (m) => m[1]!,
    strength: 0.6,
  },
  {
    pattern: /^[^，。？?]{0,10}?(扩展|拓展|延伸)/u,
    kind: 'extension',
    label: () => '拓展',
    strength: 0.6,
  },
  // Sign-offs rarely start a part worth its own chapter, but they tell V3 what not to play.
  {
    pattern: /(点赞|一键三连|谢谢观看|谢谢大家|下课|下期再见|同学们再见)/u,
    kind: 'outro',
    label: () => '结束语',
    strength: 0.5,
  },
];

/** Bare transitions: a boundary, but not what follows. "首先" and "回到" are often said mid-part, so they count less. */
const GENERIC_OPENERS: [RegExp, number][] = [
  [
    /^(?:接下来|下面我们|下面来|下面请|下面呢|我们再来看|再来看|我们再看|我们接着|接着|然后我们来看|现在我们来|我们先来看|先来看|我们继续|继续看)/u,
    0.7,
  ],
  [/^(?:我们来看|我们一起来看)/u, 0.3],
  [/^最后/u, 0.6],
  [/^(?:我们)?回到/u, 0.5],
  [/^首先/u, 0.4],
];

/** The utterance without the fillers a speaker opens with. */
function stripLeadingFiller(text: string): string {
  return text.replace(LEADING_FILLER, '');
}

/**
 * The transition an utterance opens with, if any.
 *
 * @example
 * transitionIn('好，接下来我们看例1') // { kind: 'example', label: '例1', strength: 1.2, itemHeading: false }
 * transitionIn('首先它是根号套根号的形式') // { kind: null, label: null, strength: 0.4, itemHeading: false }
 */
export function transitionIn(utterance: string): Transition | null {
  const head = stripLeadingFiller(utterance.trim());
  const generic = Math.max(0, ...GENERIC_OPENERS.filter(([re]) => re.test(head)).map(([, s]) => s));

  const announcedPart = ANNOUNCED_PART.exec(head);
  const named = announcedPart ?? HEADED_PART.exec(head);
  if (named) {
    // A named part that is announced ("接下来我们看例1") is the clearest boundary there is; a bare
    // heading ("第二题，……") is often one item inside a practice part, so it counts less.
    const announced = announcedPart ? 0.9 : 0.6;
    return {
      kind: 'example',
      label: named[1]!.replace(/\s+/g, ''),
      strength: announced + (generic > 0 ? 0.3 : 0),
      itemHeading: !announcedPart && generic === 0,
    };
  }
  for (const rule of PHRASE_RULES) {
    const match = rule.pattern.exec(head);
    if (match) {
      const strength = Math.min(1.2, rule.strength + (generic > 0 ? 0.2 : 0));
      return { kind: rule.kind, label: rule.label(match), strength, itemHeading: false };
    }
  }
  return generic > 0 ? { kind: null, label: null, strength: generic, itemHeading: false } : null;
}

/** The teacher sets students a task ("请同学们在练习本上算一算"): silence follows, and the sentence is an instruction, not content. */
const TASK_SET =
  /请(?:同学们|大家|你)?.{0,12}?(?:算一算|描一描|量一量|想一想|做一做|写一写|画一画|说一说|读一读|试一试|圈一圈|练习本|探究单|学习单|预学单|动手)/u;

export function setsTask(text: string): boolean {
  return TASK_SET.test(text);
}

/**
 * What a sentence says after its opening filler and transition clauses:
 * "好，接下来我们看例1，学校有一个长方形花坛" → "学校有一个长方形花坛".
 */
export function spokenContent(text: string): string {
  const clauses = stripLeadingFiller(text).split(/(?<=[，,])/u);
  while (clauses.length > 1 && transitionIn(clauses[0]!)) clauses.shift();
  return clauses.join('');
}

/** Words anywhere in a stretch of speech that say what kind of part it is. */
const KIND_CUES: Record<PartKind, RegExp> = {
  intro: /生活中|见过|猜一猜|故事|情境|复习|还记得|上节课|学过|欢迎/gu,
  concept: /什么是|什么叫|叫做|意义|概念|定义|含义/gu,
  example: new RegExp(`例\\s*${NUMERAL}|例题|第${NUMERAL}问|解题|解法`, 'gu'),
  practice: /练一练|做一做|试一试|练习|闯关|考考你|小试|动手/gu,
  summary: /总结|小结|回顾|今天我们学|这节课我们学|收获/gu,
  extension: /扩展|拓展|延伸|思考题|挑战/gu,
  outro: /点赞|关注|收藏|一键三连|谢谢观看|下课|再见/gu,
};

/**
 * Whether a video of this many chapters is a whole lesson whose unnamed first
 * chapter is its 导入. A one- or two-chapter clip (a 微课, a 讲评) starts with
 * its content.
 */
export function opensWithIntro(chapterCount: number): boolean {
  return chapterCount >= 3;
}

/** A transition this strong that names its part sets the part that later headings belong to. */
export const PART_OPENING_STRENGTH = 0.9;

/** How often each kind's cue words occur in `text`. */
export function kindEvidence(text: string): Record<PartKind, number> {
  const counts = {} as Record<PartKind, number>;
  for (const kind of Object.keys(KIND_CUES) as PartKind[]) counts[kind] = text.match(KIND_CUES[kind])?.length ?? 0;
  return counts;
}
