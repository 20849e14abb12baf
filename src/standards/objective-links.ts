import { z } from 'zod';
import {
  block,
  type LessonRequest,
  type MaterialDigest,
  Objective,
  type StandardRequirement,
  TeachingAnalysis,
  TextBlock,
} from '../domain/index.js';
import { fence } from '../llm/untrusted.js';
import { clip } from '../text/segment.js';
import { StandardIndex } from './index.js';
import { standardItemsFor } from './retrieve.js';

/** A plan quotes this many 课标 items; more would crowd out the lesson. */
const REQUIREMENTS = 3;
/** An objective links to at most this many items: the ones it serves most directly. */
const LINKS_PER_OBJECTIVE = 2;
/** BM25 score of one shared word that only one item has (idf ≈ 1): below it the overlap is a word every item shares. */
const MIN_LINK_SCORE = 0.5;
/** A second link must be about as close as the first. */
const SECOND_LINK_RATIO = 0.5;

/**
 * What to look a lesson up by in its 课标: the title and the key terms its own
 * materials use. A key term only the standard uses (its headings weigh in key
 * terms too) would pull in the standard's other task groups.
 */
export function lessonStandardQuery(title: string, digest: MaterialDigest): string {
  const lessonText = digest.files
    .filter((file) => file.kind !== 'curriculumStandard')
    .flatMap((file) => file.pages.map((page) => page.text))
    .join('\n');
  return [title, ...digest.keyTerms.filter((term) => lessonText.includes(term)).slice(0, 8)].join(' ');
}

/**
 * The lesson's 课标要求: the items of its 课程标准 retrieved for it (content and
 * achievement requirements for its grade first), each quoted with its page and
 * numbered K1, K2 … so objectives can point at them. Empty when the materials
 * hold no standard with recognisable items.
 *
 * @example
 * lessonRequirements(request, digest)[0]; // { id: 'K1', text: '在语文学习过程中，…', origin: 'material', sources: [{ file: '课标.pdf', page: 15, … }] }
 */
export function lessonRequirements(request: LessonRequest, digest: MaterialDigest): StandardRequirement[] {
  const query = lessonStandardQuery(digest.title.text, digest);
  return standardItemsFor(digest, { query, grade: request.grade, limit: REQUIREMENTS }).map((found, i) => ({
    id: `K${i + 1}`,
    ...block.material(clip(found.text, 160), [{ file: found.file.name, page: found.page, at: null, quote: clip(found.text, 60) }]),
  }));
}

/**
 * Links each objective to the 课标要求 items it serves, by BM25 over the
 * items' words (the offline engine's way): an item is linked when it shares
 * words with the objective that the other items do not all share. An
 * objective with no such item links to none, rather than to a guess.
 *
 * @example
 * const linked = linkObjectives(analysis);
 * linked.objectives[0].standardIds; // ['K2']
 */
export function linkObjectives(analysis: TeachingAnalysis): TeachingAnalysis {
  const ids = analysis.standards.flatMap((requirement) => (requirement.id ? [requirement] : []));
  const index = new StandardIndex(
    ids.map((requirement, i) => ({
      index: i + 1,
      part: 'content' as const,
      path: [],
      stage: null,
      grades: null,
      page: requirement.sources[0]?.page ?? 1,
      text: requirement.text,
    })),
  );
  return {
    ...analysis,
    objectives: analysis.objectives.map((objective) => {
      const hits = index.search(objective.text, { limit: LINKS_PER_OBJECTIVE }).filter((hit) => hit.score >= MIN_LINK_SCORE);
      const best = hits[0]?.score ?? 0;
      const linked = hits.filter((hit) => hit.score >= best * SECOND_LINK_RATIO).map((hit) => ids[hit.item.index - 1]!.id!);
      return { ...objective, standardIds: linked };
    }),
  };
}

/**
 * What T2 asks a model for: the analysis, each objective naming the 课标 items
 * it serves. The ids are checked after the answer (`settleModelLinks`), not by
 * the schema: an answer without them, or with an id of no item, loses the
 * link, not the whole analysis.
 */
export const LinkedAnalysisResponse = TeachingAnalysis.extend({
  standards: z.array(TextBlock),
  objectives: z.array(Objective.extend({ standardIds: z.array(z.string()).optional() })).min(1),
});
export type LinkedAnalysisResponse = z.infer<typeof LinkedAnalysisResponse>;

/** The 课标 items as the model sees them: numbered, with page, fenced as the teacher's material. */
export function requirementsView(requirements: readonly StandardRequirement[]): string {
  if (requirements.length === 0) return '（材料中没有可检索的课标条目）';
  return requirements
    .map((requirement) =>
      fence(`${requirement.id} ${requirement.sources[0]?.file ?? ''} 第 ${requirement.sources[0]?.page ?? '?'} 页`, requirement.text),
    )
    .join('\n');
}

/**
 * A model's analysis settled against the retrieved items: 课标要求 are those
 * items as the standard words them (the model's paraphrase is not a quote),
 * and an objective keeps only the item ids that exist. Without retrieved items
 * the model's 课标要求 stay, and no objective links.
 *
 * @example
 * const settled = settleModelLinks(answer, lessonRequirements(request, digest));
 */
export function settleModelLinks(analysis: TeachingAnalysis, requirements: readonly StandardRequirement[]): TeachingAnalysis {
  const known = new Set(requirements.map((requirement) => requirement.id));
  return {
    ...analysis,
    standards: requirements.length > 0 ? [...requirements] : analysis.standards,
    objectives: analysis.objectives.map((objective) => ({
      ...objective,
      standardIds: [...new Set(objective.standardIds ?? [])].filter((id) => known.has(id)),
    })),
  };
}
