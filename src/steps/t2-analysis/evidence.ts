import { block, type DigestFile, type MaterialDigest, type SourceRef, type TextBlock } from '../../domain/index.js';
import { termOverlap } from '../../text/keywords.js';
import { clip, sentences } from '../../text/segment.js';

/** A sentence of a material with where it stands. */
export interface Evidence {
  text: string;
  file: DigestFile;
  page: number;
}

export function cite(evidence: { file: { name: string }; page: number; text?: string }): SourceRef {
  return { file: evidence.file.name, page: evidence.page, at: null, quote: evidence.text ? clip(evidence.text, 60) : null };
}

/** Every sentence of every readable page, in reading order. */
export function allSentences(digest: MaterialDigest, kinds?: DigestFile['kind'][]): Evidence[] {
  const out: Evidence[] = [];
  for (const file of digest.files) {
    if (kinds && !kinds.includes(file.kind)) continue;
    for (const page of file.pages) {
      if (page.quality !== 'good') continue;
      for (const text of sentences(page.text)) out.push({ text, file, page: page.page });
    }
  }
  return out;
}

/**
 * The sentences most about `topic` that also match `pattern`, best first.
 * Ties keep reading order, so the result is deterministic.
 */
export function bestSentences(pool: Evidence[], topic: string, limit: number, pattern?: RegExp): Evidence[] {
  return pool
    .map((evidence, index) => ({ evidence, index, score: termOverlap(evidence.text, topic) }))
    .filter(({ evidence, score }) => score > 0 && (!pattern || pattern.test(evidence.text)) && evidence.text.length >= 8)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map(({ evidence }) => evidence);
}

/**
 * A key term as a block: the material's word, cited at the first readable
 * page that says it; rule wording when no page does (a term made up from the
 * teacher's title, say).
 */
export function termBlock(digest: MaterialDigest, term: string): TextBlock {
  for (const file of digest.files) {
    const page = file.pages.find((p) => p.quality === 'good' && p.text.includes(term));
    if (page) return block.material(term, [{ file: file.name, page: page.page, at: null, quote: null }]);
  }
  return block.template(term);
}
