import { words } from '../text/segment.js';
import type { StandardItem, StandardPart } from './structure.js';

/** Okapi BM25's usual constants: term frequency saturates at about k1, length normalised by b. */
const K1 = 1.2;
const B = 0.75;
/** Words too common in any standard to tell two items apart; one-character particles carry nothing either. */
const STOP_WORDS = new Set(['学生', '能够', '进行', '通过', '学习', '理解', '运用', '相关', '内容', '要求', '活动', '教学']);

function terms(text: string): string[] {
  return words(text).filter((word) => word.length > 1 && !STOP_WORDS.has(word));
}

export interface StandardHit {
  item: StandardItem;
  score: number;
}

/**
 * BM25 over a standard's items, on `Intl.Segmenter` words (ICU's dictionary
 * segmentation of Chinese). An item is indexed with its headings, so a lesson
 * on 「整本书阅读」 finds the items under 「学习任务群 1 整本书阅读与研讨」 even
 * when their own sentences do not repeat the name.
 *
 * @example
 * const index = new StandardIndex(splitStandard(pages));
 * index.search('语言积累 梳理 探究', { parts: ['content', 'achievement'], limit: 3 });
 */
export class StandardIndex {
  private readonly docs: { item: StandardItem; counts: Map<string, number>; length: number }[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(items: readonly StandardItem[]) {
    this.docs = items.map((item) => {
      const counts = new Map<string, number>();
      for (const term of terms(`${item.path.join(' ')} ${item.text}`)) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const term of counts.keys()) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      return { item, counts, length: [...counts.values()].reduce((a, b) => a + b, 0) };
    });
    this.averageLength = this.docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(1, this.docs.length);
  }

  get size(): number {
    return this.docs.length;
  }

  /**
   * The items most relevant to `query`, best first (ties in reading order);
   * only from `parts`, and only for `grade` when an item states its grades.
   */
  search(query: string, options: { parts?: readonly StandardPart[]; grade?: number | null; limit: number }): StandardHit[] {
    const queryTerms = [...new Set(terms(query))];
    const n = this.docs.length;
    return this.docs
      .filter(({ item }) => !options.parts || options.parts.includes(item.part))
      .filter(({ item }) => !item.grades || options.grade == null || (options.grade >= item.grades[0] && options.grade <= item.grades[1]))
      .map(({ item, counts, length }) => {
        let score = 0;
        for (const term of queryTerms) {
          const tf = counts.get(term) ?? 0;
          if (tf === 0) continue;
          const df = this.documentFrequency.get(term) ?? 0;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / this.averageLength));
        }
        return { item, score };
      })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score || a.item.index - b.item.index)
      .slice(0, options.limit);
  }
}
