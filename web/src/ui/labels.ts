import type { ExportFile, Lesson, MaterialKindValue, PlanVersionSummary, Run } from '../api/client.js';

/**
 * The Chinese words the screens use for the API's values. Each table is typed
 * by the generated schema, so a new value on the server is a type error here
 * until it has its word.
 */

/** 材料类型. `auto` is what the upload asks for when the teacher leaves the choice to the server. */
export const KIND_LABEL: Record<MaterialKindValue, string> = {
  auto: '自动识别',
  textbook: '教材',
  teacherGuide: '教参',
  curriculumStandard: '课标',
  reference: '参考资料',
  other: '其他',
  transcript: '视频字幕',
};

export function kindLabel(kind: string): string {
  return KIND_LABEL[kind as MaterialKindValue] ?? kind;
}

export const RUN_STATUS_LABEL: Record<Run['status'], string> = {
  queued: '排队中',
  running: '生成中',
  succeeded: '已完成',
  failed: '失败',
  cancelled: '已取消',
};

/** The labels of the 四轮闭环 (AI初稿 → 初案 → 共案 → 终案, 修订 between), typed by the generated schema. */
export const VERSION_LABEL: Record<PlanVersionSummary['label'], string> = {
  'ai-draft': 'AI初稿',
  initial: '初案',
  revision: '修订',
  shared: '共案',
  final: '终案',
};

export function versionLabel(label: string): string {
  return VERSION_LABEL[label as PlanVersionSummary['label']] ?? label;
}

export const EXPORT_LABEL: Record<ExportFile, { title: string; what: string }> = {
  'plan.docx': { title: '教学设计（Word）', what: '可直接打印或交教案' },
  'sheets.docx': { title: '三单（Word）', what: '预学单、探究单、达标检测单和教师答案' },
  'deck.pptx': { title: '课件（PPT）', what: '带讲稿的上课课件' },
  'video-outline.md': { title: '视频提纲', what: '哪段视频用在哪个环节' },
  'plan.md': { title: '教学设计（文本）', what: 'Markdown 纯文本，便于复制' },
};

/** Subjects offered in the form; any other is typed in. */
export const SUBJECTS = [
  '语文',
  '数学',
  '英语',
  '道德与法治',
  '科学',
  '物理',
  '化学',
  '生物',
  '历史',
  '地理',
  '思想政治',
  '信息技术',
  '音乐',
  '美术',
  '体育与健康',
];

const GRADE_NAMES = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 3 → 三年级, 8 → 八年级, 10 → 高一. */
export function gradeLabel(grade: number): string {
  if (grade >= 10) return `高${GRADE_NAMES[grade - 10]}`;
  return `${GRADE_NAMES[grade - 1] ?? grade}年级`;
}

export const EDITIONS = ['人教版', '北师大版', '苏教版', '部编版', '沪教版', '外研版', '湘教版', '粤教版'];

/** What the signed-in teacher is to a lesson. */
export const LESSON_ROLE_LABEL: Record<Lesson['role'], string> = {
  owner: '我的课',
  lead: '我是主备/组长',
  teacher: '组员',
  observer: '观课',
};
