import { randomBytes } from 'node:crypto';
import { createGroup, findGroupByName, type GroupRole, setMember } from '../accounts/groups.js';
import { hashPassword } from '../accounts/passwords.js';
import { createUser, findUserByUsername, updateUser } from '../accounts/users.js';
import { addComment, decideSuggestion } from '../collab/comments.js';
import { applySuggestion, replacedText, resolveAnchor } from '../collab/plan-parts.js';
import { readAppConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import type { LessonPlan } from '../domain/index.js';
import { latestArtifactJson } from '../lessons/artifacts.js';
import { updateLesson } from '../lessons/lessons.js';
import { addPlanVersion, latestPlanVersion } from '../lessons/plans.js';
import { addEvents, findOrCreateObservation, saveResults } from '../observe/observations.js';
import { demoObservationEvents, demoResults } from './seed-observation.js';

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
 * stores the AI draft as 第 1 版 and the lead's 初案 (a small edit to 导入) as
 * 第 2 版; two teachers comment on it, one with a suggestion the lead accepts
 * as the 共案 (第 3 版), one with a question left open. The 共案 was taught to
 * 三(2)班 yesterday: two colleagues observed it (S-T samples, minutes per step,
 * questions and answers, group work, notes) and the lead entered the 达标检测
 * results — made-up demo records, said so when printed. The reflection and the
 * 终案 are left to do. A lesson that already has versions is left as it is, so
 * seeding twice is harmless.
 */
export async function seedSchoolLesson(lessonId: string, runId: string, groupId: string): Promise<string[]> {
  const db = openDatabase(readAppConfig().databaseFile);
  try {
    await updateLesson(db, lessonId, { groupId });
    if (latestPlanVersion(db, lessonId)) return ['演示课程已有版本，保持不变'];
    const draft = latestArtifactJson(db, lessonId, 'T3');
    if (!draft) throw new Error('演示课程没有生成教学设计');
    const person = async (username: string) => (await findUserByUsername(db, username))!;
    const lead = await person('demo.lead');
    const teacher1 = await person('demo.teacher1');
    const teacher2 = await person('demo.teacher2');
    const observer = await person('demo.observer');
    const by = (user: typeof lead) => ({ author: user.displayName, authorId: user.id, runId: null });
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
    const v2 = addPlanVersion(db, lessonId, initial, { label: 'initial', basedOn: v1.id, ...by(lead) });

    const intent = { part: 'step' as const, id: initial.process[1]!.id, field: 'intent' };
    const objective = { part: 'objective' as const, id: initial.objectives[0]!.id };
    const suggestion = await addComment(db, {
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
    const now = new Date().toISOString();
    const shared = applySuggestion(initial, intent, suggestion.suggestion!);
    const v3 = addPlanVersion(
      db,
      lessonId,
      shared,
      { label: 'shared', basedOn: v2.id, ...by(lead) },
      {
        alongside: (tx, made) =>
          decideSuggestion(tx, suggestion.id, { status: 'accepted', by: lead.id, at: now, appliedVersionId: made.id }),
      },
    );

    // Taught yesterday at 09:00 北京时间, so the demo never shows a lesson in the future.
    const taughtOn = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    const start = Date.parse(`${taughtOn}T09:00:00+08:00`);
    const { observation } = await findOrCreateObservation(db, {
      lessonId,
      versionId: v3.id,
      className: '三(2)班',
      taughtOn,
      teacherId: lead.id,
      createdBy: observer.id,
    });
    const steps = new Set(shared.process.map((s) => s.id));
    await addEvents(db, observation.id, observer.id, demoObservationEvents(shared, start, 0), steps);
    await addEvents(db, observation.id, teacher2.id, demoObservationEvents(shared, start, 1), steps);
    await saveResults(db, observation.id, { ...demoResults(shared), students: null }, lead.id, now);
    return [
      `课程：AI初稿（第 ${v1.number} 版）→ 初案（第 ${v2.number} 版）→ 采纳李老师的修改建议成为共案（第 ${v3.number} 版）；赵老师的提问仍未解决`,
      `观课：${taughtOn} 三(2)班执教共案，陈老师、赵老师记录，张主备录入了达标检测结果（演示用的模拟数据，不是真实课堂记录）`,
      '还没做的：教学反思和终案（登录后 GET /api/lessons/<id>/observations 找到观课，看 …/report，再写反思、定稿）',
      '课件和视频提纲是按 AI初稿生成的，演示数据没有按后来的版本重做',
    ];
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
