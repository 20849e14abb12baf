import type { LessonInput } from '../api/client.js';
import { LESSON_LIMITS } from './lesson-limits.js';

/** What the teacher types; every field a string, as the inputs hold it. */
export interface LessonDraft {
  title: string;
  subject: string;
  grade: string;
  edition: string;
  periodMinutes: string;
  classProfile: string;
  /** The prep group (教研组) that shares the lesson; '' keeps it to herself. */
  groupId: string;
}

export type LessonErrors = Partial<Record<keyof LessonDraft, string>>;

export const emptyDraft = (): LessonDraft => ({
  title: '',
  subject: '',
  grade: '',
  edition: '',
  periodMinutes: '',
  classProfile: '',
  groupId: '',
});

/** 小学 40 minutes, 初中/高中 45: what the service uses when 课时 is left empty. */
export function defaultPeriod(grade: number): number {
  return grade <= 6 ? 40 : 45;
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** Errors by field, in Chinese; an empty object means the draft can be saved. */
export function validateLesson(draft: LessonDraft): LessonErrors {
  const errors: LessonErrors = {};
  const title = draft.title.trim();
  if (!title) errors.title = '请填写课题，例如“长方形和正方形的周长”';
  else if (title.length > LESSON_LIMITS.title.max) errors.title = `课题最多 ${LESSON_LIMITS.title.max} 个字`;

  const subject = draft.subject.trim();
  if (!subject) errors.subject = '请选择或填写学科';
  else if (subject.length > LESSON_LIMITS.subject.max) errors.subject = `学科最多 ${LESSON_LIMITS.subject.max} 个字`;

  if (!draft.grade) errors.grade = '请选择年级';

  if (draft.edition.trim().length > LESSON_LIMITS.edition.max) errors.edition = `版本最多 ${LESSON_LIMITS.edition.max} 个字`;

  if (draft.periodMinutes.trim()) {
    const minutes = wholeNumber(draft.periodMinutes);
    const { min, max } = LESSON_LIMITS.periodMinutes;
    if (!(minutes >= min && minutes <= max)) errors.periodMinutes = `课时请填 ${min} 到 ${max} 之间的整数分钟，或留空用默认值`;
  }

  if (draft.classProfile.length > LESSON_LIMITS.classProfile.max) {
    errors.classProfile = `学情最多 ${LESSON_LIMITS.classProfile.max} 个字，现在 ${draft.classProfile.length} 个字`;
  }
  return errors;
}

/** The request body for a valid draft; empty optional fields are left out. */
export function lessonInput(draft: LessonDraft): LessonInput {
  const optional = (text: string) => (text.trim() ? text.trim() : null);
  return {
    title: draft.title.trim(),
    subject: draft.subject.trim(),
    grade: Number(draft.grade),
    edition: optional(draft.edition),
    periodMinutes: draft.periodMinutes.trim() ? wholeNumber(draft.periodMinutes) : null,
    classProfile: optional(draft.classProfile),
    groupId: draft.groupId || null,
  };
}
