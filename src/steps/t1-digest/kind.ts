import type { MaterialKind } from '../../domain/index.js';
import type { IngestedPage } from '../../ingest/types.js';

/**
 * File-name words, most specific first: 「三年级上册教师用书」 is a 教参 although
 * 上册 also names textbooks, and 「课程标准解读」 is about a 课标 but not one.
 */
const NAME_RULES: [MaterialKind, RegExp][] = [
  ['reference', /解读|试题|试卷|真题|习题集|练习册|教案|教学设计|学案|导学案|课件|说课|答案/u],
  ['teacherGuide', /教参|教师用书|教学参考|教师教学用书|教学用书|教师参考/u],
  ['curriculumStandard', /课标|课程标准|标准/u],
  ['textbook', /教材|课本|教科书|学生用书/u],
];
/** Words that name a textbook part but also appear in the names of 教参 and exercise books: trusted only after the content. */
const WEAK_TEXTBOOK_NAME = /必修|选修|[上下]册|第.{1,3}[单元章节课]/u;

/** Words each kind of material uses about itself, page after page. */
const CONTENT_CUES: Record<'teacherGuide' | 'curriculumStandard' | 'textbook', RegExp> = {
  teacherGuide: /教学建议|教学目标|课时安排|教学重点|教学难点|教材分析|教学过程|设计意图|教学提示与建议|参考答案/gu,
  curriculumStandard: /内容要求|学业要求|课程目标|核心素养|学业质量|课程性质|课程理念|课程内容|实施建议|学习任务群/gu,
  textbook: /练习|做一做|想一想|议一议|试一试|学习目标|例\s*\d|习题|思考与讨论|生字|课后/gu,
};
/** Fewer cues than this say nothing about what the file is. */
const MIN_CUES = 2;
/** A 课标 repeats its vocabulary on every page; a 教参 quoting 核心素养 once per lesson is not one. */
const STANDARD_CUES_PER_PAGE = 1;

function countCues(text: string, cues: RegExp): number {
  return text.match(cues)?.length ?? 0;
}

/**
 * What a material is: first by its file name (教参, 课标, 教材…), then by the
 * words its readable pages use (教学建议 → 教参; 内容要求/学业要求/核心素养, dense →
 * 课标; 练习/做一做/学习目标/例1 → 教材), else `other`.
 *
 * @example
 * classifyKind('人教版数学三年级上册教师用书.pdf', pages)        // 'teacherGuide'
 * classifyKind('普通高中语文课程标准_2017版2020修订.pdf', pages) // 'curriculumStandard'
 * classifyKind('scan_0012.pdf', pagesWithExercises)            // 'textbook'
 */
export function classifyKind(name: string, pages: IngestedPage[]): MaterialKind {
  const stem = name.replace(/\.[^.]+$/, '');
  for (const [kind, words] of NAME_RULES) if (words.test(stem)) return kind;

  const good = pages.filter((page) => page.quality === 'good');
  const text = good.map((page) => page.text).join('\n');
  const standard = countCues(text, CONTENT_CUES.curriculumStandard);
  const guide = countCues(text, CONTENT_CUES.teacherGuide);
  const book = countCues(text, CONTENT_CUES.textbook);
  if (standard >= MIN_CUES && standard >= STANDARD_CUES_PER_PAGE * good.length && standard > guide && standard > book) {
    return 'curriculumStandard';
  }
  // A 教参 reprints the book's exercises, so its own cues only need to hold their ground.
  if (guide >= MIN_CUES && guide >= book / 2) return 'teacherGuide';
  if (book >= MIN_CUES) return 'textbook';
  if (WEAK_TEXTBOOK_NAME.test(stem)) return 'textbook';
  return 'other';
}
