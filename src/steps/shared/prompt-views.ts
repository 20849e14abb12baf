import {
  defaultPeriodMinutes,
  gradeLabel,
  type LessonRequest,
  MATERIAL_KIND_LABEL,
  type MaterialDigest,
  schoolStage,
  type TextBlock,
} from '../../domain/index.js';
import { fence } from '../../llm/untrusted.js';
import { termOverlap } from '../../text/keywords.js';

/** How much material text one prompt carries: enough for a lesson, small enough for any 32k-context model. */
export const MATERIAL_CHAR_BUDGET = 24_000;

const KIND_ORDER = ['textbook', 'teacherGuide', 'curriculumStandard', 'reference', 'other'] as const;

/**
 * The lesson context every prompt shows, as plain strings (so a missing one is
 * caught by the prompt renderer). Only a 课题 the teacher typed is trusted; one
 * taken from the material (its first heading, or a file name) is material
 * text and stays inside a fence.
 */
export function requestView(request: LessonRequest, title: TextBlock) {
  return {
    title: title.origin === 'teacher' ? title.text : `（教师未填写，以下为从材料中识别的课题）\n${fence('材料中识别的课题', title.text)}`,
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
 * long curriculum standard contributes only the pages that share the lesson's
 * key terms, because sending all 66 pages would crowd out the textbook.
 */
export function materialsView(digest: MaterialDigest, budget = MATERIAL_CHAR_BUDGET): string {
  const files = [...digest.files].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const topic = digest.keyTerms.join(' ');
  const blocks: string[] = [];
  let used = 0;
  for (const file of files) {
    let pages = file.pages.filter((page) => page.quality === 'good' && page.text.trim());
    if (file.kind === 'curriculumStandard' && pages.length > 4) {
      pages = pages
        .map((page) => ({ page, score: termOverlap(page.text, topic) }))
        .filter(({ score }) => score > 0)
        .sort((a, b) => b.score - a.score || a.page.page - b.page.page)
        .slice(0, 4)
        .map(({ page }) => page)
        .sort((a, b) => a.page - b.page);
    }
    for (const page of pages) {
      const unit = file.pageUnit === 'page' ? '页' : '段';
      const block = fence(`${file.name} 第 ${page.page} ${unit}（${MATERIAL_KIND_LABEL[file.kind]}）`, page.text);
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
