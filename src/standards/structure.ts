/**
 * The parts of a 课程标准 as the standards themselves name them. Both the
 * 2017/2020 高中 standards and the 2022 义务教育 standards are organised
 * this way: goals (课程目标), content requirements (内容要求, in 高中语文
 * 「学习目标与内容」), achievement requirements (学业要求), teaching tips
 * (教学提示) and the quality standard (学业质量); everything else (前言,
 * 课程性质, 基本理念, 实施建议 …) is `other` and never quoted as a requirement.
 */
export type StandardPart = 'goals' | 'content' | 'achievement' | 'tips' | 'quality' | 'other';

/** The standards' own heading words for each part; the innermost heading that names one decides. */
const PART_HEADINGS: ReadonlyArray<{ part: StandardPart; heading: RegExp }> = [
  { part: 'achievement', heading: /学业要求/u },
  { part: 'tips', heading: /教学提示/u },
  { part: 'quality', heading: /学业质量/u },
  { part: 'content', heading: /内容要求|学习目标与内容|课程内容/u },
  { part: 'goals', heading: /课程目标|学段目标|总目标/u },
  { part: 'other', heading: /前言|课程性质|基本理念|课程理念|课程结构|实施建议|附录|修订/u },
];

export const PART_LABEL: Record<StandardPart, string> = {
  goals: '课程目标',
  content: '内容要求',
  achievement: '学业要求',
  tips: '教学提示',
  quality: '学业质量',
  other: '其他',
};

/** One requirement, paragraph or level description of a standard, with where it stands. */
export interface StandardItem {
  /** 1-based, in reading order. */
  index: number;
  part: StandardPart;
  /** The headings above it, outermost first: ['四、课程内容', '学习任务群 4 语言积累、梳理与探究', '1. 学习目标与内容']. */
  path: string[];
  /** The 学段 or grades it is for, when the standard says: '第二学段（3～4年级）'; null when it applies throughout. */
  stage: string | null;
  /** The grades that stage covers, e.g. [3, 4]; null when not stated. */
  grades: [number, number] | null;
  /** The page (or section) where it starts. */
  page: number;
  text: string;
}

/** Heading levels: 一、 (and 前言, 附录) > （一） > a named group (学习任务群 N, 第N学段, 主题) > 1. or 【内容要求】. */
const LEVELS: ReadonlyArray<RegExp> = [
  /^(?:前言|目录|附录.{0,12}|修订说明|[一二三四五六七八九十]+、\s*\S.{0,24})$/u,
  /^（[一二三四五六七八九十]+）\s*\S.{0,24}$/u,
  /^(?:学习任务群\s*\d+|第[一二三四五六]学段|主题\s*[一二三四五六七八九十\d]+|模块\s*\d+|[一二三四五六七八九十]年级).{0,30}$/u,
  /^(?:\d+[.．]\s*[^。；，,.]{2,14}|【[^】]{2,10}】|内容要求|学业要求|教学提示|学习目标与内容)$/u,
];
/** Where a new item starts inside a part: （1）, 1. or 1、 with a sentence, or a quality level 4-2. */
const ITEM_START = /^(?:（\d+）|\d+[.．、]\s*\S|\d-\d\s)/u;
/** The item's own number, left out when it is quoted. */
export const ITEM_NUMBER = /^(?:（\d+）|\d+[.．、]|\d-\d)\s*/u;
/** A table of contents line: dot leaders or a page number after a slash. */
const CONTENTS_LINE = /(?:\.{4,}|…{2,}|／\s*\d+\s*$)/u;
const SENTENCE_END = /[。；！？!?：:]$/u;

/**
 * Splits a 课程标准 into items by its own structure: headings by their
 * numbering, each item under the part its headings name and the 学段 they
 * state. A sentence that runs over a page break stays one item, cited at the
 * page where it starts. The table of contents is skipped.
 *
 * @example
 * const items = splitStandard([{ page: 15, text: '四、课程内容\n（一）学习任务群\n学习任务群 4 语言积累、梳理与探究\n1. 学习目标与内容\n（1）在语文学习过程中…' }]);
 * items[0]; // { part: 'content', path: ['四、课程内容', '（一）学习任务群', '学习任务群 4 语言积累、梳理与探究', '1. 学习目标与内容'], page: 15, … }
 */
export function splitStandard(pages: readonly { page: number; text: string }[]): StandardItem[] {
  const headings: (string | null)[] = LEVELS.map(() => null);
  const items: StandardItem[] = [];
  let open: StandardItem | null = null;

  for (const { page, text } of pages) {
    for (const raw of text.split('\n')) {
      const markdown = /^(#{1,6})\s+(.+)$/u.exec(raw.trim());
      const line = markdown ? markdown[2]!.trim() : raw.trim();
      if (!line || CONTENTS_LINE.test(line)) continue;
      // A Markdown heading (a 课标 excerpt typed as .md) is a heading at its own depth, whatever its words.
      const level = markdown ? Math.min(markdown[1]!.length - 1, LEVELS.length - 1) : LEVELS.findIndex((pattern) => pattern.test(line));
      // A short numbered line ending a sentence is an item, not a heading.
      if (level >= 0 && (markdown || !(level === LEVELS.length - 1 && SENTENCE_END.test(line)))) {
        headings[level] = line;
        headings.fill(null, level + 1);
        open = null;
        continue;
      }
      const continues = open && !ITEM_START.test(line) && !SENTENCE_END.test(open.text);
      if (open && continues) {
        open.text += line;
        continue;
      }
      const path = headings.filter((h): h is string => h !== null);
      const stage = stageOf(path);
      open = {
        index: items.length + 1,
        part: partOf(path),
        path,
        stage: stage?.label ?? null,
        grades: stage?.grades ?? null,
        page,
        text: line,
      };
      items.push(open);
    }
  }
  return items.filter((item) => item.text.length >= 8);
}

function partOf(path: readonly string[]): StandardPart {
  for (let i = path.length - 1; i >= 0; i--) {
    const found = PART_HEADINGS.find(({ heading }) => heading.test(path[i]!));
    if (found) return found.part;
  }
  return 'other';
}

const CHINESE_DIGITS = '〇一二三四五六七八九';

/** The 学段 a heading names, with its grades when it states them: 第二学段（3～4年级） → [3, 4]. */
function stageOf(path: readonly string[]): { label: string; grades: [number, number] | null } | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const heading = path[i]!;
    const range = /(\d{1,2})\s*[～~—\-－至]\s*(\d{1,2})\s*年级/u.exec(heading);
    if (range) return { label: heading, grades: [Number(range[1]), Number(range[2])] };
    const single = /^([一二三四五六七八九])年级/u.exec(heading);
    if (single) {
      const grade = CHINESE_DIGITS.indexOf(single[1]!);
      return { label: heading, grades: [grade, grade] };
    }
    if (/第[一二三四五六]学段/u.test(heading)) return { label: heading, grades: null };
  }
  return null;
}
