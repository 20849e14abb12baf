import type { NormalizedTranscripts } from '../../domain/transcript.js';
import type { Chapter } from '../../domain/video.js';
import { countTerms } from '../../text/term-vectors.js';
import { kindEvidence, opensWithIntro, type PartKind, transitionIn } from '../v2-chapters/discourse.js';
import { toUtterances, type Utterance, utterancesIn } from '../v2-chapters/utterances.js';

type TranscriptVideo = NormalizedTranscripts['videos'][number];

/** A chapter with what was said in it and what kind of part it is: what alignment works on. */
export interface ChapterView {
  videoId: string;
  /** The transcript file, for citations. */
  file: string;
  /** Position in its video. */
  index: number;
  start: number;
  end: number;
  title: string;
  utterances: Utterance[];
  text: string;
  kind: PartKind;
  /** The part's name if its opening said one ("什么是周长", "例1"). */
  label: string | null;
  /** The terms said in most of its sentences (at least twice), most frequent first. */
  topTerms: string[];
}

const TOP_TERMS = 5;

function topTermsOf(utterances: readonly Utterance[]): string[] {
  return [...countTerms(utterances.map((u) => u.terms)).entries()]
    .filter(([, count]) => count >= 2)
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_TERMS)
    .map(([term]) => term);
}

/** A part says what it is near its start: cue words in its first 30 % count double. */
const HEAD_SHARE = 0.3;
/** One passing "试一试" at the end of an explanation does not make it practice. */
const MIN_KIND_EVIDENCE = 2;

function weightedEvidence(utterances: readonly Utterance[]): Record<PartKind, number> {
  const headCount = Math.max(1, Math.ceil(utterances.length * HEAD_SHARE));
  const head = kindEvidence(
    utterances
      .slice(0, headCount)
      .map((u) => u.text)
      .join(''),
  );
  const all = kindEvidence(utterances.map((u) => u.text).join(''));
  const out = { ...all };
  for (const kind of Object.keys(out) as PartKind[]) out[kind] += head[kind];
  return out;
}

/**
 * The kind of a chapter: what its opening sentence announces, else the kind
 * whose cue words it says clearly most. The unnamed first chapter of a whole
 * lesson is its 导入; plain explanation is the default.
 */
function chapterKind(utterances: readonly Utterance[], isFirst: boolean, chapterCount: number, previous: PartKind | null): PartKind {
  const opening = utterances[0] ? transitionIn(utterances[0].text) : null;
  const evidence = weightedEvidence(utterances);
  // "第2题" is an exercise when the chapter or the one before it is practice; "例2" and "第二问" are worked examples.
  const exercise = opening?.label && /题$/u.test(opening.label) && (evidence.practice > 0 || previous === 'practice');
  if (opening?.kind) return exercise ? 'practice' : opening.kind;
  if (isFirst && opensWithIntro(chapterCount)) return 'intro';
  const ranked = (Object.keys(evidence) as PartKind[])
    .filter((k) => k !== 'intro' && evidence[k] >= MIN_KIND_EVIDENCE)
    .sort((a, b) => evidence[b] - evidence[a]);
  return ranked[0] ?? 'concept';
}

/** Chapter views of one video, in time order; empty chapters are dropped. */
export function chapterViews(video: TranscriptVideo, chapters: readonly Chapter[]): ChapterView[] {
  const utterances = toUtterances([...video.cues].sort((a, b) => a.start - b.start || a.index - b.index));
  // Chapters from a model may overlap or overrun the video: clamp each to the video and after its predecessor.
  const spans: Chapter[] = [];
  for (const c of [...chapters].sort((a, b) => a.start - b.start)) {
    const start = Math.max(0, c.start, spans.at(-1)?.end ?? 0);
    const end = Math.min(video.durationSec, c.end);
    if (end > start) spans.push({ ...c, start, end });
  }
  const views: ChapterView[] = [];
  spans.forEach((c, index) => {
    const last = index === spans.length - 1;
    const said = utterancesIn(utterances, c.start, last ? Number.POSITIVE_INFINITY : c.end);
    const text = said.map((u) => u.text).join('');
    const opening = said[0] ? transitionIn(said[0].text) : null;
    views.push({
      videoId: video.id,
      file: video.file,
      index,
      start: c.start,
      end: c.end,
      title: c.title,
      utterances: said,
      text,
      kind: chapterKind(said, index === 0, spans.length, views[index - 1]?.kind ?? null),
      label: opening?.label ?? null,
      topTerms: topTermsOf(said),
    });
  });
  return views;
}
