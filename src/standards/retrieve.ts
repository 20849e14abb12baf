import type { DigestFile, MaterialDigest } from '../domain/index.js';
import { StandardIndex } from './index.js';
import { ITEM_NUMBER, type StandardItem, type StandardPart, splitStandard } from './structure.js';

/** A standard's item found for a lesson, with the file it is in. */
export interface StandardEvidence {
  item: StandardItem;
  file: DigestFile;
  /** Where it starts, for citations. */
  page: number;
  /** The item as the standard words it, without its number. */
  text: string;
}

/** What a plan's 课标要求 quotes first: what to teach and what students must reach; then goals and quality. */
const REQUIREMENT_PARTS: readonly StandardPart[] = ['content', 'achievement'];
const BROADER_PARTS: readonly StandardPart[] = ['goals', 'quality'];

/**
 * The items of the lesson's 课程标准 most relevant to `query` (its title and
 * key terms): content and achievement requirements first, goals and the
 * quality standard only when those run short; for the lesson's grade when an
 * item names its 学段. Never the preface, 课程性质 or 基本理念.
 *
 * @example
 * const found = standardItemsFor(digest, { query: '语言积累、梳理与探究', grade: 10, limit: 3 });
 * found[0].item.path; // ['四、课程内容', '（一）学习任务群', '学习任务群4 语言积累、梳理与探究']
 */
export function standardItemsFor(
  digest: MaterialDigest,
  options: { query: string; grade: number | null; limit: number },
): StandardEvidence[] {
  // Split and indexed per call: a 66-page standard takes tens of milliseconds, less than keeping indexes in step with files.
  const indexes = digest.files
    .filter((file) => file.kind === 'curriculumStandard')
    .map((file) => ({ file, index: new StandardIndex(splitStandard(file.pages.filter((page) => page.quality === 'good'))) }));
  const search = (parts: readonly StandardPart[], limit: number) =>
    indexes
      .flatMap(({ file, index }) => index.search(options.query, { parts, grade: options.grade, limit }).map((hit) => ({ ...hit, file })))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  const found = search(REQUIREMENT_PARTS, options.limit);
  const more = found.length < options.limit ? search(BROADER_PARTS, options.limit - found.length) : [];
  return [...found, ...more].map(({ item, file }) => ({ item, file, page: item.page, text: item.text.replace(ITEM_NUMBER, '') }));
}
