import { getConnInfo } from '@hono/node-server/conninfo';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LESSON_ROLE_NAMES, type LessonAction, type LessonRole, lessonRole, may } from '../accounts/access.js';
import { csrfTokenOf, sameSecret } from '../accounts/secrets.js';
import { apiTokenUser, sessionUser } from '../accounts/sessions.js';
import type { UserRow } from '../accounts/users.js';
import { getLesson, type LessonRow } from '../lessons/lessons.js';
import type { ServiceContext } from './context.js';
import { ApiError, notFound } from './errors.js';

/** Who sent the request, set by `authenticate` for every route. */
export interface AppEnv {
  Variables: {
    user: UserRow | null;
    /** The session token from the cookie, when the request came with one (for sign-out and the CSRF token). */
    sessionToken: string | null;
  };
}
export type App = OpenAPIHono<AppEnv>;

export const SESSION_COOKIE = 'lessonprep_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Routes anyone may call: the service's health, its description, first-start setup and signing in. */
const PUBLIC = new Set(['GET /api/health', 'GET /api/openapi.json', 'GET /api/setup', 'POST /api/setup', 'POST /api/auth/login']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The client's address for sign-in rate limiting: the socket's, or X-Forwarded-For's first hop behind a trusted proxy. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Every request passes here: a bearer token (integrations) or the session
 * cookie (browsers) says who sent it, and anything but the public routes
 * without either is a 401. A browser's state-changing request must also
 * carry the session's CSRF token in X-CSRF-Token, and may not come from
 * another origin; a bearer token is never sent by a browser on its own, so
 * it needs neither.
 *
 * @example
 * app.use('/api/*', authenticate(ctx));
 */
export function authenticate(ctx: ServiceContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('sessionToken', null);
    const now = ctx.clock();
    const isPublic = PUBLIC.has(`${c.req.method} ${c.req.path}`);
    const unsafe = !SAFE_METHODS.has(c.req.method);

    const origin = c.req.header('origin');
    if (unsafe && origin && !sameOrigin(origin, c, ctx.auth.allowedOrigins)) {
      throw new ApiError(403, 'csrf', `拒绝来自其他网站（${origin}）的请求`);
    }

    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer) {
      const user = await apiTokenUser(ctx.db, bearer, now);
      if (!user) throw new ApiError(401, 'unauthenticated', 'API 令牌无效、已过期或已撤销');
      c.set('user', user);
      return next();
    }

    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await sessionUser(ctx.db, token, now) : null;
    if (token && !user) deleteCookie(c, SESSION_COOKIE, { path: '/' });
    if (user && token) {
      c.set('user', user);
      c.set('sessionToken', token);
      if (unsafe && !isPublic && !sameSecret(c.req.header(CSRF_HEADER) ?? '', csrfTokenOf(token))) {
        throw new ApiError(403, 'csrf', `缺少或错误的 CSRF 令牌：请在 ${CSRF_HEADER} 头中带上登录时返回的 csrfToken`);
      }
      return next();
    }
    if (!isPublic) throw new ApiError(401, 'unauthenticated', token ? '登录已过期，请重新登录' : '请先登录');
    return next();
  };
}

function sameOrigin(origin: string, c: Context, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return false;
  }
}

/** Sets the session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on other sites' requests), Secure over HTTPS. */
export function setSessionCookie(c: Context, ctx: ServiceContext, token: string, expiresAt: string): void {
  const https = c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: ctx.auth.secureCookies ?? https,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** The signed-in user; every non-public route has one (the middleware refused the rest). */
export function currentUser(c: Context<AppEnv>): UserRow {
  const user = c.get('user');
  if (!user) throw new ApiError(401, 'unauthenticated', '请先登录');
  return user;
}

export function requireAdmin(c: Context<AppEnv>): UserRow {
  const user = currentUser(c);
  if (!user.admin) throw new ApiError(403, 'forbidden', '只有管理员可以管理用户和教研组');
  return user;
}

const ACTION_NAMES: Record<LessonAction, string> = {
  view: '查看',
  comment: '评论',
  edit: '修改、生成或定稿',
  own: '删除或转移',
};

/**
 * The lesson, if the signed-in user may do this with it. A lesson she may not
 * see at all is a 404, exactly like one that does not exist, so nothing about
 * another group's lessons leaks; a lesson she sees but may not change is a 403.
 */
export async function lessonFor(
  ctx: ServiceContext,
  c: Context<AppEnv>,
  lessonId: string,
  action: LessonAction,
  /** What to answer when she may not see it: for a material, run or comment, that thing is "not found", not its lesson. */
  hidden: ApiError = notFound('课程', lessonId),
): Promise<{ lesson: LessonRow; role: LessonRole; user: UserRow }> {
  const user = currentUser(c);
  const lesson = await getLesson(ctx.db, lessonId);
  const role = lesson ? await lessonRole(ctx.db, user.id, lesson) : null;
  if (!lesson || !role) throw hidden;
  if (!may(role, action)) {
    throw new ApiError(403, 'forbidden', `你在这节课的角色是${LESSON_ROLE_NAMES[role]}，不能${ACTION_NAMES[action]}`);
  }
  return { lesson, role, user };
}
