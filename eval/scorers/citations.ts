import { formatSource, type LessonPlan, type MaterialDigest, type NormalizedTranscripts, type SourceRef } from '../../src/domain/index.js';
import type { Results } from '../../src/pipeline/step.js';
import { citationChecker } from '../../src/steps/shared/citations.js';
import { bestClauseRecall, containsNormalized, recall } from '../text/overlap.js';
import { defineScorer, type Finding, shareWithoutProblems } from './define.js';
import { clipParts, type PlanPart, planParts } from './plan-parts.js';

interface Citation {
  part: PlanPart | null;
  field: string;
  label: string;
  ref: SourceRef;
}

/** Every citation of the plan (the 参考资料 list included) and of the outline's clips, one item each. */
function citations(results: Results & { T3: LessonPlan }): Citation[] {
  const parts = [...planParts(results.T3), ...(results.V3 ? clipParts(results.V3) : [])];
  const cited = parts.flatMap((part) =>
    part.sources.map((ref, i) => ({ part, field: `${part.field}.sources[${i}]`, label: part.label, ref })),
  );
  const listed = results.T3.sources.map((ref, i) => ({ part: null, field: `T3.sources[${i}]`, label: '参考资料', ref }));
  return [...cited, ...listed];
}

function whyMissing(ref: SourceRef, digest: MaterialDigest, transcripts: NormalizedTranscripts | undefined): string {
  if (ref.at !== null) {
    const video = transcripts?.videos.find((v) => v.file === ref.file);
    return video ? `视频只有 ${Math.round(video.durationSec)} 秒` : '没有这个视频字幕文件';
  }
  const file = digest.files.find((f) => f.name === ref.file);
  if (!file) return '材料中没有这个文件';
  if (ref.page === null) return '没有页码';
  const page = file.pages.find((p) => p.page === ref.page);
  return page ? '该页文字无法识别' : `该文件共 ${file.pages.length} ${file.pageUnit === 'page' ? '页' : '段'}`;
}

/**
 * 出处存在: every citation points at a readable page of a material the
 * teacher gave, or a moment inside one of her videos — the same test the
 * product applies to model answers (`citationChecker`), applied to what it
 * shipped. A plan without a single citation scores 0: nothing can be checked.
 */
export const citationExists = defineScorer({
  id: 'citation-exists',
  title: '出处存在',
  definition: '每条引用都指向教师所给材料中真实存在的页码（段号）或视频中的时间点',
  needs: ['T1', 'T3'],
  targets: ['cite-missing-page'],
  threshold: 1,
  tolerance: 0,
  score: ({ results }) => {
    const exists = citationChecker(results.T1, results.V1 ?? null);
    return shareWithoutProblems(
      citations(results),
      (c): Finding[] =>
        exists(c.ref)
          ? []
          : [
              {
                field: c.field,
                message: `${c.label}引用的「${formatSource(c.ref)}」不存在（${whyMissing(c.ref, results.T1, results.V1)}）`,
              },
            ],
      { score: 0, findings: [{ field: 'T3.sources', message: '教学设计没有注明任何出处' }] },
    );
  },
});

/** Enough of one clause of the claim is on the page, or of the quote in the claim: "draws on this page". */
const SUPPORT = 0.5;
/** Seconds around a timed citation in which its quote must be said. */
const QUOTE_WINDOW_SEC = 10;
/** Slack at a clip's ends: cue times and clip cuts round differently. */
const CLIP_SLACK_SEC = 2;

/**
 * The term a definition sentence defines, by the textbook patterns "……叫做 X"
 * and "X 是指……" (a parenthesised gloss dropped), or null. Read from the
 * quote itself, not the product's digest, so the check does not inherit
 * the digest's mistakes.
 */
function definedTerm(sentence: string): string | null {
  const named = /(?:叫做|叫作|称为|称作)([^，。；、,.;（(]{2,12})/u.exec(sentence)?.[1];
  const meant = /^([^，。；、,.;]{2,16}?)(?:是指|指的是)/u.exec(sentence)?.[1];
  const term = (named ?? meant)?.replace(/[（(][^）)]*[）)]/gu, '').trim();
  return term && term.length >= 2 ? term : null;
}

function pageProblem(c: Citation & { part: PlanPart }, digest: MaterialDigest): string | null {
  const { ref, part } = c;
  const file = digest.files.find((f) => f.name === ref.file);
  const page = file?.pages.find((p) => p.page === ref.page && p.quality === 'good');
  if (!page) return `引用的「${formatSource(ref)}」不存在，无法佐证`;
  // A task that sends students to the file ("阅读教材.pdf第 1–3 页") points at it; it claims nothing the page must say.
  if (part.text.includes(ref.file)) return null;
  const { quote } = ref;
  if (quote && !containsNormalized(page.text, quote)) return `引文「${quote.slice(0, 24)}」不在「${formatSource(ref)}」上`;
  if (quote && recall(quote, part.text) >= SUPPORT) return null;
  // A summary that names the term a quoted definition defines ("核心概念有休止符…") rests on that definition.
  const term = quote ? definedTerm(quote) : null;
  if (term && containsNormalized(part.text, term)) return null;
  if (bestClauseRecall(part.text, page.text) >= SUPPORT) return null;
  return `「${formatSource(ref)}」的内容与这条表述对不上`;
}

function momentProblem(c: Citation & { part: PlanPart }, transcripts: NormalizedTranscripts | undefined): string | null {
  const { ref, part } = c;
  const at = ref.at as number;
  const video = transcripts?.videos.find((v) => v.file === ref.file);
  if (!video || at > video.durationSec) return `引用的「${formatSource(ref)}」不存在，无法佐证`;
  if (part.clip && (at < part.clip.start - CLIP_SLACK_SEC || at > part.clip.end + CLIP_SLACK_SEC)) {
    return `「${formatSource(ref)}」不在该片段的时间范围内`;
  }
  if (!ref.quote) return null;
  const said = video.cues.filter((cue) => cue.end >= at - QUOTE_WINDOW_SEC && cue.start <= at + QUOTE_WINDOW_SEC).map((cue) => cue.text);
  return containsNormalized(said.join(''), ref.quote) ? null : `视频在 ${formatSource(ref)} 附近没有说「${ref.quote.slice(0, 24)}」`;
}

/**
 * 引文有据: the cited page says what the claim says. A quote must be on the
 * cited page (or said near the cited moment), and the claim must draw on
 * it — half of one of its clauses found on the page, half of the quote
 * found in the claim, or the claim naming the term a quoted definition
 * defines. A claim that merely names the file (a reading task) is a
 * pointer and passes. The 参考资料 list makes no claim and is left to
 * 出处存在.
 */
export const citationSupport = defineScorer({
  id: 'citation-support',
  title: '引文有据',
  definition: '引用的页面或视频片段确实包含所引原文，并与引用它的表述内容相符',
  needs: ['T1', 'T3'],
  targets: ['swap-subject'],
  threshold: 0.9,
  tolerance: 0.03,
  score: ({ results }) => {
    const claims = citations(results).filter((c): c is Citation & { part: PlanPart } => c.part !== null);
    return shareWithoutProblems(
      claims,
      (c): Finding[] => {
        const problem =
          c.ref.at !== null ? momentProblem(c, results.V1) : c.ref.page !== null ? pageProblem(c, results.T1) : '引用没有页码或时间';
        return problem ? [{ field: c.field, message: `${c.label}：${problem}` }] : [];
      },
      { score: null, findings: [] },
    );
  },
});
