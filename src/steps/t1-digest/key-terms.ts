import type { DigestFile, MaterialKind } from '../../domain/index.js';
import { keyTerms, type WeightedText } from '../../text/keywords.js';
import { hasCjk } from '../../text/segment.js';
import { lessonContent } from './content.js';
import { classifyHeading } from './headings.js';
import { readLines } from './lines.js';
import { isCount, isSpeakerName } from './non-terms.js';

/** How many key terms later steps get: enough to find the 课标's relevant pages, few enough to stay on topic. */
const KEY_TERM_LIMIT = 16;

/** Words of the exercises' phrasing, frequent in any lesson's materials: 「哪些」「分析」「说明」「计算」. */
const TASK_WORDS = new Set([
  '哪些',
  '哪个',
  '哪里',
  '如何',
  '是否',
  '能否',
  '多少',
  '分析',
  '阐述',
  '列出',
  '探究',
  '讨论',
  '交流',
  '说明',
  '完成',
  '研究',
  '计算',
  '解决',
]);
/** Words of the objectives' phrasing: 「经历……的过程」「用不同的方法解决实际问题」「体会数学与生活的联系」. */
const OBJECTIVE_WORDS = new Set([
  '经历',
  '探索',
  '过程',
  '不同',
  '简单',
  '实际',
  '正确',
  '道理',
  '知识',
  '体会',
  '感受',
  '运用',
  '联系',
  '生活',
]);
/** Units measure the lesson's quantities; they are its topic only when its title says so (认识厘米). */
const UNITS = new Set([
  '毫米',
  '厘米',
  '分米',
  '千米',
  '公里',
  '平方米',
  '平方厘米',
  '平方分米',
  '平方千米',
  '公顷',
  '立方米',
  '立方厘米',
  '立方分米',
  '毫升',
  '千克',
  '公斤',
  '分钟',
  '小时',
]);

/** The textbook says what this lesson is about; a 课标 speaks about the whole subject. */
const KIND_WEIGHT: Record<MaterialKind, number> = {
  textbook: 1,
  teacherGuide: 0.6,
  reference: 0.4,
  other: 0.5,
  curriculumStandard: 0.25,
};

/** Where a word stands says how much it is about the lesson. */
const PLACE_WEIGHT = {
  requestTitle: 12,
  definedTerm: 10,
  lesson: 8,
  unit: 3,
  section: 3,
  objective: 3,
  definition: 1.5,
  word: 1,
  exercise: 1,
  body: 0.5,
} as const;

/** A heading's own words: 「第1节 科学、技术与工程」 → 「科学、技术与工程」; generic labels (练习, 活动) say nothing. */
function headingWords(text: string): string {
  const heading = classifyHeading(text);
  if (!heading) return text;
  return heading.label ? '' : heading.title;
}

function fileTexts(file: DigestFile): WeightedText[] {
  const k = KIND_WEIGHT[file.kind];
  const s = file.structure;
  const texts: WeightedText[] = [
    ...s.lessons.map((l) => ({ text: headingWords(l.text), weight: PLACE_WEIGHT.lesson * k })),
    ...s.units.map((u) => ({ text: headingWords(u.text), weight: PLACE_WEIGHT.unit * k })),
    ...s.sections.map((x) => ({ text: headingWords(x.text), weight: PLACE_WEIGHT.section * k })),
    ...s.statedObjectives.map((o) => ({ text: o.text, weight: PLACE_WEIGHT.objective * k })),
    ...s.definitions.flatMap((d) => [
      { text: d.term, weight: PLACE_WEIGHT.definedTerm * k },
      { text: d.text, weight: PLACE_WEIGHT.definition * k },
    ]),
    ...s.vocabulary.map((v) => ({ text: v.text, weight: PLACE_WEIGHT.word * k })),
    ...s.exercises.map((e) => ({ text: e.text, weight: PLACE_WEIGHT.exercise * k })),
  ];
  // A 66-page 课标 would drown the textbook by sheer length: only its structure counts.
  if (file.kind !== 'curriculumStandard') {
    for (const line of readLines(file.pages).flat()) texts.push({ text: line.text, weight: PLACE_WEIGHT.body * k });
  }
  return texts;
}

/** How many title and defined terms lead the list, so that frequent words still get their share. */
const LEADING_SHARE = 8;

/** How often `term` occurs in `text` as itself, not inside a longer known term: 长 in 长度 counts, in 长方形 not. */
function occurrences(text: string, term: string, longer: string[]): number {
  const own = longer.reduce((rest, word) => rest.split(word).join('|'), text);
  return own.split(term).length - 1;
}

interface Title {
  /** The teacher's 课题, else the lesson heading, without 「（第1课时）」. */
  text: string;
  /** Its words that can be terms: 「长方形和正方形的周长」 → 长方形, 正方形, 周长. */
  words: string[];
}

/**
 * Only Chinese words lead: an English lesson's title is the book's feature labels (Let's learn, Understanding
 * ideas), its vocabulary is in its word lists.
 */
function lessonTitle(title: string | null, subject: string | null): Title {
  const text = (title ?? '').replace(/[（(][^）)]*[）)]/gu, '');
  const words = keyTerms([{ text, weight: 1 }], Number.POSITIVE_INFINITY).filter(
    (term) => hasCjk(term) && !TASK_WORDS.has(term) && !OBJECTIVE_WORDS.has(term) && term !== subject,
  );
  return { text, words };
}

