import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { groupsOfUser } from '../../accounts/groups.js';
import { clearLoginFailures, loginBlockedFor, recordLoginFailure } from '../../accounts/login-limit.js';
import { hashPassword, verifyDecoy, verifyPassword } from '../../accounts/passwords.js';
import { csrfTokenOf } from '../../accounts/secrets.js';
import {
  type ApiTokenRow,
  closeSession,
  closeUserSessions,
  createApiToken,
  deleteApiToken,
  listApiTokens,
  openSession,
} from '../../accounts/sessions.js';
import {
  createFirstAdmin,
  findUserByUsername,
  hasAdmin,
  normaliseUsername,
  type UserRow,
  updateUser,
  userView,
} from '../../accounts/users.js';
import { ApiToken, ApiTokenInput, LoginInput, NewApiToken, PasswordChange, Session, SetupInput, SetupState } from '../account-schemas.js';
import { type App, type AppEnv, clearSessionCookie, clientAddress, currentUser, setSessionCookie } from '../auth.js';
import type { ServiceContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { errorResponse as error, IdParam, jsonResponse as json, jsonRequest } from '../schemas.js';

export const tokenView = ({ id, name, prefix, expiresAt, lastUsedAt, createdAt }: ApiTokenRow) => ({
  id,
  name,
  prefix,
  expiresAt,
  lastUsedAt,
  createdAt,
});

async function sessionBody(ctx: ServiceContext, user: UserRow, token: string | null, expiresAt: string | null) {
  return {
    user: userView(user),
    groups: await groupsOfUser(ctx.db, user.id),
    csrfToken: token ? csrfTokenOf(token) : null,
    expiresAt,
  };
}

async function signIn(c: Context<AppEnv>, ctx: ServiceContext, user: UserRow) {
  const { token, expiresAt } = await openSession(ctx.db, user.id, { now: ctx.clock(), ttlMs: ctx.auth.sessionTtlMs });
  setSessionCookie(c, ctx, token, expiresAt);
  return sessionBody(ctx, user, token, expiresAt);
}

/** First-start setup, sign-in and sign-out, the session, the user's own password and API tokens. */
export function authRoutes(app: App, ctx: ServiceContext): void {
  const { db } = ctx;

  // Public routes say `security: []`: every other route needs the session cookie or a bearer token (see `authenticate`).
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/setup',
      tags: ['accounts'],
      summary: 'Whether the first admin still has to be created (first start on an empty data directory)',
      security: [],
      responses: { 200: json(SetupState, 'Setup state') },
    }),
    async (c) => c.json({ needed: !(await hasAdmin(db)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/setup',
      tags: ['accounts'],
      summary: 'Create the first admin and sign in as her; refused once an admin exists',
      security: [],
      request: { body: jsonRequest(SetupInput) },
      responses: { 201: json(Session, 'The admin, signed in'), 400: error('Invalid body'), 409: error('An admin already exists') },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const refused = () => new ApiError(409, 'already-set-up', '已经有管理员了：请用管理员账号登录后添加用户');
      if (await hasAdmin(db)) throw refused();
      if (await findUserByUsername(db, input.username)) throw new ApiError(409, 'username-taken', `登录名 ${input.username} 已被使用`);
      const admin = await createFirstAdmin(db, { ...input, passwordHash: await hashPassword(input.password) });
      if (!admin) throw refused();
      ctx.logger.info('accounts.setup', { userId: admin.id });
      return c.json(await signIn(c, ctx, admin), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/login',
      tags: ['accounts'],
      summary: 'Sign in: sets an HttpOnly session cookie and returns the CSRF token for state-changing requests',
      security: [],
      request: { body: jsonRequest(LoginInput) },
      responses: {
        200: json(Session, 'Signed in'),
        400: error('Invalid body'),
        401: error('Wrong name or password'),
        429: error('Too many wrong passwords: wait (Retry-After seconds)'),
      },
    }),
    async (c) => {
      const { username: given, password } = c.req.valid('json');
      const now = ctx.clock();
      const attempt = { username: normaliseUsername(given), address: clientAddress(c, ctx.auth.trustProxy), now };
      // Checked before any hashing, so a flood of guesses costs the service nothing.
      const wait = await loginBlockedFor(db, attempt, ctx.auth.loginLimits);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        c.header('Retry-After', String(seconds));
        throw new ApiError(429, 'too-many-attempts', `密码错误次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`);
      }
      const user = await findUserByUsername(db, attempt.username);
      const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyDecoy(password);
      if (!user || !ok || user.disabled) {
        await recordLoginFailure(db, attempt, ctx.auth.loginLimits);
        ctx.logger.info('accounts.login-failed', { address: attempt.address });
        throw new ApiError(401, 'bad-credentials', '登录名或密码错误');
      }
      await clearLoginFailures(db, attempt);
      return c.json(await signIn(c, ctx, user), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/logout',
      tags: ['accounts'],
      summary: 'Sign out: ends the session and clears its cookie',
      responses: { 204: { description: 'Signed out' }, 401: error('Not signed in') },
    }),
    async (c) => {
      currentUser(c);
      const token = c.get('sessionToken');
      if (token) await closeSession(db, token);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/session',
      tags: ['accounts'],
      summary: 'Who is signed in, her groups and roles, and the CSRF token',
      responses: { 200: json(Session, 'The session'), 401: error('Not signed in') },
    }),
    async (c) => c.json(await sessionBody(ctx, currentUser(c), c.get('sessionToken'), null), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/password',
      tags: ['accounts'],
      summary: 'Change one’s own password; signs out every other session',
      request: { body: jsonRequest(PasswordChange) },
      responses: {
        204: { description: 'Changed' },
        400: error('Invalid body'),
        401: error('Not signed in'),
        403: error('Wrong current password'),
      },
    }),
    async (c) => {
      const user = currentUser(c);
      const { current, password } = c.req.valid('json');
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
        throw new ApiError(403, 'bad-credentials', '当前密码不正确');
      }
      await updateUser(db, user.id, { passwordHash: await hashPassword(password) });
      await closeUserSessions(db, user.id, c.get('sessionToken') ?? undefined);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/tokens',
      tags: ['accounts'],
      summary: 'One’s own API tokens (never the tokens themselves)',
      responses: { 200: json(z.array(ApiToken), 'Tokens'), 401: error('Not signed in') },
    }),
    async (c) => c.json((await listApiTokens(db, currentUser(c).id)).map(tokenView), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/tokens',
      tags: ['accounts'],
      summary: 'Make an API token for an integration: shown once, stored only as a hash, acts as the user',
      request: { body: jsonRequest(ApiTokenInput) },
      responses: { 201: json(NewApiToken, 'The token, shown once'), 400: error('Invalid body'), 401: error('Not signed in') },
    }),
    async (c) => {
      const user = currentUser(c);
      const { name, expiresInDays } = c.req.valid('json');
      const expiresAt = expiresInDays ? new Date(ctx.clock().getTime() + expiresInDays * 86_400_000).toISOString() : null;
      const { token, row } = await createApiToken(db, user.id, { name, expiresAt });
      return c.json({ token, apiToken: tokenView(row) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/auth/tokens/{id}',
      tags: ['accounts'],
      summary: 'Revoke one of one’s API tokens',
      request: { params: IdParam },
      responses: { 204: { description: 'Revoked' }, 401: error('Not signed in'), 404: error('No such token') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await deleteApiToken(db, currentUser(c).id, id))) throw notFound('API 令牌', id);
      return c.body(null, 204);
    },
  );
}
