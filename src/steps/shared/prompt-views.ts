import {
  defaultPeriodMinutes,
  formatClock,
  formatPlace,
  gradeLabel,
  type LessonPlan,
  type LessonRequest,
  MATERIAL_KIND_LABEL,
  type MaterialDigest,
  schoolStage,
  type TextBlock,
  type Video,
  type VideoChapters,
} from '../../domain/index.js';
import { fence } from '../../llm/untrusted.js';
import { standardItemsFor } from '../../standards/retrieve.js';
import { termOverlap } from '../../text/keywords.js';

/** How much material text one prompt carries: enough for a lesson, small enough for any 32k-context model. */
export const MATERIAL_CHAR_BUDGET = 24_000;

const KIND_ORDER = ['textbook', 'teacherGuide', 'curriculumStandard', 'reference', 'other'] as const;

/**
 * The 课题 line of a prompt. Only a 课题 the teacher typed is trusted; one
 * taken from the material (its first lesson heading) is material text and
 * stays inside a fence; a file name (T1's last resort) is not a 课题 at all,
 * so the model is asked to name the lesson from the material instead.
 */
function titleView(title: TextBlock): string {
  if (title.origin === 'teacher') return title.text;
  if (title.origin === 'material') return `（教师未填写，以下为从材料中识别的课题）\n${fence('材料中识别的课题', title.text)}`;
  return '（教师未填写，材料中也没有识别出课题：请依据材料确定本课课题，不要使用文件名）';
}

/** The lesson context every prompt shows, as plain strings (so a missing one is caught by the prompt renderer). */
export function requestView(request: LessonRequest, title: TextBlock) {
  return {
    title: titleView(title),
    subject: request.subject,
    grade: `${schoolStage(request.grade)}${gradeLabel(request.grade)}`,
    periodMinutes: String(request.periodMinutes ?? defaultPeriodMinutes(request.grade)),
    edition: request.edition ?? '未注明',
    classProfile: request.classProfile ?? '教师未提供学情信息',
  };
}

/**
 * The materials' readable pages, each fenced as untrusted data and labelled
 * with file and page so the model can cite them. Textbook pages go first; a
 * long curriculum standard contributes only the pages of its requirements for
 * this lesson, because sending all 66 pages would crowd out the textbook.
 */
export function materialsView(digest: MaterialDigest, budget = MATERIAL_CHAR_BUDGET): string {
  const files = [...digest.files].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const topic = digest.keyTerms.join(' ');
  const blocks: string[] = [];
  let used = 0;
  for (const file of files) {
    let pages = file.pages.filter((page) => page.quality === 'good' && page.text.trim());
    if (file.kind === 'curriculumStandard' && pages.length > 4) {
      // The pages of its requirements for this lesson (课标 retrieval), else the pages sharing its key terms.
      const found = [
        ...new Set(standardItemsFor({ ...digest, files: [file] }, { query: topic, grade: null, limit: 8 }).map((e) => e.page)),
      ];
      pages = (
        found.length > 0
          ? pages.filter((page) => found.slice(0, 4).includes(page.page))
          : pages
              .map((page) => ({ page, score: termOverlap(page.text, topic) }))
              .filter(({ score }) => score > 0)
              .sort((a, b) => b.score - a.score || a.page.page - b.page.page)
              .slice(0, 4)
              .map(({ page }) => page)
      ).sort((a, b) => a.page - b.page);
    }
    for (const page of pages) {
      const block = fence(`${file.name} ${formatPlace(file.pageUnit, [page.page])}（${MATERIAL_KIND_LABEL[file.kind]}）`, page.text);
      if (used + block.length > budget) return [...blocks, '（其余材料因篇幅限制未列出）'].join('\n\n');
      blocks.push(block);
      used += block.length;
    }
  }
  return blocks.join('\n\n');
}

/** The detected structure, compactly, so the model sees headings and exercises with their pages; fenced, since it is material text. */
export function structureView(digest: MaterialDigest): string {
  return fence(
    '自动识别的材料结构（JSON）',
    JSON.stringify(
      digest.files.map((file) => ({
        file: file.name,
        kind: file.kind,
        lessons: file.structure.lessons,
        sections: file.structure.sections.slice(0, 30),
        statedObjectives: file.structure.statedObjectives,
        exercises: file.structure.exercises.slice(0, 30),
        vocabulary: file.structure.vocabulary.slice(0, 40),
        statedKeyPoints: file.structure.statedKeyPoints,
        statedDifficultPoints: file.structure.statedDifficultPoints,
      })),
    ),
  );
}

/** The digest's key terms, fenced: they are words taken from the materials. */
export function keyTermsView(digest: MaterialDigest): string {
  return fence('材料中的关键词', digest.keyTerms.join('、'));
}

/**
 * The lesson videos as T3 sees them: each video's id, duration and whether it
 * has a link, and its chapters with their times, so the plan can say which
 * clip each 环节 plays. Fenced: titles and chapter summaries come from the
 * teacher's files (a subtitle file's name, its words).
 */
export function videosView(videos: readonly Video[], chapters: VideoChapters | null): string {
  if (videos.length === 0) return '无（本课没有平台课程视频，每个环节的 clip 都填 null）';
  const lines = videos.flatMap((video) => [
    `${video.id}《${video.title}》时长 ${Math.floor(video.durationSec)} 秒（${formatClock(video.durationSec)}）${video.url ? '' : '，没有在线地址'}`,
    ...(chapters?.videos.find((v) => v.videoId === video.id)?.chapters ?? []).map(
      (c) => `  ${c.start}–${c.end} 秒（${formatClock(c.start)}–${formatClock(c.end)}）${c.title}：${c.summary}`,
    ),
  ]);
  return fence('平台课程视频与章节', lines.join('\n'));
}

/** The texts the class studies, as the plan prints them on its sheets (the poem, the passage, the dialogue), each once. */
export function studiedPassages(plan: LessonPlan): string[] {
  const texts = Object.values(plan.sheets).flatMap((sheet) => sheet.items.map((item) => item.passage?.text.trim() ?? ''));
  return [...new Set(texts.filter((text) => text.length > 0))];
}

/** The studied texts for a prompt, so the deck can show them word for word; fenced, since they are the material's words. */
export function passagesView(plan: LessonPlan): string {
  const passages = studiedPassages(plan);
  return passages.length > 0 ? fence('本课学习的文本', passages.join('\n\n')) : '无';
}

type ProcessStep = LessonPlan['process'][number];

/**
 * The plan's 教学过程 as a step's prompt shows it: each 环节's id, role, name, minutes and teacher activity, plus
 * what that step needs besides (C2 the students' activity, V3 the clip the plan names).
 */
export function processView(plan: LessonPlan, more: (step: ProcessStep) => Record<string, unknown>): string {
  const steps = plan.process.map((step) => ({
    id: step.id,
    role: step.role,
    name: step.name,
    minutes: step.minutes,
    teacherActivity: step.teacherActivity.text,
    ...more(step),
  }));
  return fence('教学过程（JSON）', JSON.stringify(steps));
}
