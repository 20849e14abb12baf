import type { DigestFile, MaterialDigest, TextBlock } from '../../domain/index.js';
import { hasCjk, visibleLength } from '../../text/segment.js';
import { type Block, toBlocks } from './blocks.js';
import { readLines } from './lines.js';

/**
 * What a lesson teaches from, read out of the teacher's own pages: the text
 * the class studies (a poem, a passage, a dialogue) and the book's worked
 * examples with their solution steps. The offline engine builds the plan, the
 * sheets and the deck around these, word for word, so a teacher sees her book
 * in the draft instead of rule prose about it.
 */
export interface StudiedText {
  kind: 'poem' | 'passage' | 'dialogue';
  /** 「观沧海」, the passage's or dialogue's heading; the lesson title when the text has none of its own. */
  title: string;
  /** 「曹操」「［唐］李白」, as printed; null when the book names none. */
  author: string | null;
  /** One line per printed line (poem), paragraph (passage) or turn (dialogue). */
  lines: string[];
  file: string;
  /** The page (or section) it starts on. */
  page: number;
  /** Every page it is printed on: a passage may run over a page break. */
  pages: number[];
}

export interface WorkedExample {
  /** 「例1」 */
  label: string;
  /** The problem as printed. */
  problem: string;
  /** The book's solution, line by line (「8＋5＋8＋5＝26（米）」, 「答：……」); empty when the book leaves it to the class. */
  steps: string[];
  file: string;
  page: number;
}

/** A passage of the book located on its page. */
export interface Placed {
  text: string;
  file: string;
  page: number;
}

/** A 注释 entry printed under a text: 「〔鸿儒〕大儒，这里指博学的人。」「海日：海上的旭日。」 */
export interface Gloss {
  /** 「鸿儒」, or a whole line glossed 「斯是陋室，惟吾德馨」. */
  term: string;
  /** The book's explanation, as printed. */
  text: string;
  /** The entry as printed, marks and all. */
  line: string;
  file: string;
  page: number;
}

/** A formula as printed, with the name the book gives it just above (「换底公式」), or null. */
export interface Formula extends Placed {
  name: string | null;
}

export interface LessonContent {
  texts: StudiedText[];
  examples: WorkedExample[];
  /** The 注释 of the texts, in printed order. */
  glosses: Gloss[];
  /** Formulas the book states (「log_a(MN)＝log_aM＋log_aN」「长方形的周长＝（长＋宽）×2」), as printed. */
  formulas: Formula[];
  /** What the book puts before the text to open the lesson (阅读提示, Starting out), or null. */
  opening: Placed | null;
}

