import {
  block,
  type DigestFile,
  formatPlace,
  type Located,
  type Objective,
  type SheetItem,
  type Sheets,
  type SourceRef,
  type TeachingAnalysis,
  type TextBlock,
} from '../../domain/index.js';
import { termOverlap } from '../../text/keywords.js';
import { clip } from '../../text/segment.js';
import { computeAnswers } from '../t1-digest/answers.js';
import type { Formula, Gloss, LessonContent, StudiedText, WorkedExample } from '../t1-digest/content.js';
import { type GuideKey, guideKeyFor } from '../t1-digest/guide-keys.js';
import { lawAnswer, statedChoice } from '../t1-digest/law-answers.js';
import { followExample, matchingRows, matchPairs, statedKey } from '../t1-digest/pattern-keys.js';
import { cite } from '../t2-analysis/evidence.js';

type At<T> = T & { file: DigestFile };
export interface PlanMaterial {
  title: string;
  /** What the lesson is about in its own words (「《观沧海》《次北固山下》」), for the blanks it leaves. */
  focus: string;
  definitions: At<Located & { term: string }>[];
  exercises: At<Located>[];
  vocabulary: At<Located>[];
  content: LessonContent;
  /** The 教参's 参考答案, each naming the book's question it answers. */
  guideKeys: GuideKey[];
}

const BLANK = '＿＿＿＿';
/** The sheets are printed: a few items each, the rest stays in the book. */
const MAX_EXPLORATION = 4;
const MAX_MASTERY = 6;

/** Where a studied text or example is printed. */
export function sourceOf(item: { file: string; page: number }, quote: string | null = null): SourceRef {
  return { file: item.file, page: item.page, at: null, quote };
}

/** A text cited by its first printed line: its title may be the lesson's, not printed where the text is. */
export function textSource(text: StudiedText): SourceRef {
  return sourceOf(text, clip(text.lines[0] ?? text.title, 30));
}

/** Every page a text is printed on, so each of its lines can be found on a page it cites. */
function textPages(text: StudiedText): SourceRef[] {
  return [textSource(text), ...text.pages.filter((page) => page !== text.page).map((page) => sourceOf({ file: text.file, page }))];
}

/** The text as printed: title and author, then its lines. */
export function textBody(text: StudiedText): string {
  const head = text.kind === 'poem' ? [`${text.title}${text.author ? `　${text.author}` : ''}`] : [];
  return [...head, ...text.lines].join('\n');
}

/** Several texts printed one after another, as one passage of the material. */
export function textsBlock(texts: StudiedText[]): TextBlock | null {
  if (texts.length === 0) return null;
  return block.material(texts.map(textBody).join('\n\n'), texts.flatMap(textPages));
}

/** The texts with their 注释 under them, as the book prints them for the class to read on its own. */
function annotatedBlock(texts: StudiedText[], glosses: Gloss[]): TextBlock | null {
  const printed = textsBlock(texts);
  const notes = glosses.filter((g) => g.line.includes(g.term));
  if (!printed || notes.length === 0) return printed;
  const pages = [...new Map(notes.map((g) => [`${g.file}|${g.page}`, sourceOf(g)])).values()];
  return block.material(`${printed.text}\n\n注释\n${notes.map((g) => g.line).join('\n')}`, [...printed.sources, ...pages]);
}

/** The book's working of an example, or null when it leaves the working to the class. */
export function solutionBlock(example: WorkedExample): TextBlock | null {
  return example.steps.length > 0 ? block.material(example.steps.join('\n'), [sourceOf(example, example.label)]) : null;
}

/**
 * Blanks the term where the definition names it ("……叫做周长" → "……叫做＿＿＿＿",
 * "周长是指……" → "＿＿＿＿是指……"), not wherever its characters first occur:
 * the term 长 must not blank the 长 of 长方形.
 */
function cloze(definition: At<Located & { term: string }>): string | null {
  const term = definition.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const named = new RegExp(`(叫做|叫作|称为|称作)(它们的|它的)?${term}`);
  if (named.test(definition.text)) {
    const gapped = definition.text.replace(named, `$1$2${BLANK}`);
    // A later clause that names the term again would give the answer away: the item ends with the gap's clause.
    const shown = gapped.includes(definition.term) ? gapped.slice(0, gapped.indexOf(BLANK) + BLANK.length).concat('。') : gapped;
    return clip(shown, 80);
  }
  const leading = new RegExp(`^${term}(?=是指|是|指|[:：])`);
  return leading.test(definition.text) ? clip(definition.text.replace(leading, BLANK), 80) : null;
}

