import { parseArgs } from 'node:util';
import { createGroup, findGroupByName, GROUP_ROLES, type GroupRole, getGroup, groupsOfUser, setMember } from '../accounts/groups.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../accounts/passwords.js';
import { createUser, findUserByUsername, listUsers } from '../accounts/users.js';
import { readAppConfig } from '../config.js';
import { type Db, openDatabase } from '../db/client.js';
import { InputError } from '../errors.js';
import { USAGE } from './args.js';

function bad(problem: string): never {
  throw new InputError('命令行参数', 'invalid', `${problem}\n\n${USAGE}`);
}

function options<T extends Record<string, { type: 'string' | 'boolean' }>>(argv: string[], spec: T) {
  try {
    return parseArgs({ args: argv, options: spec, strict: true }).values;
  } catch (error) {
    bad((error as Error).message);
  }
}

/** A password from the variable named by --password-env, else from standard input (typed without echo on a terminal, or piped). */
async function readPassword(envName: string | undefined): Promise<string> {
  if (envName) {
    const value = process.env[envName];
    if (!value) bad(`环境变量 ${envName} 没有设置`);
    return value;
  }
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += chunk;
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write('密码（输入时不显示）：');
  stdin.setRawMode(true);
  let password = '';
  try {
    for await (const chunk of stdin) {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return password;
        if (ch === '\u0003') throw new InputError('密码', 'invalid', '已取消');
        password = ch === '\u007f' ? password.slice(0, -1) : password + ch;
      }
    }
    return password;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

async function usersAdd(db: Db, argv: string[], out: (line: string) => void) {
  const values = options(argv, {
    username: { type: 'string' },
    name: { type: 'string' },
    admin: { type: 'boolean' },
    'password-env': { type: 'string' },
  });
  const username = values.username?.trim();
  if (!username || !/^[A-Za-z0-9._-]{2,40}$/.test(username)) bad('--username 必须是 2–40 位字母、数字或 . _ -');
  if (await findUserByUsername(db, username)) bad(`登录名 ${username} 已被使用`);
  const password = await readPassword(values['password-env']);
  if (password.length < MIN_PASSWORD_LENGTH) bad(`密码至少 ${MIN_PASSWORD_LENGTH} 位`);
  const user = await createUser(db, {
    username,
    displayName: values.name?.trim() || username,
    admin: values.admin ?? false,
    passwordHash: await hashPassword(password),
  });
  out(`已创建${user.admin ? '管理员' : '用户'} ${user.username}（${user.displayName}），id ${user.id}`);
}

async function usersList(db: Db, out: (line: string) => void) {
  const users = await listUsers(db);
  if (users.length === 0) out('还没有用户：lessonprep users add --admin --username 登录名 --name 姓名');
  for (const user of users) {
    const groups = (await groupsOfUser(db, user.id)).map((g) => `${g.name}(${g.role})`).join('、') || '—';
    out([user.username, user.displayName, user.admin ? '管理员' : '', user.disabled ? '已停用' : '', groups].filter(Boolean).join('\t'));
  }
}

async function groupsAdd(db: Db, argv: string[], out: (line: string) => void) {
  const values = options(argv, {
    name: { type: 'string' },
    school: { type: 'string' },
    subject: { type: 'string' },
    grades: { type: 'string' },
  });
  if (!values.name || !values.school || !values.subject) bad('需要 --name、--school 和 --subject');
  const grades = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(values.grades ?? '');
  const from = Number(grades?.[1]);
  const to = Number(grades?.[2] ?? grades?.[1]);
  if (!grades || from < 1 || to > 12 || from > to) bad('--grades 写成 3 或 3-4（1–12 年级）');
  if (await findGroupByName(db, values.name)) bad(`已有名为 ${values.name} 的教研组`);
  const group = await createGroup(db, { name: values.name, school: values.school, subject: values.subject, gradeFrom: from, gradeTo: to });
  out(`已创建教研组 ${group.name}（${group.school}，${group.subject}，${from}–${to} 年级），id ${group.id}`);
}

async function groupsAddMember(db: Db, argv: string[], out: (line: string) => void) {
  const values = options(argv, { group: { type: 'string' }, username: { type: 'string' }, role: { type: 'string' } });
  if (!values.group || !values.username) bad('需要 --group（组名或 id）和 --username');
  const role = (values.role ?? 'teacher') as GroupRole;
  if (!GROUP_ROLES.includes(role)) bad(`--role 只能是 ${GROUP_ROLES.join('、')}`);
  const group = (await findGroupByName(db, values.group)) ?? (await getGroup(db, values.group));
  if (!group) bad(`没有教研组 ${values.group}`);
  const user = await findUserByUsername(db, values.username);
  if (!user) bad(`没有用户 ${values.username}`);
  await setMember(db, group.id, user.id, role);
  out(`${user.username} 已加入 ${group.name}，角色 ${role}`);
}

/**
 * `lessonprep users add|list` and `lessonprep groups add|add-member`: an
 * admin on the server's machine manages accounts in DATA_DIR's database
 * directly. `users add --admin` also makes the first admin on a new install.
 *
 * @example
 * await accountsCommand(['users', 'add', '--admin', '--username', 'admin', '--name', '教务处'], console.log);
 */
export async function accountsCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const [noun, verb, ...rest] = argv;
  const db = openDatabase(readAppConfig().databaseFile);
  try {
    if (noun === 'users' && verb === 'add') return await usersAdd(db, rest, out);
    if (noun === 'users' && verb === 'list') return await usersList(db, out);
    if (noun === 'groups' && verb === 'add') return await groupsAdd(db, rest, out);
    if (noun === 'groups' && verb === 'add-member') return await groupsAddMember(db, rest, out);
    bad(`不认识的命令：${argv.slice(0, 2).join(' ')}`);
  } finally {
    db.$client.close();
  }
}
