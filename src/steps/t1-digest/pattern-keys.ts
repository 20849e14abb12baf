/**
 * Keys a rule reads off the book itself, beyond arithmetic: a 「照例子写」
 * item done the way its example is done, a gap in a sentence the book states
 * whole elsewhere, and a 连一连 whose pairs stand together in the text.
 * Nothing is guessed: when a rule is not certain of every part it keys none.
 */

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** 「例：Harbin / cold → It's cold in Harbin.」: the example's cues and the sentence made from them. */
const EXAMPLE = /例[:：]\s*(.+?)\s*(?:→|->|⟶)\s*(.+?)(?=\s*[（(]\d{1,2}[）)]|$)/u;
/** 「（1）Kunming / cool → ____」: a part with its own cues and a blank. */
const PART = /[（(](\d{1,2})[）)]\s*([^（()）→]+?)\s*(?:→|->|⟶)\s*(?:_{2,}|＿{2,})/gu;

function cues(text: string): string[] {
  return text
    .split(/\s*[/／]\s*/u)
    .map((cue) => cue.trim())
    .filter(Boolean);
}

/**
 * 「看天气，写句子。例：Harbin / cold → It's cold in Harbin. （1）Kunming / cool → ____」:
 * each part's sentence is the example's, its cues put in place of the
 * example's (「It's cool in Kunming.」). Null unless every cue of the example
 * stands once in its sentence and every part gives as many cues.
 *
 * @example
 * followExample('例：Harbin / cold → It\'s cold in Harbin. （1）Kunming / cool → ____') // ["（1）It's cool in Kunming."]
 */
export function followExample(exercise: string): string[] | null {
  const example = EXAMPLE.exec(exercise);
  if (!example) return null;
  const given = cues(example[1]!);
  const sentence = example[2]!.trim();
  const slots = given.map((cue) => new RegExp(`(?<![\\p{L}\\p{N}])${literal(cue)}(?![\\p{L}\\p{N}])`, 'gu'));
  if (given.length === 0 || slots.some((slot) => (sentence.match(slot)?.length ?? 0) !== 1)) return null;
  const parts = [...exercise.matchAll(PART)];
  if (parts.length === 0) return null;
  const answers: string[] = [];
  for (const [, number, text] of parts) {
    const own = cues(text!);
    if (own.length !== given.length) return null;
    // One pass over the sentence, so a cue put in is never replaced again.
    const all = new RegExp(slots.map((slot) => `(${slot.source})`).join('|'), 'gu');
    answers.push(`（${number}）${sentence.replace(all, (...match) => own[match.slice(1, own.length + 1).findIndex(Boolean)]!)}`);
  }
  return answers;
}

/**
 * A page's sentences, each with the words printed on the page that state it: 「Where's the post office? |
 * It's across from the bank.」 also reads as 「The post office is across from the bank.」, printed as its answer.
 */