/**
 * 默写 items from a poem: a couplet with one half left out, the book's half as
 * the key. Couplets from the middle and the end, where recitation slips.
 */
function verseCloze(poem: StudiedText): { prompt: string; answer: string }[] {
  const clauses = poem.lines.join('').match(/[^，。；？！]+[，。；？！]/gu) ?? [];
  const couplets: [string, string][] = [];
  // An odd number of clauses (a 小令's 「……瘦马。夕阳西下，断肠人在天涯。」) pairs from the end, where the lines rhyme.
  for (let i = clauses.length % 2; i + 1 < clauses.length; i += 2) couplets.push([clauses[i]!, clauses[i + 1]!]);
  const picks = [...new Set([couplets[1], couplets.at(-1)].filter((c): c is [string, string] => c !== undefined))];
  return picks.map(([first, second], i) =>
    i % 2 === 0
      ? { prompt: `${first}${BLANK}${second.at(-1)}`, answer: second.slice(0, -1) }
      : { prompt: `${BLANK}${first.at(-1)}${second}`, answer: first.slice(0, -1) },
  );
}

/** A sentence of a passage or a dialogue turn with one of the lesson's words left out. */
function wordCloze(text: StudiedText, words: string[]): { prompt: string; answer: string } | null {
  for (const word of words.filter((w) => w.length >= 2)) {
    for (const line of text.lines) {
      const sentence = line.split(/(?<=[。！？.!?])\s*/u).find((s) => s.includes(word) && s.length <= 60);
      if (sentence) return { prompt: sentence.replace(word, word.length > 3 ? '________' : BLANK), answer: word };
    }
  }
  return null;
}

/** The objective an item's words are most about; the first when none shares a word. */
function objectiveFor(text: string, objectives: Objective[]): string {
  const scored = objectives.map((o) => ({ id: o.id, score: termOverlap(text, o.text) }));
  const best = scored.sort((a, b) => b.score - a.score)[0];
  return best && best.score > 0 ? best.id : objectives[0]!.id;
}

/** The parts every item leaves empty unless it says otherwise. */
const PLAIN = { passage: null, options: null, table: null, writing: null } as const;

/** Questions put to the class about the text or the concept: why, how, compare, say. */
const OPEN = /为什么|怎样|怎么|如何|说说|说一说|比较|讨论|交流|体会|好在哪里|什么样|想一想|谈谈|Why|What|How/u;
const RECITE = /背诵|默写|背一背/u;
export const FURTHER = /课外|搜集|收集|调查|查阅|拓展|写几句话|写一段|小练笔/u;

/**
 * 「解释下列句子中加点的词。1. 有仙则名（名）2. 惟吾德馨（馨）」: the words asked, each
 * keyed by the book's own 注释, or null unless the notes explain every one.
 */
function glossKey(exercise: At<Located>, glosses: Gloss[]): TextBlock | null {
  const asked = [...exercise.text.matchAll(/[（(]([\p{Script=Han}]{1,6})[）)]/gu)].map((m) => m[1]!);
  if (asked.length === 0 || glosses.length === 0) return null;
  const notes = asked.map((term) => glosses.find((g) => g.term === term));
  if (notes.some((g) => g === undefined)) return null;
  const found = notes as Gloss[];
  return block.material(
    found.map((g) => `${g.term}：${g.text}`).join('\n'),
    found.map((g) => sourceOf(g, g.line)),
  );
}

/**
 * An exercise with its key: the answers a rule computed for every part it asks, the parts done the way
 * the book's example is done, the words the book states in the gap elsewhere (with that page), the
 * working of a law the book states (反射角等于入射角) or the option its sentence names, the pairs of a
 * 连一连 the text puts together, or the book's 注释 for the words it asks.
 */
