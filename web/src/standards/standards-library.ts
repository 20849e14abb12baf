import type { components } from '../api/schema.js';
import { postForm } from '../api/upload.js';

export type SchoolStandard = components['schemas']['SchoolStandard'];
export type StandardUpload = components['schemas']['StandardUpload'];
export type StandardDetail = components['schemas']['StandardDetail'];
export type StandardEntry = StandardDetail['entries'][number];
export type StandardStage = SchoolStandard['stage'];

/** The 学段 tags the service takes, in school order; 义务教育 (the 2022 standards) covers 小学 and 初中. */
export const STAGES: readonly StandardStage[] = ['小学', '初中', '义务教育', '高中'];

/** What the file picker offers: the formats the service reads a 课标 from (PDF, Word, WPS, text). */
export const STANDARD_ACCEPT =
  '.pdf,.docx,.doc,.wps,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The parts of a standard in the order the standards themselves put them; `other` (前言, 课程性质 …) last. */
export const PART_ORDER: readonly StandardEntry['part'][] = ['goals', 'content', 'achievement', 'tips', 'quality', 'other'];

/**
 * The library grouped for the list: one group per subject and 学段, subjects
 * in the order they first appear (newest first), stages in school order.
 *
 * @example
 * groupStandards(list); // [{ subject: '数学', stage: '义务教育', standards: [...] }, …]
 */
export function groupStandards(list: readonly SchoolStandard[]) {
  const groups = new Map<string, { subject: string; stage: StandardStage; standards: SchoolStandard[] }>();
  const subjects = [...new Set(list.map((s) => s.subject))];
  const sorted = [...list].sort(
    (a, b) => subjects.indexOf(a.subject) - subjects.indexOf(b.subject) || STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage),
  );
  for (const standard of sorted) {
    const key = `${standard.subject}\u0000${standard.stage}`;
    const group = groups.get(key) ?? { subject: standard.subject, stage: standard.stage, standards: [] };
    group.standards.push(standard);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The item count as the list shows it: a scan still being recognised has none yet. */
export function itemsText(standard: Pick<SchoolStandard, 'items' | 'processing'>): string {
  if (standard.processing?.status === 'recognising') {
    return `正在识别 第 ${Math.min(standard.processing.pagesDone + 1, Math.max(1, standard.processing.pagesTotal))} / ${standard.processing.pagesTotal} 页`;
  }
  if (standard.processing?.status === 'failed') return '识别失败';
  return standard.items === null ? '未统计' : `${standard.items} 条`;
}

/** Where an entry is in the file: 第 23 页, or 第 5 节 for a text or Word file. */
export function entryPlace(page: number, unit: StandardDetail['pageUnit']): string {
  return `第 ${page} ${unit === 'slide' ? '张幻灯片' : unit === 'section' ? '节' : '页'}`;
}

/**
 * What removing a standard does, in sentences for the confirmation: plans
 * keep what they quoted (a plan stores the items' words and pages), later
 * runs of lessons of that subject and 学段 no longer get it.
 */
export function removalConsequences(detail: Pick<StandardDetail, 'citedBy' | 'subject' | 'stage'>): string[] {
  return [
    detail.citedBy > 0
      ? `有 ${detail.citedBy} 节课的教学设计引用了这份课标。这些已生成的教学设计保持不变：课标要求的原文和页码、教学目标的「对应课标」都保留，只是点引用处不能再打开这份课标的原文页。`
      : '目前没有教学设计引用这份课标。',
    `之后生成${detail.subject}（${detail.stage}）的课时，没有自己上传课标的课不再使用它；课标库中没有其他对应课标时，“课标要求”一节会标为待教师补充。`,
  ];
}

export interface StandardUploadHandle {
  /** Resolves with the standard and what was read from the file (201 added, 200 already there); rejects with an `ApiProblem`. */
  result: Promise<{ standard: StandardUpload; added: boolean }>;
  abort(): void;
}

/**
 * Sends one 课标 file to the library with its subject and 学段, with upload
 * progress (fetch cannot report it, so XMLHttpRequest), typed from the
 * generated schema like every other call.
 *
 * @example
 * const { standard, added } = await uploadStandard(file, { subject: '语文', stage: '高中' }, (f) => (sent.value = f)).result;
 */
export function uploadStandard(
  file: File,
  tags: { subject: string; stage: StandardStage },
  onProgress: (fraction: number) => void,
): StandardUploadHandle {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('subject', tags.subject);
  form.append('stage', tags.stage);
  const sent = postForm('/api/standards', form, onProgress);
  return {
    result: sent.result.then(({ status, body }) => ({ standard: body as StandardUpload, added: status === 201 })),
    abort: sent.abort,
  };
}
