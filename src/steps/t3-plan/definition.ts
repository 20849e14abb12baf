import {
  defaultPeriodMinutes,
  designIssues,
  LessonDesign,
  LessonPlan,
  type LessonRequest,
  type MaterialDigest,
  type TeachingAnalysis,
} from '../../domain/index.js';
import { UNTRUSTED_MATERIAL_RULE } from '../../llm/untrusted.js';
import { defineStep } from '../../pipeline/step.js';
import { citationChecker, filterSources } from '../shared/citations.js';
import { settleModelOrigins } from '../shared/origins.js';
import { materialsView, requestView, structureView } from '../shared/prompt-views.js';
import { assemblePlan, designOffline } from './offline.js';

interface PlanInput {
  request: LessonRequest;
  digest: MaterialDigest;
  analysis: TeachingAnalysis;
  videoTitles: string[];
}

/** The design a model must return for this lesson: minutes add up, objective ids exist, every check names an objective. */
function designFor({ request, analysis }: PlanInput) {
  const period = request.periodMinutes ?? defaultPeriodMinutes(request.grade);
  const ids = new Set(analysis.objectives.map((o) => o.id));
  return LessonDesign.superRefine((design, ctx) => {
    for (const { path, message } of designIssues(design)) ctx.addIssue({ code: 'custom', path, message });
    const total = design.process.reduce((sum, step) => sum + step.minutes, 0);
    if (total !== period)
      ctx.addIssue({ code: 'custom', path: ['process'], message: `各环节分钟数之和为 ${total}，必须等于课时 ${period}` });
    design.process.forEach((step, i) => {
      for (const id of step.objectiveIds)
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['process', i, 'objectiveIds'], message: `没有教学目标 ${id}` });
    });
    design.sheets.masteryCheck.items.forEach((item, i) => {
      if (item.objectiveIds.length === 0 || item.objectiveIds.some((id) => !ids.has(id))) {
        ctx.addIssue({
          code: 'custom',
          path: ['sheets', 'masteryCheck', 'items', i, 'objectiveIds'],
          message: `须填写存在的教学目标编号：${[...ids].join(', ')}`,
        });
      }
      if (!item.answer)
        ctx.addIssue({ code: 'custom', path: ['sheets', 'masteryCheck', 'items', i, 'answer'], message: '达标检测题必须有答案' });
    });
    for (const id of ids) {
      if (!design.sheets.masteryCheck.items.some((item) => item.objectiveIds.includes(id))) {
        ctx.addIssue({ code: 'custom', path: ['sheets', 'masteryCheck'], message: `教学目标 ${id} 没有对应的达标检测题` });
      }
    }
  });
}

/** T3 教学设计 (text / output): the lesson plan and the three sheets (一案三单). */
export const planStep = defineStep<'T3', PlanInput, LessonDesign>({
  id: 'T3',
  stage: 'text',
  phase: 'output',
  title: '教学设计',
  summary:
    'Designs the lesson on the analysis: 教学过程 with minutes adding up to the period, 板书, 分层作业 and the three sheets (预学单, 探究单, 达标检测单).',
  needs: ['T1', 'T2'],
  output: LessonPlan,
  input: ({ request, videos }, results) => ({
    request,
    digest: results.T1!,
    analysis: results.T2!,
    videoTitles: videos.map((v) => v.title ?? v.name),
  }),
  model: {
    prompt: 't3-plan',
    schemaName: 'lesson_design',
    response: designFor,
    view: ({ request, digest, analysis, videoTitles }) => ({
      ...requestView(request, digest.title),
      rule: UNTRUSTED_MATERIAL_RULE,
      analysis: JSON.stringify(analysis),
      objectiveIds: analysis.objectives.map((o) => o.id).join(', '),
      videos: videoTitles.length > 0 ? videoTitles.join('；') : '无',
      structure: structureView(digest),
      materials: materialsView(digest),
    }),
    toOutput: (design, { request, digest, analysis }, tools) =>
      assemblePlan(
        request,
        digest,
        analysis,
        settleModelOrigins(filterSources(design, citationChecker(digest, null)), digest),
        tools.provenance(),
      ),
  },
  offline: ({ request, digest, analysis, videoTitles }, tools) =>
    assemblePlan(request, digest, analysis, designOffline(request, digest, analysis, videoTitles), tools.provenance()),
});
