import type { DocumentStructure, Located, MaterialKind } from '../../domain/index.js';
import type { IngestedPage } from '../../ingest/types.js';
import { type Block, toBlocks } from './blocks.js';
import { findDefinitions } from './definitions.js';
import { collectExercises, isStudentQuestion } from './exercises.js';
import { statedFocus } from './focus.js';
import { readLines } from './lines.js';
import { collectObjectives } from './objectives.js';
import { collectVocabulary } from './vocabulary.js';

/** Keeps the first of each `key`: a heading printed twice is one heading. */
function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The blocks under the heading at `at`, up to the next heading on its page. Under 例N they are the worked example,
 * under 你知道吗 the reading: either way their questions are not put to the student.
 */
function boxBody(blocks: Block[], at: number): number[] {
  const body: number[] = [];
  for (let i = at + 1; i < blocks.length && !blocks[i]!.heading && blocks[i]!.page === blocks[at]!.page; i++) body.push(i);
  return body;
}

/**
 * The structure of one document, found by rules over the layouts of Chinese
 * textbooks, 教参 and 课标: units, lessons and sections by their markers
 * (第X单元, 第X节, 1 草原, 一、, 例1, 活动…), the lines under 学习目标, the items
 * under 练习 / 做一做 (never a worked example's or a 你知道吗 box's text), the
 * entries of 生字 / Words lists, and definitions (「……叫做X」, 「X是指……」).
 * Only `good` pages are read; everything keeps its page. `kind` loosens the
 * rules for textbooks (「X是……的……」 definitions, questions put to the student)
 * and keeps them strict for 课标 and 教参.
 *
 * @example
 * const structure = detectStructure(document.pages, 'textbook');
 * structure.lessons          // [{ text: '第1节 科学、技术与工程', page: 1 }]
 * structure.statedObjectives // [{ text: '了解工程的定义、简史与分类', page: 1 }]
 */
export function detectStructure(pages: IngestedPage[], kind: MaterialKind | null = null): DocumentStructure {
  const blocks = toBlocks(readLines(pages));
  const loose = kind === null || kind === 'textbook';
  const units: Located[] = [];
  const lessons: Located[] = [];
  const sections: Located[] = [];
  const statedObjectives: Located[] = [];
  const listedWords: Located[] = [];
  const exercises: { at: number; item: Located }[] = [];
  const used = new Set<number>();
  const use = (indices: number[]) => indices.forEach((i) => used.add(i));
  const notAsked = new Set<number>();

  // Lists claim their lines first: a 想一想 box printed right after the 学习目标 list must not take it for its own items.
  blocks.forEach((block, i) => {
    if (block.heading?.role === 'objectives') {
      const run = collectObjectives(blocks, i);
      statedObjectives.push(...run.objectives);
      use(run.used);
    } else if (block.heading?.role === 'vocabulary') {
      const run = collectVocabulary(blocks, i);
      listedWords.push(...run.vocabulary);
      use(run.used);
    }
  });

  blocks.forEach((block, i) => {
    const heading = block.heading;
    if (!heading) return;
    const here = { text: heading.text, page: block.page };
    switch (heading.role) {
      case 'unit':
        units.push(here);
        break;
      case 'lesson':
        lessons.push(here);
        break;
      case 'section':
        sections.push(here);
        if (heading.text.startsWith('例')) boxBody(blocks, i).forEach((j) => notAsked.add(j));
        break;
      case 'reading':
        sections.push(here);
        boxBody(blocks, i).forEach((j) => notAsked.add(j));
        break;
      case 'exercises': {
        sections.push(here);
        const run = collectExercises(blocks, i, used);
        // Filed at the heading's place, in their own order (some were printed above it).
        run.exercises.forEach((item, n) => exercises.push({ at: i + n / 1000, item }));
        use(run.used);
        break;
      }
      case 'objectives':
      case 'vocabulary':
      case 'plain':
        break;
    }
  });

  const definitions: DocumentStructure['definitions'] = [];
  blocks.forEach((block, i) => {
    if (block.heading || used.has(i)) return;
    for (const { term, text } of findDefinitions(block.text, loose)) definitions.push({ term, text, page: block.page });
    if (loose && !notAsked.has(i) && isStudentQuestion(block.text)) exercises.push({ at: i, item: { text: block.text, page: block.page } });
  });

  const uniqueDefinitions = unique(definitions, (d) => d.term);
  const focus = statedFocus(pages);
  return {
    units: unique(units, (u) => u.text),
    lessons: unique(lessons, (l) => l.text),
    sections: unique(sections, (s) => `${s.page}|${s.text}`),
    statedObjectives: unique(statedObjectives, (o) => o.text),
    exercises: unique(
      exercises.sort((a, b) => a.at - b.at).map(({ item }) => item),
      (e) => `${e.page}|${e.text}`,
    ),
    vocabulary: unique([...listedWords, ...uniqueDefinitions.map(({ term, page }) => ({ text: term, page }))], (v) => v.text),
    definitions: uniqueDefinitions,
    statedKeyPoints: focus.keyPoints,
    statedDifficultPoints: focus.difficultPoints,
  };
}