function keyOf(exercise: At<Located>, content: LessonContent): TextBlock | null {
  const computed = computeAnswers(exercise.text);
  if (computed.length > 0) return block.template(computed.map((c) => c.answer).join('；'), [cite(exercise)]);
  const followed = followExample(exercise.text);
  if (followed) return block.template(followed.join('\n'), [cite(exercise)]);
  const stated = statedKey(exercise.text, exercise.file.pages);
  if (stated) return block.material(stated.answer, [sourceOf({ file: exercise.file.name, page: stated.page }, clip(stated.printed, 30))]);
  const law = lawAnswer(exercise.text, exercise.file.pages) ?? statedChoice(exercise.text, exercise.file.pages);
  if (law) return block.template(law.answer, [cite(exercise), sourceOf({ file: exercise.file.name, page: law.page }, clip(law.law, 30))]);
  const matched = matchPairs(
    rowsOf(exercise),
    content.texts.flatMap((t) => t.lines),
  );
  if (matched) return block.template(matched, [cite(exercise), ...content.texts.map(textSource)]);
  return glossKey(exercise, content.glosses);
}

/**
 * 「解释句中加点的词：谈笑有鸿儒（鸿儒）」 from a 注释 whose word is in a line of the
 * text; the book's note is the key. Words of two or more characters first:
 * they are what the lesson asks to be remembered (「鸿儒」「白丁」).
 */
function glossItems(texts: StudiedText[], glosses: Gloss[], skip: ReadonlySet<string>): { prompt: string; answer: Gloss }[] {
  const clauses = texts.flatMap((t) => t.lines.join('').match(/[^，。；？！]+/gu) ?? []);
  return glosses
    .filter((g) => g.term.length >= 2 && g.term.length <= 4 && !skip.has(g.term))
    .map((g) => ({ g, clause: clauses.find((c) => c.includes(g.term) && c !== g.term) }))
    .filter((x): x is { g: Gloss; clause: string } => x.clause !== undefined)
    .map(({ g, clause }) => ({ prompt: `${clause}（${g.term}）`, answer: g }));
}

/** An exercise, or one sub-item of it printed with its instruction (「判断。（2）1/7比1/9大。」). */
type Exercise = At<Located> & { part: boolean };

/**
 * 「判断。（1）……（2）1/7比1/9大。」 as one item per sub-item, each with the
 * instruction, when a rule can key some of them: the one it can key is not
 * held back by the one only the teacher can.
 */
function parts(exercise: At<Located>): Exercise[] {
  const pieces = exercise.text.split(/(?=[（(]\d{1,2}[）)](?!\s*[+\-×÷＋－]))/u);
  if (pieces.length < 3 || computeAnswers(exercise.text).length === 0) return [{ ...exercise, part: false }];
  const lead = pieces[0]!.trim();
  return pieces.slice(1).map((piece) => ({ ...exercise, text: `${lead}${piece.trim()}`, part: true }));
}

/** The rows of a 连一连 printed under the exercise on its page, or none. */
function rowsOf(exercise: At<Located>): string[] {
  return matchingRows(exercise.text, exercise.file.pages.find((p) => p.page === exercise.page)?.text ?? '');
}

/**
 * An exercise printed as the book words it is the material's (with the rows of a 连一连 under it);
 * a sub-item joined to its instruction is the rule's.
 */
export function promptOf(exercise: Exercise): TextBlock {
  if (exercise.part) return block.template(exercise.text, [cite(exercise)]);
  return block.material([exercise.text, ...rowsOf(exercise)].join('\n'), [cite(exercise)]);
}

/** The exercises the sheets draw on, sorted once: which can be keyed, which are open, which are for home. */
export function sortExercises(material: PlanMaterial) {
  const exercises = material.exercises.flatMap(parts);
  const keyed = exercises.filter((e) => keyOf(e, material.content) !== null);
  const home = exercises.filter((e) => !keyed.includes(e) && (RECITE.test(e.text) || FURTHER.test(e.text)));
  const open = exercises.filter((e) => !keyed.includes(e) && !home.includes(e) && OPEN.test(e.text));
  const rest = exercises.filter((e) => !keyed.includes(e) && !home.includes(e) && !open.includes(e));
  return { keyed, open, home, rest };
}

/**
 * The three sheets (三单) from the lesson's own material. The 预学单 prints
 * the text studied (or the first worked example) and the book's words to
 * learn; the 探究单 puts the book's own questions and examples, with the text
 * printed above the first; the 达标检测单 holds only items with a key — one a
 * rule computed (「1/3○1/5」), one the book gives (a definition's term, a
 * poem's line), or a visible blank asking the teacher for it. Prompts printed
 * as the book words them are the material's; a rule's frame around them
 * (「读教材，填一填：」) is template.
 */
