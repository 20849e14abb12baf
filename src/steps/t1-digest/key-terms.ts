import type { DigestFile, MaterialKind } from '../../domain/index.js';
import { keyTerms, type WeightedText } from '../../text/keywords.js';
import { classifyHeading } from './headings.js';
import { readLines } from './lines.js';

/** How many key terms later steps get: enough to find the 课标's relevant pages, few enough to stay on topic. */
const KEY_TERM_LIMIT = 16;

/** Words of the exercises' phrasing, frequent in any lesson's materials: 「哪些」「分析」「说明」. */
const TASK_WORDS = new Set(['哪些', '哪个', '哪里', '如何', '是否', '能否', '多少', '分析', '阐述', '列出', '探究', '讨论', '交流', '说明', '完成', '研究']);

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

/** How many defined terms lead the list, so that frequent words still get their share. */
const DEFINED_TERM_SHARE = 8;

function occurrences(text: string, term: string): number {
  return text.split(term).length - 1;
}

/**
 * Terms the book defines, as whole words ranked by where and how often they
 * occur: the word segmenter would cut 「四边形」 into 「四边」 and 「形」. A 课标's
 * definitions (核心素养 names) are about the subject, not the lesson: left out.
 */
function definedTerms(requestTitle: string | null, files: DigestFile[], texts: WeightedText[]): string[] {
  const terms = new Set(files.filter((f) => f.kind !== 'curriculumStandard').flatMap((f) => f.structure.definitions.map((d) => d.term)));
  const score = (term: string) => texts.reduce((sum, { text, weight }) => sum + weight * occurrences(text, term), 0);
  // The teacher's title names the lesson's concept outright: its terms go first however rare.
  const named = (term: string) => (requestTitle?.includes(term) ? 1 : 0);
  return [...terms]
    .map((term) => ({ term, named: named(term), score: score(term) }))
    .sort((a, b) => b.named - a.named || b.score - a.score)
    .slice(0, DEFINED_TERM_SHARE)
    .map(({ term }) => term);
}

/**
 * The words the materials are about, best first: terms the book defines, then
 * the most telling words by place and frequency — the teacher's title, lesson
 * headings and definitions weigh most; textbooks more than 教参, and a 课标
 * only by its headings and definitions.
 *
 * @example
 * digestKeyTerms(null, files) // ['工程', '科学', '技术', '桥梁', '系统', …]
 */
export function digestKeyTerms(requestTitle: string | null, files: DigestFile[]): string[] {
  const texts: WeightedText[] = requestTitle ? [{ text: requestTitle, weight: PLACE_WEIGHT.requestTitle }] : [];
  for (const file of files) texts.push(...fileTexts(file));
  const defined = definedTerms(requestTitle, files, texts);
  // Fragments of a defined term (「四边」 of 「四边形」) are the segmenter's cuts, not other terms.
  const frequent = keyTerms(texts, KEY_TERM_LIMIT + TASK_WORDS.size + defined.length).filter(
    (term) => !TASK_WORDS.has(term) && !defined.some((d) => d.includes(term)),
  );
  return [...defined, ...frequent].slice(0, KEY_TERM_LIMIT);
}
