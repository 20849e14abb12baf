import type { Located } from '../../domain/index.js';
import type { IngestedPage } from '../../ingest/types.js';
import { type Block, stripItemMarker, toBlocks } from './blocks.js';
import { readLines } from './lines.js';

/** What the materials themselves name as the lesson's 教学重点 and 教学难点. */
export interface StatedFocus {
  keyPoints: Located[];
  difficultPoints: Located[];
}

type Kind = 'key' | 'difficult' | 'both';

/**
 * A focus label: 「教学重点」「重点」「教学难点」「教学重难点」「教学重点和难点」, maybe after a
 * section number (三、) or an item number (1.), then a colon and the point, or
 * nothing (a heading the points follow). A sentence that merely starts with 重点
 * (「重点关注……」) has neither and is not a label.
 */
const LABEL = new RegExp(
  '^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\\d]{1,2}[）)]|\\d{1,2}\\s*[.．、])?\\s*[【[]?' +
    '(?:教学|学习|本课|本节|本课时|课时)?(重难点|重点[和与及、]?难点|重点|难点)[】\\]]?\\s*(?:[:：]\\s*(.*))?$',
  'u',
);
/** 「教学重点：……。教学难点：……。」 on one line holds two labelled statements. */
const NEXT_LABEL = /(?<=[。；;])\s*(?=(?:教学)?(?:重点|难点)[:：])/u;
/** The other parts of a 教参 or 教学设计: where the points under a focus heading end, even unnumbered. */
const OTHER_PART =
  /^(?:[一二三四五六七八九十]+、)?(?:教材分析|学情分析|教学目标|学习目标|教学方法|教法|学法|教学准备|教学过程|教学建议|课时安排|板书设计|作业设计|教学反思|设计意图|(?:学生)?(?:容易|常见|易)(?:出现)?的?(?:错误|问题))/u;
/** A focus section lists a few points; past this the heading was not a focus list's. */
const MAX_POINTS = 6;

function kindOf(label: string): Kind {
  if (label === '重点') return 'key';
  return label === '难点' ? 'difficult' : 'both';
}

function point(text: string, page: number): Located | null {
  const clean = stripItemMarker(text)
    .replace(/[。；;.]+$/u, '')
    .trim();
  return clean ? { text: clean, page } : null;
}

/** A heading that ends a focus list: any marked one, or a Markdown one; a short unmarked point can look like a heading. */
function endsList(block: Block): boolean {
  const heading = block.heading;
  return (heading !== null && (heading.role !== 'plain' || block.lines[0]!.markdownHeading)) || OTHER_PART.test(block.text);
}

/**
 * The 教学重点 and 教学难点 a 教参 or 教学设计 states: labelled lines (「教学重点：……」,
 * 「难点：……」 bullets, two labels on one line) and the points listed under a
 * focus heading (「二、教学重点」「教学重难点」), up to the next heading or part. Under
 * a combined heading, a point labelled 重点 or 难点 goes where its label says;
 * an unlabelled one counts as a key point, because a 难点 is what a book calls
 * one. Only `good` pages are read; every point keeps its page.
 *
 * @example
 * statedFocus(pages('教学重点：长方形和正方形周长的计算方法。\n教学难点：理解“（长＋宽）×2”的道理。'))
 * // { keyPoints: [{ text: '长方形和正方形周长的计算方法', page: 1 }],
 * //   difficultPoints: [{ text: '理解“（长＋宽）×2”的道理', page: 1 }] }
 */
export function statedFocus(pages: IngestedPage[]): StatedFocus {
  const blocks = toBlocks(readLines(pages));
  const keyPoints: Located[] = [];
  const difficultPoints: Located[] = [];
  const add = (kind: Kind, located: Located | null) => {
    const list = kind === 'difficult' ? difficultPoints : keyPoints;
    if (located && !list.some((p) => p.text === located.text)) list.push(located);
  };

  blocks.forEach((block, at) => {
    for (const statement of block.text.split(NEXT_LABEL)) {
      const label = LABEL.exec(statement.trim());
      if (!label) continue;
      const kind = kindOf(label[1]!);
      if (label[2]) {
        add(kind, point(label[2], block.page));
        continue;
      }
      for (let i = at + 1, taken = 0; i < blocks.length && taken < MAX_POINTS; i++, taken++) {
        const next = blocks[i]!;
        if (endsList(next) || LABEL.test(next.text)) break;
        add(kind, point(next.text, next.page));
      }
    }
  });
  return { keyPoints, difficultPoints };
}
