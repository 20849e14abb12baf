import { isBlankText, type MaterialDigest, type SourceRef, type TextBlock, textBlocksOf } from '../../src/domain/index.js';
import { clip, sentences } from '../../src/text/segment.js';
import { isVerbatim } from '../../src/text/verbatim.js';
import { normalize, visibleChars } from '../text/overlap.js';
import { defineScorer, type Finding } from './define.js';

/** Findings listed per case. */
const SHOWN = 8;

/** The text of the pages a block cites; a cited file without a page stands for all its pages. */
function citedText(digest: MaterialDigest | undefined, sources: readonly SourceRef[]): string {
  const files = digest?.files ?? [];
  return sources
    .flatMap((ref) => {
      const file = files.find((f) => f.name === ref.file);
      if (!file) return [];
      return file.pages.filter((p) => ref.page === null || p.page === ref.page).map((p) => p.text);
    })
    .join('\n');
}

/** Why a block's stated origin does not hold, or null when it does. */
function problemOf(block: TextBlock, digest: MaterialDigest | undefined, allMaterial: string): string | null {
  if (block.origin === 'blank') return isBlankText(block.text) ? null : `标为“待教师补充”，却写着「${clip(block.text, 30)}」`;
  if (block.origin !== 'material') return null;
  const cited = citedText(digest, block.sources);
  const missing = sentences(block.text).filter((s) => normalize(s).length > 1 && !isVerbatim(s, cited));
  if (missing.length === 0) return null;
  const elsewhere = missing.every((s) => isVerbatim(s, allMaterial));
  return elsewhere
    ? `标为“材料”，但「${clip(missing[0]!, 30)}」不在所注明的页上`
    : `标为“材料”，但「${clip(missing[0]!, 30)}」不是教师材料中的原文`;
}

/**
 * 来源可信 (grounding): the share of the plan's and the deck's text (by
 * characters) whose stated origin holds — text marked 材料 is word for word
 * on the pages it cites, a block marked 待教师补充 is only the visible blank,
 * and everything else says openly that it is rule wording (规则模板), a
 * model's (模型生成) or the teacher's. Template prose passed off as the
 * teacher's book is what it catches. Deck slides marked as material are held
 * to any page of the materials (slides carry no page).
 */
export const grounding = defineScorer({
  id: 'grounding',
  title: '来源可信',
  definition: '标为“材料”的文字都能在所注明的材料页上找到原文，标为“待补充”的只是空位；其余文字如实标为规则模板、模型生成或教师',
  needs: ['T3'],
  targets: ['mislabel-origin'],
  threshold: 0.95,
  tolerance: 0.02,
  strict: true,
  score: ({ results }) => {
    const digest = results.T1;
    const allMaterial = (digest?.files ?? []).flatMap((f) => f.pages.map((p) => p.text)).join('\n');
    let total = 0;
    let grounded = 0;
    const problems: Finding[] = [];
    for (const { path, block } of textBlocksOf(results.T3)) {
      const chars = visibleChars(block.text);
      total += chars;
      const problem = problemOf(block, digest, allMaterial);
      if (problem === null) grounded += chars;
      else problems.push({ field: `T3${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`, message: problem });
    }
    (results.C2?.slides ?? []).forEach((slide, i) => {
      const text = [slide.title, ...slide.body].join('\n');
      const chars = visibleChars(text);
      total += chars;
      const missing =
        slide.origin === 'material' ? slide.body.filter((line) => normalize(line).length > 1 && !isVerbatim(line, allMaterial)) : [];
      if (missing.length === 0) grounded += chars;
      else problems.push({ field: `C2.slide[${i + 1}]`, message: `第 ${i + 1} 页标为“材料”，但「${clip(missing[0]!, 30)}」不是材料原文` });
    });
    if (total === 0) return { score: null, findings: [] };
    const findings = problems.slice(0, SHOWN);
    if (problems.length > SHOWN) findings.push({ field: 'T3', message: `另有 ${problems.length - SHOWN} 处来源标注不实` });
    return { score: grounded / total, findings };
  },
});
