import { z } from '@hono/zod-openapi';
import { MIN_PASSWORD_LENGTH } from '../accounts/passwords.js';
import { GROUP_ROLES } from '../db/schema.js';

/**
 * Request and response bodies of the account routes: setup, sign-in,
 * sessions, API tokens, users and groups. The OpenAPI document is generated
 * from these, as for the lesson routes in `schemas.ts`.
 */
const username = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/, '登录名只能用字母、数字和 . _ -')
  .openapi({ example: 'wang.li' });
const password = z.string().min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 位`).max(200).openapi({ example: 'zhouchang-2024' });
const displayName = z.string().trim().min(1).max(40).openapi({ example: '王丽' });

export const User = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    admin: z.boolean(),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('User');

export const NewUser = z.object({ username, displayName, password, admin: z.boolean().default(false) }).openapi('NewUser');
export const SetupInput = z.object({ username, displayName, password }).openapi('SetupInput');
export const UserPatch = z.object({ displayName, password, admin: z.boolean(), disabled: z.boolean() }).partial().openapi('UserPatch');

export const SetupState = z
  .object({ needed: z.boolean().openapi({ description: 'true until the first admin exists' }) })
  .openapi('SetupState');

export const LoginInput = z
  .object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) })
  .openapi('LoginInput');

export const GroupRole = z.enum(GROUP_ROLES).openapi({ description: 'lead 主备/组长, teacher 组员, observer 观课员' });

export const GroupFields = z
  .object({
    name: z.string().trim().min(1).max(60).openapi({ example: '三年级数学教研组' }),
    school: z.string().trim().min(1).max(60).openapi({ example: '城关小学' }),
    subject: z.string().trim().min(1).max(20).openapi({ example: '数学' }),
    gradeFrom: z.number().int().min(1).max(12).openapi({ example: 3 }),
    gradeTo: z.number().int().min(1).max(12).openapi({ example: 4 }),
  })
  .refine((g) => g.gradeFrom <= g.gradeTo, { message: '起始年级不能高于结束年级', path: ['gradeTo'] });
export const GroupInput = GroupFields.openapi('GroupInput');
export const GroupPatch = z
  .object({
    name: z.string().trim().min(1).max(60),
    school: z.string().trim().min(1).max(60),
    subject: z.string().trim().min(1).max(20),
    gradeFrom: z.number().int().min(1).max(12),
    gradeTo: z.number().int().min(1).max(12),
  })
  .partial()
  .openapi('GroupPatch');

const groupShape = {
  id: z.string(),
  name: z.string(),
  school: z.string(),
  subject: z.string(),
  gradeFrom: z.number().int(),
  gradeTo: z.number().int(),
  createdAt: z.string(),
};
export const Group = z.object(groupShape).openapi('Group');
export const MyGroup = z.object({ ...groupShape, role: GroupRole }).openapi('MyGroup');
export const GroupMember = z
  .object({ userId: z.string(), username: z.string(), displayName: z.string(), role: GroupRole })
  .openapi('GroupMember');
export const GroupDetail = z.object({ ...groupShape, members: z.array(GroupMember) }).openapi('GroupDetail');
export const MemberInput = z.object({ role: GroupRole }).openapi('MemberInput');
export const MemberParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
  userId: z.string().openapi({ param: { name: 'userId', in: 'path' } }),
});

export const Session = z
  .object({
    user: User,
    groups: z.array(MyGroup),
    csrfToken: z.string().nullable().openapi({
      description:
        'Send as X-CSRF-Token on every POST/PUT/PATCH/DELETE made with the session cookie; null when signed in with an API token',
    }),
    expiresAt: z.string().nullable(),
  })
  .openapi('Session');

export const PasswordChange = z.object({ current: z.string().min(1).max(200), password }).openapi('PasswordChange');

export const ApiTokenInput = z
  .object({
    name: z.string().trim().min(1).max(60).openapi({ example: '区平台同步' }),
    expiresInDays: z.number().int().min(1).max(3650).optional().openapi({ description: 'default: never expires' }),
  })
  .openapi('ApiTokenInput');
export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ApiToken');
export const NewApiToken = z
  .object({ token: z.string().openapi({ description: 'Shown once: send as Authorization: Bearer <token>' }), apiToken: ApiToken })
  .openapi('NewApiToken');
