import { createRoute, z } from '@hono/zod-openapi';
import { hashPassword } from '../../accounts/passwords.js';
import { closeUserSessions, deleteUserApiTokens } from '../../accounts/sessions.js';
import {
  countActiveAdmins,
  createUser,
  findUserByUsername,
  getUser,
  LOCAL_USER_ID,
  listUsers,
  updateUser,
  userView,
} from '../../accounts/users.js';
import { NewUser, User, UserPatch } from '../account-schemas.js';
import { type App, requireAdmin } from '../auth.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, jsonResponse as json, jsonRequest } from '../schemas.js';

/** Users, managed by admins: create, list, rename, reset a password, grant or take admin, disable. */
export function userRoutes(app: App, ctx: ServiceContext): void {
  const { db } = ctx;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/users',
      tags: ['users'],
      summary: 'Every user (admin only)',
      responses: { 200: json(z.array(User), 'Users'), 401: error('Not signed in'), 403: error('Not an admin') },
    }),
    async (c) => {
      requireAdmin(c);
      return c.json((await listUsers(db)).map(userView), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/users',
      tags: ['users'],
      summary: 'Create a user with a first password (admin only)',
      request: { body: jsonRequest(NewUser) },
      responses: {
        201: json(User, 'The new user'),
        400: error('Invalid body'),
        401: error('Not signed in'),
        403: error('Not an admin'),
        409: error('The sign-in name is taken'),
      },
    }),
    async (c) => {
      requireAdmin(c);
      const input = c.req.valid('json');
      if (await findUserByUsername(db, input.username)) throw new ApiError(409, 'username-taken', `登录名 ${input.username} 已被使用`);
      const user = await createUser(db, {
        username: input.username,
        displayName: input.displayName,
        admin: input.admin,
        passwordHash: await hashPassword(input.password),
      });
      return c.json(userView(user), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/users/{id}',
      tags: ['users'],
      summary:
        'Rename, reset the password, grant or take admin, disable or enable (admin only); a reset or disable signs the user out everywhere',
      request: { params: IdParam, body: jsonRequest(UserPatch) },
      responses: {
        200: json(User, 'The user'),
        400: error('Invalid body'),
        401: error('Not signed in'),
        403: error('Not an admin'),
        404: error('No such user'),
        409: error('Would leave no admin'),
      },
    }),
    async (c) => {
      requireAdmin(c);
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const user = id === LOCAL_USER_ID ? null : await getUser(db, id);
      if (!user) throw notFound('用户', id);
      const losesAdmin = user.admin && !user.disabled && (patch.admin === false || patch.disabled === true);
      if (losesAdmin && (await countActiveAdmins(db)) <= 1)
        throw new ApiError(409, 'last-admin', '这是最后一位管理员，不能取消其管理员身份或停用');
      const changed = await updateUser(db, id, {
        displayName: patch.displayName,
        admin: patch.admin,
        disabled: patch.disabled,
        passwordHash: patch.password ? await hashPassword(patch.password) : undefined,
      });
      if (patch.password || patch.disabled) await closeUserSessions(db, id);
      if (patch.disabled) await deleteUserApiTokens(db, id);
      return c.json(userView(changed!), 200);
    },
  );
}
