import { clip, visibleLength } from '../../text/segment.js';
import { countTerms } from '../../text/term-vectors.js';
import { opensWithIntro, setsTask, spokenContent, transitionIn } from './discourse.js';
import { centralStatements, isStatement, quotable } from './statements.js';
import type { Utterance } from './utterances.js';

/** What a teacher reads about one chapter. */
export interface ChapterText {
  title: string;
  summary: string;
  keyPoints: string[];
}

const MAX_TITLE_CHARS = 16;
const MAX_SUMMARY_CHARS = 80;
const MAX_KEY_POINT_CHARS = 60;
const MAX_KEY_POINTS = 3;
/** A summary sentence shorter than this leaves room for a second one. */
const SHORT_SENTENCE_CHARS = 40;
/** Units and counters are what a chapter computes with, not what it is about: keep them out of titles. */
const TITLE_NOISE = /^(?:[千分厘毫]?米|平方[千分厘毫]?米|公顷|[千]?克|吨|元|角|分|秒|分钟|小时|多少|几个|答案)$/u;
/** Words that only restate a part's label ("拓展：扩展"). */
const LABEL_ECHO = /^(?:扩展|拓展|延伸|练习|总结|小结|例题|思考|导入)$/u;

/** Terms of one chapter ranked two ways: what it says most, and what sets it apart from the others. */
interface ChapterTerms {
  frequent: string[];
  distinctive: string[];
  /** In how many of the chapter's utterances each term occurs. */
  counts: Map<string, number>;
}

/**
 * Ranks each chapter's terms. "Distinctive" is tf·idf over the video's
 * chapters: in a lesson on 周长 every chapter says 周长, so a title needs the
 * term that only this chapter says much (花坛 in 例1, 正方形 in 例2).
 */
function rankChapterTerms(chapters: readonly (readonly Utterance[])[]): ChapterTerms[] {
  const perChapter = chapters.map((utterances) => countTerms(utterances.map((u) => u.terms)));
  const chapterFrequency = countTerms(perChapter.map((counts) => [...counts.keys()]));
  const n = chapters.length;
  return perChapter.map((counts) => {
    const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const repeated = byCount.filter(([, c]) => c >= 2);
    const pool = repeated.length > 0 ? repeated : byCount;
    const distinctive = pool
      .map(([term, c]) => ({ term, score: c * Math.log((n + 1) / (chapterFrequency.get(term) ?? 1)) }))
      .sort((a, b) => b.score - a.score)
      .map(({ term }) => term);
    return { frequent: byCount.map(([term]) => term), distinctive, counts };
  });
}

/**
 * Two terms as the teacher said them together ("长方形的周长"), else the first
 * term alone. Joining only what occurs in the speech keeps titles grammatical.
 */
function keyPhrase(text: string, lead: string, partners: readonly string[]): string {
  for (const partner of partners) {
    if (partner === lead || partner.includes(lead) || lead.includes(partner)) continue;
    for (const phrase of [`${lead}的${partner}`, `${partner}的${lead}`, `${lead}${partner}`, `${partner}${lead}`]) {
      if (text.includes(phrase)) return phrase;
    }
  }
  return lead;
}

function fitTitle(title: string): string {
  return visibleLength(title) <= MAX_TITLE_CHARS ? title : title.slice(0, MAX_TITLE_CHARS);
}

/**
 * Candidate titles for a chapter, best first: the name its opening sentence
 * gives the part ("例1", "练一练") plus its key phrase. The unnamed first
 * chapter of a whole lesson is its 导入.
 */
