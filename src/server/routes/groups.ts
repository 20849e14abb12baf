import { createRoute, z } from '@hono/zod-openapi';
import {
  createGroup,
  getGroup,
  groupsOfUser,
  listGroups,
  membersOf,
  removeMember,
  roleInGroup,
  setMember,
  updateGroup,
} from '../../accounts/groups.js';
import { getUser, LOCAL_USER_ID } from '../../accounts/users.js';
import { Group, GroupDetail, GroupInput, GroupPatch, MemberInput, MemberParams, MyGroup } from '../account-schemas.js';
import { type App, currentUser, requireAdmin } from '../auth.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, jsonResponse as json, jsonRequest } from '../schemas.js';

/** Prep groups 教研组: admins make them and set who is in them; members see their group and its people. */
export function groupRoutes(app: App, ctx: ServiceContext): void {
  const { db } = ctx;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/groups',
      tags: ['groups'],
      summary: 'The groups one is in, with one’s role; an admin sees every group',
      responses: { 200: json(z.array(z.union([MyGroup, Group])), 'Groups'), 401: error('Not signed in') },
    }),
    async (c) => {
      const user = currentUser(c);
      return c.json(user.admin ? await listGroups(db) : await groupsOfUser(db, user.id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/groups',
      tags: ['groups'],
      summary: 'Create a prep group: school, subject, grade band (admin only)',
      request: { body: jsonRequest(GroupInput) },
      responses: { 201: json(Group, 'The group'), 400: error('Invalid body'), 401: error('Not signed in'), 403: error('Not an admin') },
    }),
    async (c) => {
      requireAdmin(c);
      return c.json(await createGroup(db, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/groups/{id}',
      tags: ['groups'],
      summary: 'A group and its members (members and admins)',
      request: { params: IdParam },
      responses: { 200: json(GroupDetail, 'The group'), 401: error('Not signed in'), 404: error('No such group, or not one’s own') },
    }),
    async (c) => {
      const user = currentUser(c);
      const { id } = c.req.valid('param');
      const group = await getGroup(db, id);
      if (!group || (!user.admin && !(await roleInGroup(db, id, user.id)))) throw notFound('教研组', id);
      return c.json({ ...group, members: await membersOf(db, id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/groups/{id}',
      tags: ['groups'],
      summary: 'Rename a group or change its school, subject or grades (admin only)',
      request: { params: IdParam, body: jsonRequest(GroupPatch) },
      responses: {
        200: json(Group, 'The group'),
        400: error('Invalid body'),
        401: error('Not signed in'),
        403: error('Not an admin'),
        404: error('No such group'),
      },
    }),
    async (c) => {
      requireAdmin(c);
      const { id } = c.req.valid('param');
      const group = await getGroup(db, id);
      if (!group) throw notFound('教研组', id);
      const next = { ...group, ...c.req.valid('json') };
      if (next.gradeFrom > next.gradeTo) throw new ApiError(400, 'invalid-request', '起始年级不能高于结束年级');
      return c.json((await updateGroup(db, id, c.req.valid('json')))!, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/groups/{id}/members/{userId}',
      tags: ['groups'],
      summary: 'Add a user to the group or change her role: lead, teacher or observer (admin only)',
      request: { params: MemberParams, body: jsonRequest(MemberInput) },
      responses: {
        200: json(GroupDetail, 'The group with its members'),
        400: error('Invalid body'),
        401: error('Not signed in'),
        403: error('Not an admin'),
        404: error('No such group or user'),
      },
    }),
    async (c) => {
      requireAdmin(c);
      const { id, userId } = c.req.valid('param');
      const group = await getGroup(db, id);
      if (!group) throw notFound('教研组', id);
      if (userId === LOCAL_USER_ID || !(await getUser(db, userId))) throw notFound('用户', userId);
      await setMember(db, id, userId, c.req.valid('json').role);
      return c.json({ ...group, members: await membersOf(db, id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/groups/{id}/members/{userId}',
      tags: ['groups'],
      summary: 'Take a user out of the group (admin only); her own lessons stay hers',
      request: { params: MemberParams },
      responses: { 204: { description: 'Removed' }, 401: error('Not signed in'), 403: error('Not an admin'), 404: error('Not a member') },
    }),
    async (c) => {
      requireAdmin(c);
      const { id, userId } = c.req.valid('param');
      if (!(await removeMember(db, id, userId))) throw notFound('组员', userId);
      return c.body(null, 204);
    },
  );
}
