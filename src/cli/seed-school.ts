import { randomBytes } from 'node:crypto';
import { createGroup, findGroupByName, type GroupRole, setMember } from '../accounts/groups.js';
import { hashPassword } from '../accounts/passwords.js';
import { createUser, findUserByUsername, updateUser } from '../accounts/users.js';
import { addComment } from '../collab/comments.js';
import { replacedText, resolveAnchor } from '../collab/plan-parts.js';
import { readAppConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import type { LessonPlan } from '../domain/index.js';
import { latestArtifactJson } from '../lessons/artifacts.js';
import { updateLesson } from '../lessons/lessons.js';
import { addPlanVersion, latestPlanVersion } from '../lessons/plans.js';

const SCHOOL = '演示小学';
const GROUP = '三年级数学教研组';
export const DEMO_PEOPLE: { username: string; displayName: string; role: GroupRole }[] = [
  { username: 'demo.lead', displayName: '张主备', role: 'lead' },
  { username: 'demo.teacher1', displayName: '李老师', role: 'teacher' },
  { username: 'demo.teacher2', displayName: '赵老师', role: 'teacher' },
  { username: 'demo.observer', displayName: '陈老师', role: 'observer' },
];

export const DEMO_LEAD = DEMO_PEOPLE[0]!.username;

/**
 * The demo school's people and group, made (or, when they exist, given new
 * passwords) before the demo lesson is run as the lead's. Returns the
 * passwords to print: they are random, never stored in clear.
 *
 * @example
 * const school = await seedSchoolPeople();
 * const report = await runCommand({ ...demo, owner: DEMO_LEAD }, …);
 * await seedSchoolLesson(report.lessonId, report.runId, school);
 */
export async function seedSchoolPeople(): Promise<{ groupId: string; passwords: Map<string, string> }> {
  const db = openDatabase(readAppConfig().databaseFile);
  try {
    const group =
      (await findGroupByName(db, GROUP)) ??
      (await createGroup(db, { name: GROUP, school: SCHOOL, subject: '数学', gradeFrom: 3, gradeTo: 3 }));
    const passwords = new Map<string, string>();
    for (const person of DEMO_PEOPLE) {
      const password = randomBytes(9).toString('base64url');
      const passwordHash = await hashPassword(password);
      const existing = await findUserByUsername(db, person.username);
      const user = existing
        ? (await updateUser(db, existing.id, { passwordHash, disabled: false }))!
        : await createUser(db, { username: person.username, displayName: person.displayName, passwordHash, admin: false });
      await setMember(db, group.id, user.id, person.role);
      passwords.set(person.username, password);
    }
    return { groupId: group.id, passwords };
  } finally {
    db.$client.close();
  }
}

/**
 * Takes the demo lesson part-way through the loop: shares it with the group,
 * stores the AI draft as 第 1 版, the lead's 初案 (a small edit to 导入) as
 * 第 2 版, and two comments on it, one with a suggested replacement. A lesson
 * that already has versions is left as it is, so seeding twice is harmless.
 */
export async function seedSchoolLesson(lessonId: string, runId: string, groupId: string): Promise<string[]> {
  const db = openDatabase(readAppConfig().databaseFile);
  try {
    await updateLesson(db, lessonId, { groupId });
    if (latestPlanVersion(db, lessonId)) return ['演示课程已有版本，保持不变'];
    const draft = latestArtifactJson(db, lessonId, 'T3');
    if (!draft) throw new Error('演示课程没有生成教学设计');
    const lead = (await findUserByUsername(db, 'demo.lead'))!;
    const teacher1 = (await findUserByUsername(db, 'demo.teacher1'))!;
    const teacher2 = (await findUserByUsername(db, 'demo.teacher2'))!;
    const v1 = addPlanVersion(db, lessonId, draft, {
      label: 'ai-draft',
      author: draft.provenance.model ?? '离线规则引擎',
      authorId: lead.id,
      basedOn: null,
      runId,
    });
    const initial: LessonPlan = structuredClone(draft);
    const lead_in = initial.process[0]!;
    lead_in.teacherActivity = { text: `${lead_in.teacherActivity.text}（结合学校操场跑道一圈有多长引入）`, origin: 'teacher', sources: [] };
    const v2 = addPlanVersion(db, lessonId, initial, {
      label: 'initial',
      author: lead.displayName,
      authorId: lead.id,
      basedOn: v1.id,
      runId: null,
    });
    const intent = { part: 'step' as const, id: 'S2', field: 'intent' };
    const objective = { part: 'objective' as const, id: initial.objectives[0]!.id };
    await addComment(db, {
      lessonId,
      versionId: v2.id,
      authorId: teacher1.id,
      anchor: intent,
      quote: replacedText(initial, intent),
      body: '设计意图只写了教师要做什么，建议写出学生通过这一环节能做到什么。',
      suggestion: '让学生在描一描、量一量中自己说出“周长”的含义，为后面计算周长打基础。',
      parentId: null,
    });
    await addComment(db, {
      lessonId,
      versionId: v2.id,
      authorId: teacher2.id,
      anchor: objective,
      quote: resolveAnchor(initial, objective)?.text ?? null,
      body: '这条目标能否在达标检测单里找到对应的题？请主备核对。',
      suggestion: null,
      parentId: null,
    });
    return [`课程：AI初稿（第 ${v1.number} 版）→ 初案（第 ${v2.number} 版），2 条评论（其中 1 条带修改建议）`];
  } finally {
    db.$client.close();
  }
}

/** How to sign in, for the terminal. */
export function signInHelp(passwords: Map<string, string>, notes: string[]): string {
  const rows = DEMO_PEOPLE.map((p) => `  ${p.role.padEnd(8)} ${p.username.padEnd(14)} ${p.displayName}　密码 ${passwords.get(p.username)}`);
  return [
    `演示学校：${SCHOOL} ${GROUP}（演示账号，密码随机生成，每次播种都会重置；不要用于正式环境）`,
    ...rows,
    ...notes,
    '启动服务：npm start，然后登录（浏览器或 curl）：',
    `  curl -c cookies.txt -X POST http://localhost:3000/api/auth/login -H 'content-type: application/json' -d '{"username":"${DEMO_LEAD}","password":"${passwords.get(DEMO_LEAD)}"}'`,
  ].join('\n');
}
