import { hasCjk, words } from './segment.js';

/**
 * Function words and classroom boilerplate that are frequent in every lesson
 * and say nothing about this one.
 */
const STOPWORDS = new Set(
  (
    '我们 你们 他们 它们 这个 那个 这些 那些 什么 怎么 怎样 为什么 可以 应该 需要 就是 还是 或者 以及 因为 所以 如果 但是 而且 然后 ' +
    '一个 一些 一下 一起 已经 没有 不是 这样 那么 这里 那里 时候 同学 同学们 老师 大家 今天 这节 这节课 课堂 学习 知道 看看 看到 发现 ' +
    '问题 方法 进行 通过 根据 利用 其中 之后 之前 以后 以上 以下 下面 上面 如图 所示 例如 比如 自己 非常 比较 特别 一定 可能 能够 ' +
    '认识 了解 理解 掌握 学会 学生 教师 教学 练习 思考 想一想 做一做 议一议 填空 选择 判断 回答 说说 写出 说出 本节 本课 第一 第二 ' +
    '叫做 叫作 称为 称作 它的 中的 这种 那种 至少 课时'
  ).split(' '),
);

/** True when a segment can be a subject term: CJK of 2–8 characters, or a Latin word of 3+ letters. */
function isTermShaped(word: string): boolean {
  if (STOPWORDS.has(word)) return false;
  if (hasCjk(word)) return word.length >= 2 && word.length <= 8 && !/^\d/.test(word);
  return /^[A-Za-z][A-Za-z-]{2,}$/.test(word);
}

export interface WeightedText {
  text: string;
  /** How much this text counts: headings and definitions more than body text. */
  weight: number;
}

/**
 * The terms a set of texts is about, best first: frequency times weight, with
 * a bonus for terms that stand in headings. Deterministic: ties break by
 * first appearance.
 *
 * @example
 * keyTerms([{ text: '长方形的周长是四条边长度的和', weight: 3 }], 5) // ['长方形', '周长', …]
 */
export function keyTerms(texts: WeightedText[], limit: number): string[] {
  const score = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  let position = 0;
  for (const { text, weight } of texts) {
    for (const word of words(text)) {
      if (!isTermShaped(word)) continue;
      const key = hasCjk(word) ? word : word.toLowerCase();
      score.set(key, (score.get(key) ?? 0) + weight);
      if (!firstSeen.has(key)) firstSeen.set(key, position++);
    }
  }
  return [...score.entries()]
    .sort((a, b) => b[1] - a[1] || firstSeen.get(a[0])! - firstSeen.get(b[0])!)
    .slice(0, limit)
    .map(([term]) => term);
}

/** Share of `b`'s terms that also occur in `a` (0–1): a cheap "is this about the same thing". */
export function termOverlap(a: string, b: string): number {
  const bTerms = new Set(words(b).filter(isTermShaped));
  if (bTerms.size === 0) return 0;
  const aTerms = new Set(words(a).filter(isTermShaped));
  let shared = 0;
  for (const term of bTerms) if (aTerms.has(term)) shared++;
  return shared / bTerms.size;
}