/** A word that says nothing about this lesson in particular: phrasing, a unit, a count, a character's name, the subject itself. */
function uninformative(term: string, subject: string | null): boolean {
  const phrasing = TASK_WORDS.has(term) || OBJECTIVE_WORDS.has(term);
  return phrasing || UNITS.has(term) || isCount(term) || isSpeakerName(term) || term === subject;
}

/**
 * The terms the lesson leads with: its title's words, then the terms the book
 * defines, each ranked by where and how often they occur as whole words (the
 * word segmenter would cut 「四边形」 into 「四边」 and 「形」). A 课标's definitions
 * (核心素养 names) are about the subject, not the lesson: left out.
 */
function leadingTerms(title: Title, files: DigestFile[], texts: WeightedText[]): string[] {
  const defined = [
    ...new Set(files.filter((f) => f.kind !== 'curriculumStandard').flatMap((f) => f.structure.definitions.map((d) => d.term))),
  ];
  // 「质量」「守恒」 of the title 「质量守恒定律」 are the segmenter's cuts of a defined term the title holds whole.
  const cut = (word: string) => defined.some((term) => term !== word && term.includes(word) && title.text.includes(term));
  const known = [...new Set([...title.words.filter((word) => !cut(word)), ...defined])];
  const score = (term: string) => {
    const longer = known.filter((other) => other !== term && other.includes(term));
    return texts.reduce((sum, { text, weight }) => sum + weight * occurrences(text, term, longer), 0);
  };
  // The title names the lesson's concept outright: its terms go first however rare, defined ones first of all.
  // A one-character term counts only as a whole word of it: the 长 of 「长方形和正方形的周长」 is not the term 长.
  const inTitle = (term: string) => title.words.includes(term) || (term.length > 1 && title.text.includes(term));
  const rank = (term: string) => (inTitle(term) ? 2 : 0) + (defined.includes(term) ? 1 : 0);
  return known
    .map((term) => ({ term, rank: rank(term), score: score(term) }))
    .sort((a, b) => b.rank - a.rank || b.score - a.score)
    .slice(0, LEADING_SHARE)
    .map(({ term }) => term);
}

/** 「之一」「的周」: a cut that starts or ends on a function character is no word at all. */
const FRAGMENT = /^[之的了着和与或及]|[的了之]$/u;

/**
 * A piece the word segmenter cut out of a longer word the book uses whole: 「数线」
 * of 分数线, 「静夜」 of 静夜思, 「之一」 of 几分之一. It is an artefact when every one
 * of its occurrences sits inside such a word (the book's defined terms, listed
 * words and text titles); a word the book also uses on its own (长方形 beside
 * 长方形的周长) is not.
 */
function isArtefact(term: string, wholes: string[], corpus: string): boolean {
  if (FRAGMENT.test(term)) return true;
  if (wholes.includes(term)) return false;
  const total = corpus.split(term).length - 1;
  if (total === 0) return false;
  const inside = wholes
    .filter((whole) => whole !== term && whole.includes(term))
    .reduce((n, whole) => n + (corpus.split(whole).length - 1) * (whole.split(term).length - 1), 0);
  return inside >= total;
}

/** The words a book uses whole: its defined terms, listed words, and the titles of the texts it prints. */
function wholeWords(files: DigestFile[], title: string | null, subject: string | null): string[] {
  const language = /语文|英语/u.test(subject ?? '');
  return [
    ...files.flatMap((f) => [...f.structure.definitions.map((d) => d.term), ...f.structure.vocabulary.map((v) => v.text)]),
    ...files
      .filter((f) => f.kind === 'textbook' || f.kind === 'other')
      .flatMap((f) => lessonContent(f, { title, languageLesson: language }).texts.map((t) => t.title)),
  ].filter((w) => hasCjk(w) && w.length >= 2);
}

/**
 * The words the materials are about, best first: the lesson title's words and
 * the terms the book defines, then the most telling words by place and
 * frequency — the teacher's title, lesson headings and definitions weigh most;
 * textbooks more than 教参, and a 课标 only by its headings and definitions.
 * Units, counts, characters' names, task verbs and the subject's own name are
 * never key terms unless the title or a definition makes them one.
 *
 * @example
 * digestKeyTerms({ requestTitle: null, lessonTitle: '科学、技术与工程', subject: '通用技术' }, files)
 * // ['科学', '技术', '工程', '桥梁', '系统', …]
 */
export function digestKeyTerms(
  lesson: { requestTitle: string | null; lessonTitle: string | null; subject: string | null },
  files: DigestFile[],
): string[] {
  const { requestTitle, subject } = lesson;
  const texts: WeightedText[] = requestTitle ? [{ text: requestTitle, weight: PLACE_WEIGHT.requestTitle }] : [];
  for (const file of files) texts.push(...fileTexts(file));
  const title = requestTitle ?? lesson.lessonTitle;
  const wholes = wholeWords(files, title, subject);
  const corpus = files
    .filter((f) => f.kind !== 'curriculumStandard')
    .flatMap((f) => f.pages.map((p) => p.text.replace(/\s+/gu, '')))
    .join('\n');
  const real = (term: string) => !isArtefact(term, wholes, corpus);
  const leading = leadingTerms(lessonTitle(title, subject), files, texts).filter(real);
  // Fragments of a leading term (「四边」 of 「四边形」) are the segmenter's cuts, not other terms.
  const frequent = keyTerms(texts, Number.POSITIVE_INFINITY).filter(
    (term) => !uninformative(term, subject) && !leading.some((d) => d.includes(term)) && real(term),
  );
  return [...leading, ...frequent].slice(0, KEY_TERM_LIMIT);
}
