import { isBlankText, type MaterialDigest, type SourceRef, textBlocksOf } from '../../domain/index.js';
import { isVerbatim } from '../../text/verbatim.js';

/**
 * Settles the origins a model wrote on its answer. A model may say a block is
 * the material's words, a blank for the teacher, or its own; the product
 * believes only what it can check:
 * - `material` stays only when the text is word for word on the pages it cites;
 * - a block that is exactly a blank marker (【待教师补充：…】) is a `blank`;
 * - everything else a model wrote is `model` (it cannot be the teacher's or the rules').
 * Mutates and returns `value` (a fresh model answer).
 *
 * @example
 * settleModelOrigins(design, digest).process[0].teacherActivity.origin // 'model' unless quoted from a cited page
 */
export function settleModelOrigins<T>(value: T, digest: MaterialDigest | null): T {
  const pageText = (ref: SourceRef) =>
    ref.page === null ? '' : (digest?.files.find((f) => f.name === ref.file)?.pages.find((p) => p.page === ref.page)?.text ?? '');
  for (const { block } of textBlocksOf(value)) {
    if (isBlankText(block.text)) {
      block.origin = 'blank';
      continue;
    }
    const cited = block.sources.map(pageText).join('\n');
    block.origin = block.origin === 'material' && isVerbatim(block.text, cited) ? 'material' : 'model';
  }
  return value;
}