/** Classical verse: clauses of three to nine characters between punctuation, one or two to a printed line. */
const VERSE_CLAUSE = /^[\p{Script=Han}]{3,9}$/u;
const VERSE_LINE_MAX = 32;
/** Fewer lines are a couplet quoted in prose or an exercise, not a poem studied. */
const POEM_MIN_LINES = 4;
/** Share of a poem's clauses that keep its commonest length; 词 vary more than 诗, and still keep most. */
const VERSE_MEASURE = 0.6;
const VERSE_TWO_MEASURES = 0.85;
/** 「曹操」「［唐］李白」「(唐) 王维」「唐·杜甫」: who wrote the text, printed under its title. */
const AUTHOR = /^(?:[［[（(【〔]\s*[\p{Script=Han}]{1,2}\s*[］\]）)】〕]\s*|[\p{Script=Han}]{1,2}\s*[·•]\s*)?[\p{Script=Han}·]{2,5}$/u;
/** 「Mike: Grandpa, can I go outside now?」: a turn of an English dialogue. */
const TURN = /^((?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+|[A-Z][a-z]{1,12}(?:\s[A-Z][a-z]{1,12})?|[A-Z])\s*[:：]\s*\S/u;
const DIALOGUE_MIN_TURNS = 3;
/** A passage is read, not glanced at: paragraphs of some length, several of them. */
const PARAGRAPH_MIN = 20;
const PASSAGE_MIN = 120;
const EXAMPLE = /^例\s*(\d{1,2})(?!\d)/u;
/** Boxes that open a lesson: the book's own lead-in to the text. */
const OPENING = /^(阅读提示|预习提示|学习提示|预习|情境导入|导入|starting out|warm[\s-]?up|lead[\s-]?in|let's start|get ready)/iu;
/** 「议一议　三种方法有什么相同的地方？」: a task box printed after an example's working ends it. */
const TASK_BOX = /^(?:议一议|想一想|做一做|练一练|试一试|说一说|算一算|填一填|比一比|(?:思考|讨论|小结|归纳|练习)[\s　:：])/u;
/** 「〔鸿儒〕大儒……」: a bracketed 注释 entry. */
const BRACKET_GLOSS = /^[〔［]([^〕］]{1,24})[〕］]\s*(.+)$/u;
/** 「注释」「【注释】」: the heading of a text's notes. */
const NOTES_HEADING = /^[【〔[]?\s*注释\s*[】〕\]]?[:：]?$/u;
/** 「海日：海上的旭日。」 inside a notes block: several to a printed line. */
const COLON_GLOSS = /^([\p{Script=Han}·]{1,10})[:：](.+)$/u;
/** A classical text printed as one paragraph: mostly short clauses (「山不在高，有仙则名。」). */
const CLASSICAL_MIN_CHARS = 40;
const CLASSICAL_CLAUSE_MAX = 9;
const CLASSICAL_SHARE = 0.8;
/** 「阶梯水价计算」: an example's name, no sentence. */
const NAME_ONLY = /^[^，。；：？！,.;:?!]{2,20}$/u;
/** 「某市居民用水实行阶梯水价：……计算应交水费。」: the task stated in a sentence of its own, not the book's working. */
const STATEMENT = /^(?!解|答|分析|证明|设)\p{Script=Han}.{8,}[。？?]$/u;
/** Where a worked example's solution ends: the next box of tasks or a summary. */
const SOLUTION_MAX_LINES = 12;

function isVerseLine(text: string): boolean {
  // A verse line ends in its punctuation; a title (「观沧海」) has none.
  if (visibleLength(text) > VERSE_LINE_MAX || !hasCjk(text) || !/[，。；？！、]$/u.test(text.trim())) return false;
  const clauses = text
    .replace(/\s+/g, '')
    .split(/[，。；？！、,;?!：:]/u)
    .filter(Boolean);
  // 「枯藤老树昏鸦，小桥流水人家，古道西风瘦马。」: a line of a 曲 holds up to four clauses.
  return clauses.length >= 1 && clauses.length <= 4 && clauses.every((clause) => VERSE_CLAUSE.test(clause));
}

/**
 * Verse keeps a measure: most of its clauses have one length (四言, 五言, 七言).
 * A textbook box of short sentences (「长方形有什么特点？正方形呢？」) does not.
 */
function regular(lines: string[]): boolean {
  const lengths = lines.flatMap((line) =>
    line
      .split(/[，。；？！、]/u)
      .filter(Boolean)
      .map((clause) => clause.length),
  );
  const counts = new Map<number, number>();
  for (const n of lengths) counts.set(n, (counts.get(n) ?? 0) + 1);
  // 儿歌 alternate two measures (「田野里，真热闹，」「黄牛慢慢走，」): the two commonest lengths carry it.
  const [first = 0, second = 0] = [...counts.values()].sort((a, b) => b - a);
  return first / lengths.length >= VERSE_MEASURE || (first + second) / lengths.length >= VERSE_TWO_MEASURES;
}

interface FlatLine {
  text: string;
  /** As extracted: the gaps of a word list (「黄牛　白鹅　青蛙」) survive here. */
  raw: string;
  /** Program code as printed, indentation kept ('' for a fence line), or null: see `Line.code`. */
  code: string | null;
  page: number;
  heading: boolean;
}

/** Every readable line in order, marked when the layout reads it as a heading. */
function flatLines(file: DigestFile): FlatLine[] {
  const lines = readLines(file.pages);
  const headingLines = new Set(
    toBlocks(lines)
      .filter((b) => b.heading)
      .map((b) => b.lines[0]),
  );
  return lines
    .flat()
    .map((line) => ({ text: line.text, raw: line.raw, code: line.code, page: line.page, heading: headingLines.has(line) }));
}

/** The title and author printed just above line `at`: 「观沧海」「曹操」, or only a title. */
function titleAbove(lines: FlatLine[], at: number, fallback: string): { title: string; author: string | null } {
  const above = lines[at - 1];
  const twoAbove = lines[at - 2];
  // A title is a short line without sentence punctuation, and not a word list (「黄牛　白鹅　青蛙」).
  const short = (line: FlatLine | undefined) =>
    line !== undefined &&
    visibleLength(line.text) <= 16 &&
    !/[，。；？！]/u.test(line.text) &&
    line.raw.trim().split(/[\s\u3000]+/u).length < 3;
  if (above && AUTHOR.test(above.text) && !isVerseLine(above.text) && short(twoAbove) && !isVerseLine(twoAbove!.text)) {
    return { title: bareTitle(twoAbove!.text), author: above.text };
  }
  if (short(above) && !isVerseLine(above!.text)) return { title: bareTitle(above!.text), author: null };
  return { title: fallback, author: null };
}

/** 「Let's talk　听录音，读对话，并回答问题。」 → 「Let's talk」: an English book's feature name without its Chinese instruction. */
function featureName(heading: string): string {
  const latin = /^([A-Za-z][A-Za-z0-9'’&.,\s-]*?)\s*(?=\p{Script=Han}|$)/u.exec(heading)?.[1]?.trim();
  return latin || heading.split(/[，。：:]/u)[0]!.trim();
}

/** 「课文 8 古诗二首」「1 静夜思」 → the title's own words. */
function bareTitle(text: string): string {
  return text
    .replace(/^(识字|课文)?\s*\*?\d{1,2}\*?\s+/u, '')
    .replace(/^第\s*[0-9一二三四五六七八九十]+\s*(课|节|课时)\s*/u, '')
    .replace(/[《》]/g, '')
    .trim();
}

/** 「枯藤老树昏鸦，小桥流水人家，古道西风瘦马。夕阳西下，断肠人在天涯。」: a 小令 printed as one line, clause after clause. */
function isOneLinePoem(text: string): boolean {
  if (visibleLength(text) > VERSE_LINE_MAX * 2 || !/[。？！]$/u.test(text.trim())) return false;
  const clauses = text
    .replace(/\s+/g, '')
    .split(/[，。；？！、]/u)
    .filter(Boolean);
  return clauses.length >= POEM_MIN_LINES + 1 && clauses.every((clause) => VERSE_CLAUSE.test(clause)) && regular([text]);
}

function poems(lines: FlatLine[], file: DigestFile, lessonTitle: string): StudiedText[] {
  const found: StudiedText[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.heading && isOneLinePoem(lines[i]!.text)) {
      // Only under its own title and author: a line of short clauses in prose is not a poem.
      const { title, author } = titleAbove(lines, i, lessonTitle);
      if (author) {
        const line = lines[i]!;
        found.push({ kind: 'poem', title, author, lines: [line.text], file: file.name, page: line.page, pages: [line.page] });
        continue;
      }
    }
    if (lines[i]!.heading || !isVerseLine(lines[i]!.text)) continue;
    let end = i;
    while (end + 1 < lines.length && !lines[end + 1]!.heading && isVerseLine(lines[end + 1]!.text)) end++;
    const run = lines.slice(i, end + 1);
    // Four printed lines, or two lines of two clauses each (「床前明月光，疑是地上霜。」 printed as one).
    const clauses = run.reduce((n, line) => n + line.text.split(/[，。；？！]/u).filter(Boolean).length, 0);
    if (run.length >= 2 && clauses >= POEM_MIN_LINES && regular(run.map((l) => l.text))) {
      const { title, author } = titleAbove(lines, i, lessonTitle);
      const pages = [...new Set(run.map((l) => l.page))];
      found.push({ kind: 'poem', title, author, lines: run.map((l) => l.text), file: file.name, page: run[0]!.page, pages });
    }
    i = end;
  }
  return found;
}

function dialogues(lines: FlatLine[], file: DigestFile, lessonTitle: string): StudiedText[] {
  const found: StudiedText[] = [];
  let previousEnd = -2;
  for (let i = 0; i < lines.length; i++) {
    if (!TURN.test(lines[i]!.text)) continue;
    let end = i;
    while (end + 1 < lines.length && TURN.test(lines[end + 1]!.text)) end++;
    const speakers = new Set(lines.slice(i, end + 1).map((l) => TURN.exec(l.text)![1]));
    // The scene note 「(Mike is at home…)」 belongs to the dialogue; the heading above it names it.
    const scene = lines[i - 1] && /^[（(].+[）)]$/u.test(lines[i - 1]!.text) ? [lines[i - 1]!.text] : [];
    const previous = found.at(-1);
    if (previous && previousEnd === i - 1 - scene.length) {
      // A second scene of the same dialogue (「(Mike calls his cousin…)」) continues it.
      previous.lines.push(...scene, ...lines.slice(i, end + 1).map((l) => l.text));
      previous.pages = [...new Set([...previous.pages, ...lines.slice(i, end + 1).map((l) => l.page)])];
      previousEnd = end;
      i = end;
      continue;
    }
    if (end - i + 1 >= DIALOGUE_MIN_TURNS && speakers.size >= 2) {
      const headingAt = i - 1 - scene.length;
      const title = lines[headingAt]?.heading ? featureName(lines[headingAt]!.text) : lessonTitle;
      found.push({
        kind: 'dialogue',
        title,
        author: null,
        lines: [...scene, ...lines.slice(i, end + 1).map((l) => l.text)],
        file: file.name,
        page: lines[i]!.page,
        pages: [...new Set(lines.slice(i, end + 1).map((l) => l.page))],
      });
      previousEnd = end;
    }
    i = end;
  }
  return found;
}

/**
 * Prose read as a text: a run of paragraphs with no heading, item number or
 * task among them, long enough to be a passage (a 课文, an English reading),
 * titled by the line or heading above it.
 */
/**
 * The author printed under the text's title, where the book prints the title with its author: often
 * the lesson's first page (「陋室铭／刘禹锡」), while the text follows on the next.
 */
function authorOf(blocks: Block[], title: string): string | null {
  for (let k = 0; k + 1 < blocks.length; k++) {
    const next = blocks[k + 1]!;
    if (bareTitle(blocks[k]!.text) === title && !next.item && AUTHOR.test(next.text) && next.text !== title) return next.text;
  }
  return null;
}

function passages(blocks: Block[], file: DigestFile, lessonTitle: string): StudiedText[] {
  const found: StudiedText[] = [];
  const prose = (b: Block | undefined) =>
    b !== undefined &&
    !b.heading &&
    !b.item &&
    visibleLength(b.text) >= PARAGRAPH_MIN &&
    !TURN.test(b.text) &&
    !isVerseLine(b.text) &&
    !BRACKET_GLOSS.test(b.text);
  for (let i = 0; i < blocks.length; i++) {
    if (!prose(blocks[i])) continue;
    let end = i;
    // A 文言 text printed as one paragraph is a text of its own, not part of the modern prose around it.
    const classical = isClassical(blocks[i]!.text);
    while (
      !classical &&
      end + 1 < blocks.length &&
      prose(blocks[end + 1]) &&
      !isClassical(blocks[end + 1]!.text) &&
      blocks[end + 1]!.page - blocks[end]!.page <= 1
    )
      end++;
    const run = blocks.slice(i, end + 1);
    const chars = run.reduce((n, b) => n + visibleLength(b.text), 0);
    const above = classical && blocks[i - 1] && !blocks[i - 1]!.heading ? undefined : blocks[i - 1];
    // The box that opens the lesson (预习, 阅读提示) is the book talking about the text, not the text.
    const opening = above?.heading !== null && above?.heading !== undefined && OPENING.test(above.text);
    if (!opening && ((run.length >= 2 && chars >= PASSAGE_MIN) || classical)) {
      const title = above && !above.item && visibleLength(above.text) <= 40 ? featureName(above.text) : lessonTitle;
      found.push({
        kind: 'passage',
        title: bareTitle(title),
        author: authorOf(blocks, bareTitle(title)),
        lines: run.map((b) => b.text),
        file: file.name,
        page: run[0]!.page,
        pages: [...new Set(run.map((b) => b.page))],
      });
    }
    i = end;
  }
  return found;
}

/** 「斯，这。惟，只。馨，能远闻的香气……」: the single characters a line's note explains one by one. */
function innerGlosses(entry: Gloss): Gloss[] {
  return (entry.text.match(/[^。]+。?/gu) ?? [])
    .map((sentence) => /^([\p{Script=Han}]{1,3})，(.+)$/u.exec(sentence))
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== entry.term && entry.term.includes(m[1]!))
    .map((m) => ({ ...entry, term: m[1]!, text: m[2]! }));
}

/**
 * The 注释 of the lesson's texts: bracketed entries 「〔鸿儒〕大儒……」 anywhere, and
 * 「海日：海上的旭日。」 entries in the lines under a 注释 heading (a note that
 * runs on, 「古人有鸿雁传书的说法。」, stays with its entry). A note on a whole
 * line 「〔斯是陋室，惟吾德馨〕……斯，这。惟，只。」 also yields the single characters
 * it explains.
 */
function glosses(lines: FlatLine[], file: DigestFile): Gloss[] {
  const found: Gloss[] = [];
  let inNotes = false;
  for (const line of lines) {
    const text = line.text.trim();
    if (NOTES_HEADING.test(text)) {
      inNotes = true;
      continue;
    }
    const bracket = BRACKET_GLOSS.exec(text);
    if (bracket) {
      const entry = { term: bracket[1]!, text: bracket[2]!, line: text, file: file.name, page: line.page };
      found.push(entry, ...innerGlosses(entry));
      inNotes = true;
      continue;
    }
    if (!inNotes || line.heading) {
      inNotes = false;
      continue;
    }
    const entries = (text.match(/[^。？！]+[。？！]?/gu) ?? []).map((sentence) => sentence.trim());
    if (!entries.some((e) => COLON_GLOSS.test(e))) {
      inNotes = false;
      continue;
    }
    for (const sentence of entries) {
      const colon = COLON_GLOSS.exec(sentence);
      const last = found.at(-1);
      if (colon) found.push({ term: colon[1]!, text: colon[2]!, line: sentence, file: file.name, page: line.page });
      else if (last && last.page === line.page) {
        last.text += sentence;
        last.line += sentence;
      }
    }
  }
  return found;
}

/** 「山不在高，有仙则名。水不在深，有龙则灵。……」: one long paragraph of short clauses, as a 文言 text is printed. */
function isClassical(text: string): boolean {
  if (visibleLength(text) < CLASSICAL_MIN_CHARS || !hasCjk(text) || /[A-Za-z0-9]/u.test(text)) return false;
  const clauses = text
    .split(/[，。；？！：、]/u)
    .map((c) => c.replace(/[“”‘’\s]/gu, ''))
    .filter(Boolean);
  return clauses.length >= 6 && clauses.filter((c) => c.length <= CLASSICAL_CLAUSE_MAX).length / clauses.length >= CLASSICAL_SHARE;
}

/** 「（1）」 before a formula, 「；」 after it. */
const FORMULA_EDGES = /^[（(]\d{1,2}[）)]\s*|[；;。，,]?\s*[①②③④⑤⑥⑦⑧⑨]?\s*$/gu;
/** 「换底公式」「对数的运算性质」「由此得到等差数列{an}的前n项和公式」: a heading or lead line that names the formula under it. */
const FORMULA_NAME = /([^，。：:\s]{0,24}?(?:公式|性质|定理|定律|法则))(?:[，,]?\s*得)?[:：]?$/u;
/** 「（a＞0，且 a≠1）」: the conditions printed after a formula belong to it. */
const CONDITION = /[（(][^（）()]*[＞＜≠>≤≥∈][^（）()]*[）)]$/u;
const FORMULA_MAX_CHARS = 60;
const FORMULA_MAX_HAN = 12;
/** A side of a formula names quantities: a letter, a Greek letter or a word. */
const QUANTITY = /[A-Za-zα-ωπ\p{Script=Han}]/u;

/**
 * A line that states a formula: two sides about quantities joined by ＝, no
 * sentence around it (「设 M＝aᵐ，则……」 is working), and not a calculation
 * that ends in a number (「(1/5)×2＝2/5」 is an example's step).
 *
 * @example
 * formulaOf('（1）log_a(MN)＝log_aM＋log_aN；') // 'log_a(MN)＝log_aM＋log_aN'
 * formulaOf('小丽：8＋5＋8＋5＝26（米）')          // null
 */
export function formulaOf(line: string): string | null {
  const text = line.replace(FORMULA_EDGES, '').trim();
  if (!/[=＝]/u.test(text) || visibleLength(text) > FORMULA_MAX_CHARS || /^(解|答|例|设|因为|所以|则|即|又)/u.test(text)) return null;
  const body = text.replace(CONDITION, '');
  // A label (「小丽：」「证明：」), a sentence, a line of code (「days = int(input("…"))」) is not a formula stated.
  if (/[，。；？！?:：“”"]|\s=\s/u.test(body) || (body.match(/\p{Script=Han}/gu)?.length ?? 0) > FORMULA_MAX_HAN) return null;
  const sides = body.split(/[=＝]/u).map((side) => side.trim());
  // 「c²＝4×½ab＋……＝a²＋b²」: a chain of equals signs is working, not the formula.
  if (sides.length !== 2 || sides.some((side) => !side) || !QUANTITY.test(sides[0]!) || !QUANTITY.test(sides[1]!)) return null;
  return text;
}

function formulas(lines: FlatLine[], file: DigestFile): Formula[] {
  const found = new Map<string, Formula>();
  let name: string | null = null;
  lines.forEach((line, i) => {
    const formula = line.heading ? null : formulaOf(line.text);
    if (line.heading) name = FORMULA_NAME.exec(line.text)?.[1] ?? null;
    if (!formula) return;
    // The line just above names it (「由此得到……前n项和公式」), else the heading it stands under.
    const lead = i > 0 && !lines[i - 1]!.heading ? (FORMULA_NAME.exec(lines[i - 1]!.text)?.[1] ?? null) : null;
    const named = (lead ?? name)?.replace(/^(由此得到|由此得|于是得到|得到|由)/u, '') ?? null;
    const seen = found.get(formula);
    // Derived first, stated later under its name: the first place is kept, the name is the statement's.
    if (seen) seen.name ??= named;
    else found.set(formula, { text: formula, name: named, file: file.name, page: line.page });
  });
  return [...found.values()];
}

/** Each 例N with the lines under it: the problem first, then the book's working up to the next heading. */
function examples(lines: FlatLine[], file: DigestFile): WorkedExample[] {
  const found: WorkedExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = EXAMPLE.exec(lines[i]!.text);
    if (!match) continue;
    const label = `例${match[1]}`;
    const inline = lines[i]!.text.replace(EXAMPLE, '').replace(/^[\s:：.．、]+/u, '');
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && body.length < SOLUTION_MAX_LINES; j++) {
      const line = lines[j]!;
      if (line.heading || EXAMPLE.test(line.text) || TASK_BOX.test(line.text)) break;
      // A fence line is not part of the working; a line of code keeps its indentation.
      if (line.code !== '') body.push(line.code ?? line.text);
    }
    // A problem wrapped over two lines ends at its question mark.
    const parts = inline ? [inline, ...body] : body;
    const ask = parts.findIndex((p) => /[？?]\s*$/u.test(p));
    const cut = ask >= 0 && ask < 3 ? ask + 1 : 1;
    // 「例2　阶梯水价计算」 names the example; the task is the sentence under it (「……计算应交水费。」).
    const titled = cut === 1 && inline !== '' && body.length > 1 && NAME_ONLY.test(inline) && STATEMENT.test(body[0]!);
    const problem = titled ? `${inline}　${body[0]}` : parts.slice(0, cut).join('');
    const steps = parts.slice(titled ? 2 : cut).filter((p) => !/^[（(]图[：:]/u.test(p));
    if (!problem) continue;
    found.push({ label, problem, steps, file: file.name, page: lines[i]!.page });
    i = j - 1;
  }
  return found;
}

/**
 * The lines of the one lesson a file holds, or of the lesson named `title`
 * when it holds several: a textbook extract often starts with the end of the
 * previous lesson and runs into the next one.
 */
function lessonLines(lines: FlatLine[], blocks: Block[], title: string | null): FlatLine[] {
  const starts = blocks.filter((b) => b.heading?.role === 'lesson').map((b) => b.lines[0]!);
  if (starts.length < 2) return lines;
  const index = (text: string) => lines.findIndex((l) => l.heading && l.text === text);
  const named = title ? starts.find((s) => s.text.includes(title) || title.includes(bareTitle(s.text))) : undefined;
  const start = index((named ?? starts[0]!).text);
  const next = starts.map((s) => index(s.text)).find((at) => at > start);
  return start < 0 ? lines : lines.slice(start, next ?? lines.length);
}

/**
 * The studied texts and worked examples of the lesson in one file. When
 * `languageLesson` says the class reads a text (语文, 英语): poems by verse
 * shape (short clauses of one measure, line after line) under their title and
 * author, and passages as runs of prose paragraphs. In any subject: English
 * dialogues by their speakers' turns, and examples under their 例N label with
 * the book's working, up to the next heading or task box.
 *
 * @example
 * lessonContent(textbook, { title: '古诗二首', languageLesson: true }).texts[0]
 * // { kind: 'poem', title: '静夜思', author: '［唐］李白', lines: ['床前明月光，', …], file: '课本.pdf', page: 2 }
 */
export function lessonContent(file: DigestFile, options: { title: string | null; languageLesson: boolean }): LessonContent {
  const all = flatLines(file);
  const blocks = toBlocks(readLines(file.pages));
  const lines = lessonLines(all, blocks, options.title);
  const pages = new Set(lines.map((l) => l.page));
  const lessonTitle = options.title ?? '';
  // A maths or science page of short sentences can scan like verse: only a language lesson reads poems.
  const verse = options.languageLesson ? poems(lines, file, lessonTitle) : [];
  const turns = dialogues(lines, file, lessonTitle);
  const verseLines = new Set(verse.flatMap((p) => p.lines));
  const prose = options.languageLesson
    ? passages(
        blocks.filter((b) => pages.has(b.page) && !verseLines.has(b.text)),
        file,
        lessonTitle,
      )
    : [];
  const texts = [...verse, ...turns, ...prose].sort((a, b) => a.page - b.page);
  const at = blocks.findIndex((b) => pages.has(b.page) && b.heading && OPENING.test(b.text));
  const next = at >= 0 ? blocks[at + 1] : undefined;
  const opening = next && !next.heading ? { text: next.text, file: file.name, page: next.page } : null;
  return {
    texts,
    examples: examples(lines, file),
    glosses: options.languageLesson ? glosses(lines, file) : [],
    formulas: options.languageLesson ? [] : formulas(lines, file),
    opening,
  };
}

/**
 * The 课题 to write into sentences and headings: the title, or 「本课」 while it is
 * still a blank for the teacher (a blank inside a blank reads as nonsense).
 *
 * @example
 * lessonName(digest) // '陋室铭', or '本课' when the material named no lesson
 */
export function lessonName(digest: MaterialDigest): string {
  return digest.title.origin === 'blank' ? '本课' : digest.title.text;
}

/**
 * The 课题 as a sentence names it: 「《陋室铭》」, or 「本课」 while the 课题 is still a blank for the
 * teacher — a blank wrapped in book-title marks (「《【待教师补充：…】》」) reads as nonsense.
 *
 * @example
 * titleInSentence(plan.title) // '《陋室铭》', or '本课'
 */
export function titleInSentence(title: TextBlock): string {
  return title.origin === 'blank' ? '本课' : `《${title.text}》`;
}

/** Subjects whose lessons read a text (课文, reading, dialogue) rather than teach from worked examples. */
const LANGUAGE_SUBJECT = /语文|英语|English/u;

/**
 * The lesson's content across the teacher's files: the textbooks' (the 教参
 * quotes and discusses the text; the book prints it), else any file that is not
 * a 课标, 教参 or reference.
 *
 * @example
 * digestContent(digest, '语文').texts.map((t) => t.title) // ['观沧海', '次北固山下']
 */
export function digestContent(digest: MaterialDigest, subject: string): LessonContent {
  const books = digest.files.filter((f) => f.kind === 'textbook');
  const files = books.length > 0 ? books : digest.files.filter((f) => f.kind === 'other');
  const options = { title: digest.title.origin === 'blank' ? null : digest.title.text, languageLesson: LANGUAGE_SUBJECT.test(subject) };
  const content = files.map((file) => lessonContent(file, options));
  return {
    texts: content.flatMap((c) => c.texts),
    examples: content.flatMap((c) => c.examples),
    glosses: content.flatMap((c) => c.glosses),
    formulas: content.flatMap((c) => c.formulas),
    opening: content.find((c) => c.opening)?.opening ?? null,
  };
}

/**
 * A few words that name what this lesson is about, taken from its own pages —
 * the texts' titles, the terms it defines, its first example — so that a blank
 * left for the teacher asks about this lesson, not any lesson.
 *
 * @example
 * lessonFocus(content, ['分数', '分子', '分母'], '几分之一') // '《观沧海》《次北固山下》' for a poem lesson, '“分数、分子、分母”' here
 */
export function lessonFocus(content: LessonContent, terms: string[], title: string): string {
  if (content.texts.length > 0) return [...new Set(content.texts.map((t) => `《${t.title}》`))].slice(0, 2).join('');
  const named = [...new Set(terms)].slice(0, 3);
  if (named.length > 0) return `“${named.join('、')}”`;
  const example = content.examples[0];
  if (example) return `${example.label}（${example.problem.slice(0, 14)}…）`;
  return `《${title}》`;
}
