import { words } from '../../src/text/segment.js';

/**
 * Words that carry no lesson content: the verbs and frames objectives and
 * questions are written in (说出、运用、本课、学生…), and function words. Two
 * texts sharing only these share nothing a teacher would call content.
 */
const FRAME = new Set(
  [
    '能够 能 会 学会 学生 同学 我们 你们 自己 老师 教师 本课 本节 课文 教材 课堂 学习 说出 说说 写出',
    '写写 读出 找出 指出 列出 举例 举例说明 说明 运用 应用 使用 理解 了解 掌握 知道 认识 感受 体会 体验 经历',
    '初步 进一步 正确 准确 熟练 流利 有感情 独立 完成 回答 解答 填空 判断 选择 下列 下面 以下 问题 题目 练习',
    '作业 答案 方法 过程 含义 意思 内容 知识 能力 素养 情境 生活 实际 简单 相关 有关 主要 基本 重要 一些',
    '一个 两个 几个 什么 怎样 怎么 如何 为什么 哪些 哪个 是否 可以 可能 需要 应该 的话 用自己的话 自己的话 两三句话 一句话 并',
    '和 与 及 或 的 地 得 了 在 是 有 对 把 被 从 向 为 以 中 上',
    '下 里 这 那 其 之 吗 呢 吧 啊 请 用',
    'the a an and or of to in on at for with is are',
    'be can will you your students student use say read write answer question questions',
  ]
    .join(' ')
    .split(' '),
);

/**
 * The content words of a text (Intl.Segmenter, ICU's dictionary): word-like
 * segments minus frame and function words, a Han word of two or more
 * characters or a Latin word of three or more letters (numbers count, so a
 * worked example's 12 and 3 are content). Lower case, NFKC.
 *
 * @example
 * contentWords('能说出长方形周长的含义') // Set { '长方形', '周长' }
 */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of words(text.normalize('NFKC').toLowerCase())) {
    if (FRAME.has(word)) continue;
    const han = /^\p{Script=Han}+$/u.test(word);
    if (han ? word.length >= 2 : /^\d+(\.\d+)?$/u.test(word) || /^[a-z]{3,}$/u.test(word)) out.add(word);
  }
  return out;
}

/** Frame words of two or more characters, longest first, for cutting them out of a text. */
const FRAME_RUNS = [...FRAME].filter((w) => /^\p{Script=Han}{2,}$/u.test(w)).sort((a, b) => b.length - a.length);
/** Single-character frame words (的、了、在…): a text is cut at them, never joined across them. */
const FRAME_CHARS = new Set([...FRAME].filter((w) => /^\p{Script=Han}$/u.test(w)));

/**
 * The Han character pairs of a text outside its frame words. ICU's dictionary
 * cuts classical lines and rare words apart (「江春入旧年」 → 江, 春, 入, 旧年;
 * 默写 → 默, 写), so pairs of characters catch what words miss: a check item
 * quoting the line its objective names shares 江春 and 旧年 with it.
 *
 * @example
 * hanPairs('能默写两首诗') // Set { '默写', '写两', '两首', '首诗' }
 */
export function hanPairs(text: string): Set<string> {
  let rest = text.normalize('NFKC');
  for (const word of FRAME_RUNS) rest = rest.split(word).join('|');
  const out = new Set<string>();
  for (const run of rest.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      if (FRAME_CHARS.has(chars[i]!) || FRAME_CHARS.has(chars[i + 1]!)) continue;
      out.add(chars[i]! + chars[i + 1]!);
    }
  }
  return out;
}

/** The content words two texts share. */
export function sharedContentWords(a: string | Set<string>, b: string | Set<string>): string[] {
  const left = typeof a === 'string' ? contentWords(a) : a;
  const right = typeof b === 'string' ? contentWords(b) : b;
  return [...left].filter((word) => right.has(word));
}
