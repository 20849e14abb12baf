import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { GROUP_ROLES, groupMembers, groups, users } from '../db/schema.js';

export type GroupRole = (typeof GROUP_ROLES)[number];
export { GROUP_ROLES };
export type GroupRow = typeof groups.$inferSelect;

/** 组长/主备, 组员, 观课 — the words a prep group uses for the three roles. */
export const GROUP_ROLE_NAMES: Record<GroupRole, string> = { lead: '主备/组长', teacher: '组员', observer: '观课员' };

export interface GroupInput {
  name: string;
  school: string;
  subject: string;
  gradeFrom: number;
  gradeTo: number;
}

/**
 * Prep groups 教研组 and who is in them with which role.
 *
 * @example
 * const group = await createGroup(db, { name: '三年级数学组', school: '城关小学', subject: '数学', gradeFrom: 3, gradeTo: 3 });
 * await setMember(db, group.id, teacher.id, 'teacher');
 */
export async function createGroup(db: Db, input: GroupInput): Promise<GroupRow> {
  return db
    .insert(groups)
    .values({ id: randomUUID(), ...input })
    .returning()
    .get();
}

export async function getGroup(db: Db, id: string): Promise<GroupRow | null> {
  return db.select().from(groups).where(eq(groups.id, id)).get() ?? null;
}

export async function findGroupByName(db: Db, name: string): Promise<GroupRow | null> {
  return db.select().from(groups).where(eq(groups.name, name)).get() ?? null;
}

export async function listGroups(db: Db): Promise<GroupRow[]> {
  return db.select().from(groups).orderBy(asc(groups.school), asc(groups.name)).all();
}

export async function updateGroup(db: Db, id: string, changes: Partial<GroupInput>): Promise<GroupRow | null> {
  return db.update(groups).set(changes).where(eq(groups.id, id)).returning().get() ?? null;
}

/** The groups a user is in, each with her role there. */
export async function groupsOfUser(db: Db, userId: string): Promise<(GroupRow & { role: GroupRole })[]> {
  return db
    .select({ group: groups, role: groupMembers.role })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groupMembers.userId, userId))
    .orderBy(asc(groups.name))
    .all()
    .map(({ group, role }) => ({ ...group, role }));
}

export async function membersOf(db: Db, groupId: string) {
  return db
    .select({ userId: users.id, username: users.username, displayName: users.displayName, role: groupMembers.role })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(users.username))
    .all();
}

export async function roleInGroup(db: Db, groupId: string, userId: string): Promise<GroupRole | null> {
  const row = db
    .select({ role: groupMembers.role })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
    .get();
  return row?.role ?? null;
}

/** Adds the user to the group, or changes her role there. */
export async function setMember(db: Db, groupId: string, userId: string, role: GroupRole): Promise<void> {
  db.insert(groupMembers)
    .values({ groupId, userId, role })
    .onConflictDoUpdate({ target: [groupMembers.groupId, groupMembers.userId], set: { role } })
    .run();
}

export async function removeMember(db: Db, groupId: string, userId: string): Promise<boolean> {
  return (
    db
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .run().changes > 0
  );
}
