import { ApiProblem } from '../api/problem.js';
import type { components } from '../api/schema.js';
import { MIN_PASSWORD, validateSetup } from '../session/setup-form.js';

type Schemas = components['schemas'];
export type GroupRole = Schemas['GroupMember']['role'];
export type Group = Schemas['Group'];
export type GroupDetail = Schemas['GroupDetail'];
export type GroupInput = Schemas['GroupInput'];
export type ApiToken = Schemas['ApiToken'];

/** 主备/组长, 组员, 观课员 — typed by the schema, so a new role is a type error here until it has its word. */
export const GROUP_ROLE_LABEL: Record<GroupRole, string> = { lead: '主备/组长', teacher: '组员', observer: '观课员' };
export const GROUP_ROLES = Object.keys(GROUP_ROLE_LABEL) as GroupRole[];

type Errors<T> = Partial<Record<keyof T, string>>;

/** A new account as the admin types it. */
export interface UserDraft {
  username: string;
  displayName: string;
  password: string;
  admin: boolean;
}

/**
 * The service's rules for a new account, said before the form is sent (the
 * same rules as the first admin's setup form).
 *
 * @example
 * validateUser({ username: 'wang li', displayName: '王丽', password: 'password-1', admin: false })
 * // { username: '登录名只能用字母、数字和 . _ -，2 到 40 个字符' }
 */
export function validateUser(draft: UserDraft): Errors<UserDraft> {
  const { repeat: _same, ...errors } = validateSetup({ ...draft, repeat: draft.password });
  return errors;
}

/** A password someone sets (a reset by the admin, or her own new one). */
export function passwordError(password: string): string | undefined {
  if (password.length < MIN_PASSWORD) return `密码至少 ${MIN_PASSWORD} 位`;
  if (password.length > 200) return '密码最多 200 位';
  return undefined;
}

export interface PasswordDraft {
  current: string;
  password: string;
  repeat: string;
}

export function validatePasswordChange(draft: PasswordDraft): Errors<PasswordDraft> {
  const errors: Errors<PasswordDraft> = {};
  if (!draft.current) errors.current = '请填写当前密码';
  const weak = passwordError(draft.password);
  if (weak) errors.password = weak;
  else if (draft.password === draft.current) errors.password = '新密码不能和当前密码一样';
  if (!errors.password && draft.repeat !== draft.password) errors.repeat = '两次输入的新密码不一样';
  return errors;
}

/** A prep group 教研组 as the form holds it: grades as the selects' strings. */
export interface GroupDraft {
  name: string;
  school: string;
  subject: string;
  gradeFrom: string;
  gradeTo: string;
}

export const emptyGroupDraft = (): GroupDraft => ({ name: '', school: '', subject: '', gradeFrom: '', gradeTo: '' });

export const groupDraftOf = (group: Group): GroupDraft => ({
  name: group.name,
  school: group.school,
  subject: group.subject,
  gradeFrom: String(group.gradeFrom),
  gradeTo: String(group.gradeTo),
});

/** The limits of account-schemas.ts's GroupFields, in Chinese. */
export function validateGroup(draft: GroupDraft): Errors<GroupDraft> {
  const errors: Errors<GroupDraft> = {};
  const text = (field: 'name' | 'school' | 'subject', label: string, max: number) => {
    const value = draft[field].trim();
    if (!value) errors[field] = `请填写${label}`;
    else if (value.length > max) errors[field] = `${label}最多 ${max} 个字`;
  };
  text('name', '教研组名称', 60);
  text('school', '学校', 60);
  text('subject', '学科', 20);
  if (!draft.gradeFrom) errors.gradeFrom = '请选择起始年级';
  if (!draft.gradeTo) errors.gradeTo = '请选择结束年级';
  else if (draft.gradeFrom && Number(draft.gradeFrom) > Number(draft.gradeTo)) errors.gradeTo = '结束年级不能低于起始年级';
  return errors;
}

export const groupInput = (draft: GroupDraft): GroupInput => ({
  name: draft.name.trim(),
  school: draft.school.trim(),
  subject: draft.subject.trim(),
  gradeFrom: Number(draft.gradeFrom),
  gradeTo: Number(draft.gradeTo),
});

/** How long a new API token lives: the choices the form offers (days; '' never expires). */
export const TOKEN_LIFETIMES = [
  { days: '30', label: '30 天' },
  { days: '90', label: '90 天' },
  { days: '365', label: '一年' },
  { days: '', label: '不过期（直到撤销）' },
] as const;

export function tokenNameError(name: string): string | undefined {
  if (!name.trim()) return '请给令牌起个名字，说明它给哪个系统用，例如“区平台同步”';
  if (name.trim().length > 60) return '名字最多 60 个字';
  return undefined;
}

const ADMIN_ONLY = '只有管理员可以管理用户和教研组。';
const ADMIN_ADVICE = '请用管理员账号登录，或请学校的管理员来操作。';

/** What a teacher who is not an admin reads on an admin page: before any call, and as the service's 403. */
export const notAdminProblem = () => new ApiProblem(403, 'forbidden', ADMIN_ONLY, ADMIN_ADVICE);

/**
 * A failed call on an admin page: the service's 403 there means "not an
 * admin", not the lesson pages' "needs the lesson's lead", so it gets its own advice.
 */
export function adminProblem(error: unknown): unknown {
  if (error instanceof ApiProblem && error.status === 403 && error.code === 'forbidden') {
    return new ApiProblem(403, 'forbidden', error.message, ADMIN_ADVICE);
  }
  return error;
}