function statements(page: string): { sentence: string; printed: string }[] {
  const lines = page.split(/\r?\n/u).map((line) => line.replace(/^\s*\|?|\|?\s*$/gu, '').trim());
  const found: { sentence: string; printed: string }[] = [];
  lines.forEach((line, i) => {
    for (const sentence of line.split(/(?<=[.!?。！？])\s+|\s*\|\s*/u).map((s) => s.trim())) found.push({ sentence, printed: sentence });
    // A question and its answer, in one table row or on two lines: the answer's 「It」 is what was asked about.
    const cells = line.includes('|') ? line.split(/\s*\|\s*/u) : [line, lines[i + 1] ?? ''];
    const asked = /^Where(?:'s| is) (the [\w ]+?)\?$/iu.exec(cells[0]!.trim());
    const answer = /^It(?:'s| is) (.+)$/u.exec(cells[1]?.trim() ?? '');
    if (asked && answer)
      found.push({ sentence: `${asked[1]![0]!.toUpperCase()}${asked[1]!.slice(1)} is ${answer[1]}`, printed: cells[1]!.trim() });
  });
  return found.filter((s) => s.sentence !== '');
}

/** A stated key: what fills the gap, the page and the sentence it was read from. */
export interface StatedKey {
  answer: string;
  page: number;
  /** The words on the page that state it (「It's across from the bank.」). */
  printed: string;
}

/**
 * 「The post office is ___ the bank.」 keyed by the sentence the book states
 * whole (「Where's the post office? — It's across from the bank.」): the words
 * in the gap. Only an English sentence with one gap; null unless exactly one
 * filling of one to four words is found in the book.
 *
 * @example
 * statedKey('The post office is ___ the bank.', [{ page: 5, text: "| Where's the post office? | It's across from the bank. |" }])
 * // { answer: 'across from', page: 5, printed: "It's across from the bank." }
 */
export function statedKey(exercise: string, pages: { page: number; text: string }[]): StatedKey | null {
  const gaps = exercise.match(/_{2,}|＿{2,}/gu) ?? [];
  if (gaps.length !== 1 || /\p{Script=Han}/u.test(exercise) || !/^[A-Z]/u.test(exercise.trim())) return null;
  const [before, after] = exercise
    .trim()
    .split(/\s*(?:_{2,}|＿{2,})\s*/u)
    .map((side) => literal(side!.trim()));
  const pattern = new RegExp(`^${before}\\s+([A-Za-z]+(?: [A-Za-z]+){0,3})\\s+${after}$`, 'iu');
  const found = new Map<string, StatedKey>();
  for (const page of pages) {
    for (const { sentence, printed } of statements(page.text)) {
      const match = pattern.exec(sentence);
      if (match && !found.has(match[1]!.toLowerCase())) found.set(match[1]!.toLowerCase(), { answer: match[1]!, page: page.page, printed });
    }
  }
  return found.size === 1 ? [...found.values()][0]! : null;
}

/** 「黄牛　　　　漂」: a row of a 连一连, its two columns apart by a wide gap. */
const ROW = /^(\S{1,10})[\s\u3000]{2,}(\S{1,10})$/u;

/**
 * The rows printed under a 连一连 (「黄牛　　漂」「白鹅　　走」), as printed, or
 * an empty list: the lines right after the exercise's own line on its page.
 *
 * @example
 * matchingRows('连一连。', '2. 连一连。\n黄牛　　　漂\n白鹅　　　走\n3. 说一说') // ['黄牛　　　漂', '白鹅　　　走']
 */
export function matchingRows(exercise: string, page: string): string[] {
  if (!/连一连|连线/u.test(exercise)) return [];
  const lines = page.split(/\r?\n/u).map((line) => line.trim());
  const at = lines.findIndex((line) => line.endsWith(exercise.trim()));
  if (at < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!ROW.test(line)) break;
    rows.push(line);
  }
  return rows.length >= 2 ? rows : [];
}

/**
 * A 连一连 keyed by the text: each word of the left column goes with the one
 * word of the right column it stands with in a clause of the text (「黄牛慢慢走」
 * pairs 黄牛 with 走). Null unless every left word finds exactly one, each a
 * different one.
 *
 * @example
 * matchPairs(['黄牛　　漂', '白鹅　　走'], ['黄牛慢慢走，', '白鹅水上漂。']) // '黄牛—走；白鹅—漂'
 */
export function matchPairs(rows: string[], textLines: string[]): string | null {
  const cells = rows.map((row) => ROW.exec(row)!);
  const lefts = cells.map((c) => c[1]!);
  const rights = cells.map((c) => c[2]!);
  const clauses = textLines.join('').split(/[，。；？！,.;?!]/u);
  const pairs = lefts.map((left) => {
    const found = rights.filter((right) => clauses.some((clause) => clause.includes(left) && clause.includes(right)));
    return found.length === 1 ? `${left}—${found[0]}` : null;
  });
  if (pairs.some((p) => p === null) || new Set(pairs.map((p) => p!.split('—')[1])).size !== pairs.length) return null;
  return pairs.join('；');
}
