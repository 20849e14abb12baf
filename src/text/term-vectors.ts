import { keyTerms } from './keywords.js';

/**
 * Bag-of-terms helpers for comparing short spans of text (subtitle cues,
 * chapters, plan steps). They reuse `keyTerms`' notion of a subject term so
 * every step agrees on what counts as a word worth comparing.
 */

/**
 * Segments ICU returns as words that say nothing about a topic in spoken
 * explanations ("它的", "一圈", "等于", "多少"). `keyTerms`' stop list is written
 * for textbooks; speech needs these on top, or every window of a lesson
 * looks alike.
 */
const SPOKEN_NOISE = new Set(
  (
    '都要 等于 多少 每天 早上 一共 起来 出来 下来 上来 过来 不同 刚才 现在 其实 一般 只要 只是 还有 千万 最后 首先 接着 ' +
    '对于 关于 直接 简单 真的 确实 肯定 当然 之间 那样 怎么样 什么样 大于 小于 乘以 除以 加上 减去 不要 不能 不会 不用 ' +
    '处理 频道 视频 第三 第四 第五 后面 前面 要注意 注意 虽然 得到 想要 开始 情况 意味 意味着 表示 考虑 涉及 接触 来看 重要 自然 欢迎 回到 最近 第一次 一下子 ' +
    '有关 相关 知识 一样 也是 就会 就要 还要 要是 这么 那么样 一点 有点 东西 地方 意思 感觉 来说 来讲 的话 这种 那种 哪个 哪些 好像'
  ).split(' '),
);
/**
 * Pronoun + 的 or a verb ("它的", "你在"), demonstrative + classifier ("这条"),
 * numeral + classifier ("一圈"), adverb + one character ("就把", "也就"), and
 * anything ending in a particle or 是 ("好啊", "算了", "真的是").
 */
const NOISE_SHAPES = [
  /^[你我他她它咱]们?[的在把给对说]?$/u,
  /^[就也都还才又再]..?$/u,
  /[了啊吧呢嘛呀哦是]$/u,
  /^[这那哪][个条些种样次边里块张位道]$/u,
  /^[一二两三四五六七八九十几每半]+[个条片圈种次张块根道边位些点下遍组步]$/u,
];

function isTopical(term: string): boolean {
  return !SPOKEN_NOISE.has(term) && !NOISE_SHAPES.some((re) => re.test(term));
}

/**
 * The distinct subject terms of `text`, most frequent first.
 *
 * @example
 * termsOf('长方形的周长等于长加宽的和乘2') // ['长方形', '周长']
 */
export function termsOf(text: string): string[] {
  return keyTerms([{ text, weight: 1 }], Number.POSITIVE_INFINITY).filter(isTopical);
}

/**
 * In how many of `termLists` each term occurs (each list counts a term once):
 * document frequency over cues, so one long cue cannot dominate a span.
 */
export function countTerms(termLists: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of termLists) {
    for (const term of new Set(list)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}

/** Cosine similarity of two term-count vectors; null when either is empty (no evidence either way). */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number | null {
  if (a.size === 0 || b.size === 0) return null;
  let dot = 0;
  for (const [term, count] of a) dot += count * (b.get(term) ?? 0);
  const norm = (v: ReadonlyMap<string, number>) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
  return dot / (norm(a) * norm(b));
}
