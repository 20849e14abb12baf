import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { comments, planVersions, users } from '../db/schema.js';
import type { Anchor } from './plan-parts.js';

export type CommentRow = typeof comments.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A comment with its author's and version's names, as the API shows it. */
export type CommentWithNames = CommentRow & { authorName: string; versionNumber: number };

export interface NewComment {
  lessonId: string;
  versionId: string;
  authorId: string;
  anchor: Anchor | null;
  quote: string | null;
  body: string;
  suggestion: string | null;
  parentId: string | null;
}

/**
 * Comments 研讨意见 on plan versions: threads anchored to a part, replies,
 * resolve/reopen, and the lead's decision on a suggestion.
 *
 * @example
 * const thread = await addComment(db, { lessonId, versionId, authorId, anchor: { part: 'step', id: 'S2', field: 'intent' },
 *   quote: '…', body: '设计意图没有写到学生', suggestion: '…', parentId: null });
 */
export async function addComment(db: Db, input: NewComment): Promise<CommentRow> {
  return db
    .insert(comments)
    .values({ id: randomUUID(), ...input, suggestionStatus: input.suggestion ? 'pending' : null })
    .returning()
    .get();
}

export async function getComment(db: Db, id: string): Promise<CommentRow | null> {
  return db.select().from(comments).where(eq(comments.id, id)).get() ?? null;
}

const named = () =>
  ({
    comment: comments,
    authorName: users.displayName,
    versionNumber: planVersions.number,
  }) as const;

function withNames(rows: { comment: CommentRow; authorName: string; versionNumber: number }[]): CommentWithNames[] {
  return rows.map(({ comment, authorName, versionNumber }) => ({ ...comment, authorName, versionNumber }));
}

/** One comment with its author's and version's names. */
export async function getNamedComment(db: Db, id: string): Promise<CommentWithNames | null> {
  const row = db
    .select(named())
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .innerJoin(planVersions, eq(planVersions.id, comments.versionId))
    .where(eq(comments.id, id))
    .get();
  return row ? withNames([row])[0]! : null;
}

/** The lesson's comments, threads and replies, oldest first; optionally only those made on one version, or only open threads with their replies. */
export async function listComments(
  db: Db,
  lessonId: string,
  filter: { versionId?: string; status?: 'open' | 'resolved' } = {},
): Promise<CommentWithNames[]> {
  const rows = withNames(
    db
      .select(named())
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .innerJoin(planVersions, eq(planVersions.id, comments.versionId))
      .where(eq(comments.lessonId, lessonId))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .all(),
  );
  const threads = rows.filter(
    (c) => c.parentId === null && (!filter.versionId || c.versionId === filter.versionId) && (!filter.status || c.status === filter.status),
  );
  const ids = new Set(threads.map((t) => t.id));
  return rows.filter((c) => ids.has(c.id) || (c.parentId !== null && ids.has(c.parentId)));
}

/** Threads made on this version or an earlier one that are still open: what the group has not settled at this version. */
export async function openThreadsUpTo(db: Db, lessonId: string, versionNumber: number): Promise<CommentWithNames[]> {
  return withNames(
    db
      .select(named())
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .innerJoin(planVersions, eq(planVersions.id, comments.versionId))
      .where(
        and(
          eq(comments.lessonId, lessonId),
          eq(comments.status, 'open'),
          isNull(comments.parentId),
          lte(planVersions.number, versionNumber),
        ),
      )
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .all(),
  );
}

export async function setThreadStatus(db: Db, id: string, status: 'open' | 'resolved', by: string, at: string): Promise<CommentRow> {
  return db
    .update(comments)
    .set(status === 'resolved' ? { status, resolvedBy: by, resolvedAt: at } : { status, resolvedBy: null, resolvedAt: null })
    .where(eq(comments.id, id))
    .returning()
    .get();
}

/**
 * Records the lead's decision on a suggestion and resolves the thread. Pass
 * the transaction of the version an acceptance makes, so both are stored or
 * neither.
 */
export function decideSuggestion(
  db: Db | Tx,
  id: string,
  decision: { status: 'accepted' | 'rejected'; by: string; at: string; appliedVersionId: string | null },
): CommentRow {
  return db
    .update(comments)
    .set({
      suggestionStatus: decision.status,
      decidedBy: decision.by,
      decidedAt: decision.at,
      appliedVersionId: decision.appliedVersionId,
      status: 'resolved',
      resolvedBy: decision.by,
      resolvedAt: decision.at,
    })
    .where(eq(comments.id, id))
    .returning()
    .get();
}

/**
 * Her own comment with new words (and, while the lead has not decided it, a
 * new suggestion), marked edited so readers know it changed after replies.
 */
export function editComment(db: Db, id: string, change: { body: string; suggestion?: string; at: string }): CommentRow {
  return db
    .update(comments)
    .set({ body: change.body, ...(change.suggestion === undefined ? {} : { suggestion: change.suggestion }), editedAt: change.at })
    .where(eq(comments.id, id))
    .returning()
    .get();
}

/** Deletes a reply, or a thread with all its replies, in one write. */
export function deleteComment(db: Db, id: string): void {
  db.transaction((tx) => {
    tx.delete(comments).where(eq(comments.parentId, id)).run();
    tx.delete(comments).where(eq(comments.id, id)).run();
  });
}

/** The authors of a thread's replies (to tell whether anyone else has answered it). */
export function replyAuthors(db: Db, threadId: string): Set<string> {
  const rows = db.select({ authorId: comments.authorId }).from(comments).where(eq(comments.parentId, threadId)).all();
  return new Set(rows.map((row) => row.authorId));
}
