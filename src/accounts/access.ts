import type { Db } from '../db/client.js';
import type { LessonRow } from '../lessons/lessons.js';
import { type GroupRole, roleInGroup } from './groups.js';

/** What someone is to a lesson: its owner (主备 of her own lesson), or her role in the lesson's group. */
export type LessonRole = 'owner' | GroupRole;

/**
 * What each role may do with a lesson. Seeing is everything that reads
 * (lesson, materials, runs, artifacts, plan, versions, diffs, exports,
 * comments). Admins are not in this table: they manage accounts and groups
 * and see a lesson only where they are its owner or in its group.
 */
export const LESSON_ACTIONS = {
  view: ['owner', 'lead', 'teacher', 'observer'],
  /** Comment, reply, resolve and reopen her own threads. */
  comment: ['owner', 'lead', 'teacher'],
  /** Change the lesson, its materials and its plan; start runs; accept or reject suggestions; label 初案/共案/终案; start a new cycle. */
  edit: ['owner', 'lead'],
  /** Delete the lesson or move it to another group. */
  own: ['owner'],
} as const satisfies Record<string, readonly LessonRole[]>;
export type LessonAction = keyof typeof LESSON_ACTIONS;

export const LESSON_ROLE_NAMES: Record<LessonRole, string> = {
  owner: '主备（本课所有者）',
  lead: '主备/组长',
  teacher: '组员',
  observer: '观课员',
};

/**
 * The user's role on the lesson, or null when she may not see it at all.
 *
 * @example
 * const role = await lessonRole(db, user.id, lesson);
 * if (!role) throw notFound('课程', lesson.id);   // never a 403 that confirms the lesson exists
 * if (!may(role, 'edit')) throw forbidden(role, 'edit');
 */
export async function lessonRole(db: Db, userId: string, lesson: Pick<LessonRow, 'ownerId' | 'groupId'>): Promise<LessonRole | null> {
  if (lesson.ownerId === userId) return 'owner';
  if (!lesson.groupId) return null;
  return roleInGroup(db, lesson.groupId, userId);
}

export function may(role: LessonRole, action: LessonAction): boolean {
  return (LESSON_ACTIONS[action] as readonly LessonRole[]).includes(role);
}
