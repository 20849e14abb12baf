/**
 * Textbook characters: 小 and a given-name character (小明, 小丽 — but 小数, 小脑,
 * 小雨 are terms), a doubled character (笑笑, 冬冬), and the few that recur by
 * name (北师大's 淘气, 智慧老人, 机灵狗). Worked solutions and dialogues are
 * printed under their names: 「小丽：8＋5＋8＋5＝26（米）」.
 */
const CHARACTER =
  /^(小[明红丽亮军华芳刚强东兰林梅青玲宇云文峰胖冬美敏杰艳龙伟英娟玉静婷佳欣晴丁]|(\p{Script=Han})\2|淘气|机灵狗|智慧老人|老师|同学)$/u;

/** 「一条」「两个」「第三」: a count or a rank. */
const COUNT =
  /^(?:[一二两三四五六七八九十百千几每半]+[个条块张根只本支件次种位名份片把层幅组颗粒棵朵匹头辆架座间双对套群批]|第[一二三四五六七八九十\d]+)$/u;

/**
 * A name a textbook gives the children (or the teacher) who speak on its pages:
 * not a term, however often it is printed.
 *
 * @example
 * isSpeakerName('小丽') // true
 * isSpeakerName('小数') // false
 */
export function isSpeakerName(word: string): boolean {
  return CHARACTER.test(word);
}

/**
 * A count or a rank (「一幅」「两条」「第三」): it measures or orders things, it names none.
 *
 * @example
 * isCount('一条') // true
 * isCount('一拍') // false  (a beat is a term in music)
 */
export function isCount(word: string): boolean {
  return COUNT.test(word);
}
