import type { components } from '../api/schema.js';

type Schemas = components['schemas'];
export type Thread = Schemas['Thread'];
export type Comment = Schemas['Comment'];
export type LessonRole = 'owner' | 'lead' | 'teacher' | 'observer';

/** Who is looking: the signed-in user and what she is to the lesson (the server's answer, never guessed). */
export interface Viewer {
  userId: string;
  role: LessonRole;
  /** She leads the lesson's 教研组 (her session lists her groups): she may delete any comment in it. */
  leadsGroup: boolean;
}

/**
 * What each role may do here, as the server's access table says (src/accounts/access.ts):
 * the page only decides what to offer; the server still refuses, and a 403 is shown as its sentence.
 */
export const mayComment = (role: LessonRole) => role !== 'observer';
export const mayEdit = (role: LessonRole) => role === 'owner' || role === 'lead';

/** Why she cannot do something, in one sentence, or null when she can. */
export function roleReason(role: LessonRole, action: 'comment' | 'edit'): string | null {
  if (action === 'comment' && !mayComment(role)) return '观课员可以查看研讨意见，不能发表评论。';
  if (action === 'edit' && !mayEdit(role)) return '只有本课的主备或组长可以采纳建议、设置版本标签和定稿。';
  return null;
}

/** An action on a thread: whether to show it, and why it cannot be done now (shown beside a disabled button). */
export interface Offer {
  shown: boolean;
  why: string | null;
}
const hidden: Offer = { shown: false, why: null };
const ready: Offer = { shown: true, why: null };

export interface ThreadOffers {
  reply: Offer;
  resolve: Offer;
  reopen: Offer;
  accept: Offer;
  reject: Offer;
}

/**
 * What she may do with a thread. `locked` is why the plan cannot take a new
 * version now (a 终案, a run under way), or null.
 *
 * @example
 * threadOffers(thread, { userId, role: 'lead' }, null).accept; // { shown: true, why: null }
 */
export function threadOffers(thread: Thread, viewer: Viewer, locked: string | null): ThreadOffers {
  const handles = thread.authorId === viewer.userId || mayEdit(viewer.role);
  const pending = thread.suggestionStatus === 'pending';
  const decide = pending && mayEdit(viewer.role) ? { shown: true, why: locked } : hidden;
  return {
    reply: mayComment(viewer.role) ? ready : hidden,
    resolve: handles && thread.status === 'open' && !pending ? ready : hidden,
    reopen: handles && thread.status === 'resolved' ? ready : hidden,
    accept: decide,
    reject: pending && mayEdit(viewer.role) ? ready : hidden,
  };
}

/** What she may do with one comment (a thread's first comment or a reply) as its author or the group's lead. */
export interface CommentOffers {
  edit: Offer;
  remove: Offer;
}

/**
 * Edit is for the author only, until the lead has decided its suggestion (then
 * it is part of the record). Delete is for the author while no one else has
 * replied to her thread, and for the group's lead; an accepted suggestion is
 * never deleted. The same rules as PATCH and DELETE /api/comments/{id}.
 *
 * @example
 * commentOffers(thread, thread.replies, { userId: thread.authorId, role: 'teacher', leadsGroup: false }).remove.shown; // true
 */
export function commentOffers(comment: Comment, replies: readonly Comment[], viewer: Viewer): CommentOffers {
  const mine = comment.authorId === viewer.userId;
  const decided = comment.suggestionStatus === 'accepted' || comment.suggestionStatus === 'rejected';
  const othersReplied = replies.some((r) => r.authorId !== viewer.userId);
  let remove: Offer = hidden;
  if (comment.suggestionStatus !== 'accepted' && (mine || viewer.leadsGroup)) {
    remove =
      mine && !viewer.leadsGroup && othersReplied
        ? { shown: true, why: '已有其他老师回复，不能删除；可以修改您的评论，或请组长删除。' }
        : ready;
  }
  return { edit: mine && !decided ? ready : hidden, remove };
}

/** Where a thread stands, as a badge: its words and its tone (the CSS badge class). */
export function threadStatus(
  thread: Thread,
  versionNumber: (id: string) => number | null,
): { text: string; tone: 'ok' | 'warn' | 'plain' | 'run' } {
  if (thread.suggestionStatus === 'pending') return { text: '修改建议待主备处理', tone: 'warn' };
  if (thread.suggestionStatus === 'accepted') {
    const n = thread.appliedVersionId ? versionNumber(thread.appliedVersionId) : null;
    return { text: n ? `建议已采纳（第 ${n} 版）` : '建议已采纳', tone: 'ok' };
  }
  if (thread.suggestionStatus === 'rejected')
    return { text: thread.status === 'open' ? '建议未采纳，已重新打开' : '建议未采纳', tone: 'plain' };
  return thread.status === 'open' ? { text: '讨论中', tone: 'run' } : { text: '已解决', tone: 'ok' };
}

/** The threads anchored to each part (key `part:id`), oldest first. */
export function threadsByPart(threads: readonly Thread[]): Map<string, Thread[]> {
  const map = new Map<string, Thread[]>();
  for (const thread of threads) {
    if (!thread.anchor) continue;
    const key = `${thread.anchor.part}:${thread.anchor.id}`;
    map.set(key, [...(map.get(key) ?? []), thread]);
  }
  return map;
}

/** Threads still open at a version: made on it or before and not resolved (what the server's open-items lists). */
export function openAt(threads: readonly Thread[], versionNumber: number): Thread[] {
  return threads.filter((t) => t.status === 'open' && t.versionNumber <= versionNumber);
}

/**
 * The list after one of the API's answers, without reading it all again: a
 * new thread goes last, a reply joins its thread, and a changed comment
 * (resolved, reopened, accepted, rejected) replaces its thread's fields and
 * keeps the replies.
 */
export function withThread(threads: readonly Thread[], thread: Thread): Thread[] {
  return [...threads.filter((t) => t.id !== thread.id), thread];
}

export function withReply(threads: readonly Thread[], reply: Comment): Thread[] {
  return threads.map((t) => (t.id === reply.parentId ? { ...t, replies: [...t.replies.filter((r) => r.id !== reply.id), reply] } : t));
}

export function withChange(threads: readonly Thread[], comment: Comment): Thread[] {
  return threads.map((t) => (t.id === comment.id ? { ...comment, replies: t.replies } : t));
}

/** The list after an edit of a thread's first comment or of a reply. */
export function withEdit(threads: readonly Thread[], comment: Comment): Thread[] {
  return comment.parentId ? withReply(threads, comment) : withChange(threads, comment);
}

/** The list without a deleted comment: a thread goes with its replies, a reply leaves its thread. */
export function without(threads: readonly Thread[], id: string): Thread[] {
  return threads
    .filter((t) => t.id !== id)
    .map((t) => (t.replies.some((r) => r.id === id) ? { ...t, replies: t.replies.filter((r) => r.id !== id) } : t));
}

/** Which of the part's fields a thread points at, as the reader sees it: 「设计意图」, or the part as a whole. */
export function anchorFieldLabel(thread: Thread, fieldLabel: (field: string) => string | null): string {
  const field = thread.anchor?.field;
  if (!field) return '整个部分';
  return fieldLabel(field) ?? field;
}