export function buildSheets(analysis: TeachingAnalysis, material: PlanMaterial): Sheets {
  const { objectives } = analysis;
  const { content } = material;
  const o1 = objectives[0]!.id;
  const exercises = sortExercises(material);
  const texts = textsBlock(content.texts);
  const [firstExample, ...laterExamples] = content.examples;
  const words = [...material.vocabulary.map((v) => v.text), ...material.definitions.map((d) => d.term)];

  // 预学单: read the text (or try the first example), learn the words, fill the definitions, ask.
  const preStudy: Omit<SheetItem, 'id'>[] = [];
  if (texts) {
    const annotated = annotatedBlock(content.texts, content.glosses)!;
    preStudy.push({
      ...PLAIN,
      type: 'task',
      prompt: block.template(
        `朗读${content.texts.map((t) => `《${t.title}》`).join('')}，${annotated.text === texts.text ? '' : '借助注释读懂文意，'}圈出读不准的字词，标出不懂的地方。`,
        texts.sources,
      ),
      passage: annotated,
      answer: null,
      objectiveIds: [objectiveFor('朗读', objectives)],
      tier: null,
    });
  } else if (firstExample) {
    preStudy.push({
      ...PLAIN,
      type: 'short',
      prompt: block.material(`${firstExample.label}　${firstExample.problem}`, [sourceOf(firstExample, firstExample.label)]),
      writing: { kind: 'lines', count: 4 },
      answer: solutionBlock(firstExample),
      objectiveIds: [objectiveFor(firstExample.problem, objectives)],
      tier: null,
    });
  }
  if (material.vocabulary.length > 0) {
    const listed = material.vocabulary.slice(0, 12);
    preStudy.push({
      ...PLAIN,
      type: 'task',
      prompt: block.template(`读一读，写一写：${listed.map((v) => v.text).join('  ')}`, [cite(listed[0]!)]),
      answer: null,
      objectiveIds: [objectiveFor(listed.map((v) => v.text).join(''), objectives)],
      tier: null,
    });
  }
  for (const d of material.definitions.slice(0, 2)) {
    const text = cloze(d);
    if (text)
      preStudy.push({
        ...PLAIN,
        type: 'fill',
        prompt: block.template(`读教材${formatPlace(d.file.pageUnit, [d.page])}，填一填：${text}`, [cite(d)]),
        answer: block.material(d.term, [cite(d)]),
        objectiveIds: [objectiveFor(d.text, objectives)],
        tier: null,
      });
  }
  preStudy.push({
    ...PLAIN,
    type: 'reflection',
    prompt: block.template(`预习${material.focus}后，我还有这些疑问：`),
    writing: { kind: 'lines', count: 3 },
    answer: null,
    objectiveIds: [],
    tier: null,
  });

  // 探究单: the later examples with the book's working, then the book's open questions, the text printed above the first.
  const exploration: Omit<SheetItem, 'id'>[] = [];
  for (const example of laterExamples.slice(0, 2)) {
    exploration.push({
      ...PLAIN,
      type: 'short',
      prompt: block.material(`${example.label}　${example.problem}`, [sourceOf(example, example.label)]),
      writing: { kind: 'lines', count: 4 },
      answer: solutionBlock(example),
      objectiveIds: [objectiveFor(example.problem, objectives)],
      tier: null,
    });
  }
  const questions = [...exercises.open, ...exercises.rest].slice(0, MAX_EXPLORATION - exploration.length);
  const printed = new Set<StudiedText>();
  questions.forEach((question, i) => {
    // The text a question is about is printed with it once: the one it names, else (first question) all of them.
    const named = content.texts.filter((t) => question.text.includes(t.title) && !printed.has(t));
    const shown = named.length > 0 ? named : i === 0 ? content.texts : [];
    for (const text of shown) printed.add(text);
    exploration.push({
      ...PLAIN,
      type: 'task',
      prompt: promptOf(question),
      passage: textsBlock(shown),
      writing: { kind: 'lines', count: 4 },
      answer: null,
      objectiveIds: [objectiveFor(question.text, objectives)],
      tier: null,
    });
  });
  if (exploration.length === 0) {
    exploration.push({
      ...PLAIN,
      type: 'task',
      prompt: block.blank(`${material.focus}课中的探究任务（材料中没有思考题或例题）`),
      writing: { kind: 'lines', count: 4 },
      answer: null,
      objectiveIds: [o1],
      tier: null,
    });
  }

  // 达标检测单: only items with a key — computed, or given by the book (its 注释, a definition's term, a
  // text's own words, an example's working); the book's questions it gives no key for stay on the 探究单.
  const basic: Omit<SheetItem, 'id'>[] = [];
  const keys = new Set<string>();
  const addBasic = (item: Omit<SheetItem, 'id'>) => {
    const key = item.answer?.text ?? '';
    if (keys.has(key)) return;
    keys.add(key);
    basic.push(item);
  };
  // The 提高 item, most demanding first: a worked example done again without the book (its working the
  // key); a question of the book the 教参 keys; the book's last exercise a rule keys (the book's exercises
  // rise in demand). An example is a problem stated in a sentence (「……这条小路长多少米？」), not a bare
  // title like 「阶梯水价计算」.
  const solved = content.examples.filter((e) => e.steps.length > 0 && /[？?。.]$/u.test(e.problem)).at(-1);
  const used = new Set(exploration.map((item) => item.prompt.text));
  const guided = [...exercises.rest, ...exercises.open].flatMap((e) => {
    const key = guideKeyFor(e, material.guideKeys);
    return key ? [{ exercise: e, key }] : [];
  });
  const guidedPick = solved ? undefined : (guided.filter((g) => !used.has(g.exercise.text)).at(-1) ?? guided.at(-1));
  const keyedPick = solved || guidedPick ? undefined : exercises.keyed.at(-1);
  for (const exercise of exercises.keyed.filter((e) => e !== keyedPick).slice(0, 3)) {
    addBasic({
      ...PLAIN,
      type: 'fill',
      prompt: promptOf(exercise),
      answer: keyOf(exercise, content),
      objectiveIds: [objectiveFor(exercise.text, objectives)],
      tier: 'basic',
    });
  }
  for (const poem of content.texts.filter((t) => t.kind === 'poem')) {
    for (const { prompt, answer } of verseCloze(poem)) {
      addBasic({
        ...PLAIN,
        type: 'fill',
        prompt: block.template(`背诵并默写《${poem.title}》：${prompt}`, [textSource(poem)]),
        answer: block.material(answer, [textSource(poem)]),
        objectiveIds: [objectiveFor(`背诵 默写 ${poem.title}`, objectives)],
        tier: 'basic',
      });
    }
  }
  const asked = new Set(exercises.keyed.flatMap((e) => [...e.text.matchAll(/[（(]([\p{Script=Han}]{1,6})[）)]/gu)].map((m) => m[1]!)));
  for (const { prompt, answer } of glossItems(content.texts, content.glosses, asked).slice(0, 2)) {
    addBasic({
      ...PLAIN,
      type: 'fill',
      prompt: block.template(`借助注释，解释句中括号里的词：${prompt}`, [sourceOf(answer, answer.line)]),
      answer: block.material(answer.text, [sourceOf(answer, answer.line)]),
      objectiveIds: [objectiveFor(`注释 ${answer.term} ${answer.text}`, objectives)],
      tier: 'basic',
    });
  }
  for (const text of content.texts.filter((t) => t.kind !== 'poem').slice(0, 2)) {
    const gap = wordCloze(text, words);
    if (gap)
      addBasic({
        ...PLAIN,
        type: 'fill',
        prompt: block.template(`根据${text.kind === 'dialogue' ? '对话' : '课文'}填空：${gap.prompt}`, [textSource(text)]),
        answer: block.material(gap.answer, [textSource(text)]),
        objectiveIds: [objectiveFor(gap.prompt, objectives)],
        tier: 'basic',
      });
  }
  // A formula with its right side left out, one per left side: the book's last form of it is the key.
  // Only a formula the book names (「换底公式」) or states in words (「长方形的周长＝……」): the item must say what it checks.
  const bySide = new Map<string, Formula>();
  for (const formula of content.formulas.filter((f) => f.name !== null || /\p{Script=Han}/u.test(f.text)))
    bySide.set(formula.text.split(/[=＝]/u)[0]!, formula);
  for (const [left, formula] of [...bySide].slice(0, 2)) {
    const right = formula.text.slice(left.length + 1).replace(/[（(][^（）()]*[＞＜≠>≤≥∈][^（）()]*[）)]$/u, '');
    addBasic({
      ...PLAIN,
      type: 'fill',
      prompt: block.template(`填空${formula.name ? `（${formula.name}）` : ''}：${left}＝${BLANK}`, [sourceOf(formula, formula.text)]),
      answer: block.material(right, [sourceOf(formula, formula.text)]),
      objectiveIds: [objectiveFor(`${formula.name ?? ''} ${formula.text}`, objectives)],
      tier: 'basic',
    });
  }
  // One gap per defining sentence: 「……称为勾，……称为股，……称为弦」 is one item, not three.
  const sentences = new Set<string>();
  for (const d of material.definitions.slice(0, 4)) {
    const text = cloze(d);
    if (text && !sentences.has(d.text)) sentences.add(d.text);
    else continue;
    addBasic({
      ...PLAIN,
      type: 'fill',
      prompt: block.template(`填空：${text}`, [cite(d)]),
      answer: block.material(d.term, [cite(d)]),
      objectiveIds: [objectiveFor(d.text, objectives)],
      tier: 'basic',
    });
  }
  const mastery = basic.slice(0, MAX_MASTERY - 1);
  // Else the book's own harder question with a visible blank for the key; else a blank for the whole item.
  const hardest = [...exercises.rest, ...exercises.open].find((e) => !used.has(e.text)) ?? [...exercises.rest, ...exercises.open][0];
  if (solved) {
    mastery.push({
      ...PLAIN,
      type: 'short',
      prompt: block.material(`${solved.label}　${solved.problem}`, [sourceOf(solved, solved.label)]),
      writing: { kind: 'lines', count: 4 },
      answer: solutionBlock(solved),
      objectiveIds: [objectiveFor(`${solved.problem}\n${solved.steps.join('\n')}`, objectives)],
      tier: 'advanced',
    });
  } else if (guidedPick) {
    const { exercise, key } = guidedPick;
    mastery.push({
      ...PLAIN,
      type: 'short',
      prompt: promptOf(exercise),
      writing: { kind: 'lines', count: 4 },
      answer: block.material(key.text, [{ file: key.file, page: key.page, at: null, quote: clip(key.line, 30) }]),
      objectiveIds: [objectiveFor(`${exercise.text}\n${key.text}`, objectives)],
      tier: 'advanced',
    });
  } else if (keyedPick) {
    mastery.push({
      ...PLAIN,
      type: 'fill',
      prompt: promptOf(keyedPick),
      answer: keyOf(keyedPick, content),
      objectiveIds: [objectiveFor(keyedPick.text, objectives)],
      tier: 'advanced',
    });
  } else if (hardest) {
    mastery.push({
      ...PLAIN,
      type: 'short',
      prompt: promptOf(hardest),
      writing: { kind: 'lines', count: 3 },
      answer: block.blank(`“${clip(hardest.text, 20)}”的参考答案`),
      objectiveIds: [objectiveFor(hardest.text, objectives)],
      tier: 'advanced',
    });
  } else {
    mastery.push({
      ...PLAIN,
      type: 'short',
      prompt: block.blank(`一道运用${material.focus}的提高题`),
      writing: { kind: 'lines', count: 3 },
      answer: block.blank(`这道提高题的参考答案（${material.focus}）`),
      objectiveIds: [objectives.at(-1)!.id],
      tier: 'advanced',
    });
  }
  const checks = mastery.slice(0, MAX_MASTERY);
  // Every objective is checked: one the items do not reach is added to the item most about it.
  for (const objective of objectives) {
    if (checks.some((item) => item.objectiveIds.includes(objective.id))) continue;
    const closest = checks
      .map((item) => ({ item, score: termOverlap(item.prompt.text, objective.text) }))
      .sort((a, b) => b.score - a.score)[0]!.item;
    closest.objectiveIds = [...closest.objectiveIds, objective.id];
  }

  const numbered = (prefix: string, items: Omit<SheetItem, 'id'>[]): SheetItem[] =>
    items.map((item, i) => ({ ...item, id: `${prefix}${i + 1}` }));
  return {
    preStudy: {
      title: '预学单',
      phase: 'before',
      instructions: '课前独立完成，遇到不懂的地方做好记号，带着问题来上课。',
      items: numbered('P', preStudy),
    },
    exploration: {
      title: '探究单',
      phase: 'in',
      instructions: '课中先独立思考，再小组合作交流，把你们的想法记录下来。',
      items: numbered('E', exploration),
    },
    masteryCheck: {
      title: '达标检测单',
      phase: 'after',
      instructions: '独立完成，完成后同桌互批，订正错题。',
      items: numbered('M', checks),
    },
  };
}