function titleCandidates(utterances: readonly Utterance[], terms: ChapterTerms, opensLesson: boolean): string[] {
  const text = utterances.map((u) => u.text).join('');
  const opening = utterances[0] ? transitionIn(utterances[0].text) : null;
  const label = opening?.label ?? (opensLesson ? '导入' : null);
  if (opening?.kind === 'concept' && opening.label) return [opening.label];
  if (opening?.kind === 'outro') return ['结束语'];
  const titleWorthy = (t: string) => !TITLE_NOISE.test(t) && !LABEL_ECHO.test(t);
  const distinctive = terms.distinctive.filter(titleWorthy);
  const frequent = terms.frequent.filter(titleWorthy);
  const leads = [...distinctive.slice(0, 3), ...frequent.slice(0, 1)];
  // A partner said once may be half of a longer phrase ("题目的多种"); only repeated terms pair up.
  const partners = [...new Set([...frequent.slice(0, 4), ...distinctive.slice(0, 4)])].filter((t) => (terms.counts.get(t) ?? 0) >= 2);
  const phrases = [...new Set(leads.map((lead) => keyPhrase(text, lead, partners)))];
  const titled = phrases.map((phrase) => fitTitle(label ? `${label}：${phrase}` : phrase));
  if (titled.length > 0) return titled;
  return [label ?? clip(utterances[0]?.text.replace(/[。？]$/u, '') ?? '视频片段', MAX_TITLE_CHARS)];
}

/** The most central statements, in time order: a question is a poor summary of what was said. */
function summarySentences(utterances: readonly Utterance[], counts: ReadonlyMap<string, number>): Utterance[] {
  const [first, second] = centralStatements(utterances, counts);
  if (!first) return [];
  const chosen = visibleLength(first.text) < SHORT_SENTENCE_CHARS && second ? [first, second] : [first];
  return chosen.sort((a, b) => a.start - b.start);
}

function keyPointSentences(utterances: readonly Utterance[], terms: ChapterTerms, exclude: readonly Utterance[]): Utterance[] {
  const top = new Set([...terms.distinctive.slice(0, 3), ...terms.frequent.slice(0, 3)]);
  return utterances
    .filter((u) => quotable(u) && !u.question && !setsTask(u.text) && !exclude.includes(u) && u.terms.some((t) => top.has(t)))
    .map((u) => ({
      u,
      score: u.terms.filter((t) => top.has(t)).length + (isStatement(u) ? 1 : 0),
    }))
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_KEY_POINTS)
    .map(({ u }) => u)
    .sort((a, b) => a.start - b.start);
}

/**
 * Title, summary and key points of each chapter, all taken from what was said
 * in it. Titles are unique within the video.
 *
 * @example
 * describeChapters([intro, meaning, example1, …].map((span) => utterancesIn(utterances, span.start, span.end)))
 * // [{ title: '导入：蚂蚁', … }, { title: '什么是周长', … }, { title: '例1：长方形花坛', summary: '…长方形的周长等于长加宽的和乘2。', … }]
 */
export function describeChapters(chapters: readonly (readonly Utterance[])[]): ChapterText[] {
  const ranked = rankChapterTerms(chapters);
  const used = new Set<string>();
  return chapters.map((utterances, i) => {
    const terms = ranked[i]!;
    const candidates = titleCandidates(utterances, terms, i === 0 && opensWithIntro(chapters.length));
    const title = candidates.find((t) => !used.has(t)) ?? `${candidates[0]!.slice(0, MAX_TITLE_CHARS - 3)}（续）`;
    used.add(title);
    const summaryOf = summarySentences(utterances, terms.counts);
    const summary = clip(summaryOf.map((u) => spokenContent(u.text)).join(''), MAX_SUMMARY_CHARS) || title;
    // A short chapter may have no statement besides its summary: its question is then its point ("……周长是多少厘米？").
    const points = keyPointSentences(utterances, terms, summaryOf);
    const asked = utterances.filter((u) => u.question && quotable(u)).slice(0, 1);
    const keyPoints = (points.length > 0 ? points : asked.length > 0 ? asked : summaryOf).map((u) =>
      clip(spokenContent(u.text), MAX_KEY_POINT_CHARS),
    );
    return { title, summary, keyPoints };
  });
}
