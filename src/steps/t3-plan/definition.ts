import {
  defaultPeriodMinutes,
  designIssues,
  LessonDesign,
  LessonPlan,
  type LessonRequest,
  type MaterialDigest,
  STEP_ROLE_LABEL,
  sheetItems,
  type TeachingAnalysis,
  type Video,
  type VideoChapters,
} from '../../domain/index.js';
import { fence, UNTRUSTED_MATERIAL_RULE } from '../../llm/untrusted.js';
import { defineStep } from '../../pipeline/step.js';
import { citationChecker, filterSources } from '../shared/citations.js';
import { settleModelOrigins } from '../shared/origins.js';
import { materialsView, requestView, structureView, videosView } from '../shared/prompt-views.js';
import { subjectProfile } from '../shared/subjects.js';
import { assemblePlan, designOffline } from './offline.js';

interface PlanInput {
  request: LessonRequest;
  digest: MaterialDigest;
  analysis: TeachingAnalysis;
  videoTitles: string[];
  /** The lesson videos (V1) and their chapters (V2), so each 环节 can name the clip it plays; empty without videos. */
  videos: Video[];
  chapters: VideoChapters | null;
  /** The names of the teacher's files: never a 课题. */
  fileNames: string[];
}

/** A sheet is paper: it shows no picture, so "如图" must become words. */
const FIGURE_REFERENCE = /如图|看图|下图|上图|(?<![地导])图中|观察图/u;
/** An item that asks to fill in or read a table must print that table. */
const TABLE_REFERENCE = /表格|下表|上表|(?<!代)表中|填表/u;

const stem = (name: string) => name.replace(/\.[^.]+$/u, '');

/**
 * The design a model must return for this lesson. Beyond its shape: minutes add
 * up to the period, objective ids exist, every check names an objective and has
 * a key, a clip lies inside a real video, the 课题 is not a file name, and the
 * sheets are self-contained on paper (a table it mentions is printed, a figure is
 * told in words, the text read in a `reading` step is printed on the 探究单).
 */
function designFor({ request, analysis, videos, fileNames }: PlanInput) {
  const period = request.periodMinutes ?? defaultPeriodMinutes(request.grade);
  const ids = new Set(analysis.objectives.map((o) => o.id));
  const names = new Set(fileNames.flatMap((name) => [name, stem(name)]));
  return LessonDesign.superRefine((design, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    for (const { path, message } of designIssues(design)) issue(path, message);
    if (names.has(design.title.text.trim()) || names.has(stem(design.title.text.trim())))
      issue(['title', 'text'], `“${design.title.text}”是文件名，不是课题：请依据材料写出本课课题`);
    const total = design.process.reduce((sum, step) => sum + step.minutes, 0);
    if (total !== period) issue(['process'], `各环节分钟数之和为 ${total}，必须等于课时 ${period}`);
    design.process.forEach((step, i) => {
      for (const id of step.objectiveIds) if (!ids.has(id)) issue(['process', i, 'objectiveIds'], `没有教学目标 ${id}`);
      if (!step.clip) return;
      const video = videos.find((v) => v.id === step.clip?.videoId);
      if (!video)
        issue(
          ['process', i, 'clip'],
          videos.length === 0
            ? '本课没有视频，clip 须为 null'
            : `没有视频 ${step.clip.videoId}；视频编号为 ${videos.map((v) => v.id).join(', ')}`,
        );
      else if (step.clip.end > video.durationSec + 1)
        issue(['process', i, 'clip', 'end'], `超出视频 ${video.id} 的时长 ${Math.floor(video.durationSec)} 秒`);
    });
    design.sheets.masteryCheck.items.forEach((item, i) => {
      if (item.objectiveIds.length === 0 || item.objectiveIds.some((id) => !ids.has(id)))
        issue(['sheets', 'masteryCheck', 'items', i, 'objectiveIds'], `须填写存在的教学目标编号：${[...ids].join(', ')}`);
      if (!item.answer) issue(['sheets', 'masteryCheck', 'items', i, 'answer'], '达标检测题必须有答案');
    });
    for (const id of ids) {
      if (!design.sheets.masteryCheck.items.some((item) => item.objectiveIds.includes(id)))
        issue(['sheets', 'masteryCheck'], `教学目标 ${id} 没有对应的达标检测题`);
    }
    for (const { key, index, item } of sheetItems(design.sheets)) {
      const path = ['sheets', key, 'items', index];
      if (FIGURE_REFERENCE.test(item.prompt.text))
        issue([...path, 'prompt'], '学习单上不印图：请用文字写出图中的内容（数据、图形、场景），不要写“如图”“看图”');
      if (TABLE_REFERENCE.test(item.prompt.text) && !item.table)
        issue([...path, 'table'], '题目提到表格却没有给出：请在 table 中写出表头和各行（留空的格子由学生填写）');
    }
    if (design.process.some((step) => step.role === 'reading') && !design.sheets.exploration.items.some((item) => item.passage))
      issue(['sheets', 'exploration'], '有诵读环节（role 为 reading）：探究单须在 passage 中印出所学的文本（诗、文段或对话）');
  });
}

/** T3 教学设计 (text / output): the lesson plan and the three sheets (一案三单). */
export const planStep = defineStep<'T3', PlanInput, LessonDesign>({
  id: 'T3',
  stage: 'text',
  phase: 'output',
  title: '教学设计',
  summary:
    'Designs the lesson on the analysis: 教学过程 with minutes adding up to the period and the video clip each 环节 plays, 板书, 分层作业 and the three sheets (预学单, 探究单, 达标检测单).',
  needs: ['T1', 'T2', 'V1', 'V2'],
  output: LessonPlan,
  input: ({ request, videos, materials }, results) => ({
    request,
    digest: results.T1!,
    analysis: results.T2!,
    videoTitles: videos.map((v) => v.title ?? v.name),
    videos: results.V1?.videos.map(({ id, title, url, durationSec }) => ({ id, title, url, durationSec })) ?? [],
    chapters: results.V2 ?? null,
    fileNames: [...materials.map((m) => m.name), ...videos.map((v) => v.name)],
  }),
  model: {
    prompt: 't3-plan',
    schemaName: 'lesson_design',
    response: designFor,
    view: ({ request, digest, analysis, videos, chapters }) => ({
      ...requestView(request, digest.title),
      rule: UNTRUSTED_MATERIAL_RULE,
      processPattern: subjectProfile(request.subject).processPattern,
      roles: Object.entries(STEP_ROLE_LABEL)
        .map(([role, label]) => `${role}（${label}）`)
        .join('、'),
      analysis: fence('教学分析（已定稿，JSON）', JSON.stringify(analysis)),
      objectiveIds: analysis.objectives.map((o) => o.id).join(', '),
      videos: videosView(videos, chapters),
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
