import { type LessonRequest, type MaterialDigest, TeachingAnalysis } from '../../domain/index.js';
import { UNTRUSTED_MATERIAL_RULE } from '../../llm/untrusted.js';
import { defineStep } from '../../pipeline/step.js';
import {
  LinkedAnalysisResponse,
  lessonRequirements,
  linkObjectives,
  requirementsView,
  settleModelLinks,
} from '../../standards/objective-links.js';
import { citationChecker, filterSources } from '../shared/citations.js';
import { settleModelOrigins } from '../shared/origins.js';
import { keyTermsView, materialsView, requestView, structureView } from '../shared/prompt-views.js';
import { analyseOffline } from './offline.js';

interface AnalysisInput {
  request: LessonRequest;
  digest: MaterialDigest;
}

/** T2 教学分析 (text / process): 课标要求, 教材分析, 学情分析, objectives, 重点难点, each grounded in pages. */
export const analysisStep = defineStep<'T2', AnalysisInput, LinkedAnalysisResponse>({
  id: 'T2',
  stage: 'text',
  phase: 'process',
  title: '教学分析',
  summary:
    'Analyses the digest into 课标要求, 教材分析, 学情分析, measurable objectives, key and difficult points and misconceptions, each citing its pages.',
  needs: ['T1'],
  output: TeachingAnalysis,
  input: ({ request }, results) => ({ request, digest: results.T1! }),
  model: {
    prompt: 't2-analysis',
    schemaName: 'teaching_analysis',
    response: () => LinkedAnalysisResponse,
    view: ({ request, digest }) => ({
      ...requestView(request, digest.title),
      rule: UNTRUSTED_MATERIAL_RULE,
      keyTerms: keyTermsView(digest),
      structure: structureView(digest),
      materials: materialsView(digest),
      requirements: requirementsView(lessonRequirements(request, digest)),
    }),
    // A page the model made up must not reach the teacher as a citation, nor a paraphrase as the book's words.
    // 课标要求 are the retrieved items in the standard's words; an objective's item ids must name one of them.
    toOutput: (analysis, { request, digest }) =>
      settleModelLinks(
        settleModelOrigins(filterSources(analysis, citationChecker(digest, null)), digest),
        lessonRequirements(request, digest),
      ),
  },
  offline: ({ request, digest }) => linkObjectives(analyseOffline(request, digest)),
});
