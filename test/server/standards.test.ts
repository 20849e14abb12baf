import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { STANDARD, TEXTBOOK } from '../standards/made-standard.js';
import { addUser, type SignedIn, setupAdmin } from '../support/accounts.js';
import { api, fetchAs, upload, waitForRun } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-standards-'));
const files = path.join(dataDir, 'files-to-upload');
let service: TestService;
let admin: SignedIn;
let teacher: SignedIn;

beforeAll(async () => {
  fs.mkdirSync(files);
  fs.writeFileSync(path.join(files, '数学课程标准.txt'), STANDARD);
  fs.writeFileSync(path.join(files, '分数教材.txt'), TEXTBOOK);
  const preface = '义务教育课程标准以马克思列宁主义、毛泽东思想为指导，落实立德树人根本任务。'.repeat(80);
  fs.writeFileSync(path.join(files, '长课标.txt'), `${preface}\n\n${STANDARD}`);
  // A JSON limit far under the standard's size: a 课标 upload is held to the upload limit, not the JSON one.
  service = await startService(dataDir, { limits: { jsonBytes: 4 * 1024 } });
  admin = await setupAdmin(service.url);
  teacher = await addUser(admin, 'li.hua', '李华');
});
afterAll(async () => {
  await service.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function addStandard(caller: SignedIn, file: string, fields: Record<string, string>) {
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(path.join(files, file))]), file);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return fetchAs(caller, '/api/standards', { method: 'POST', body: form }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as {
      id: string;
      items: number;
      report: { pages: number; quality: { quality: string }[] };
      processing: { status: string };
      error: { message: string };
    },
  }));
}

/** The file and page of the plan's first 课标要求 citation of the library standard. */
async function citedLibraryPage(lessonId: string): Promise<{ file: string; page: string }> {
  const { plan } = (await api(teacher, 'GET', `/api/lessons/${lessonId}/plan`)).body;
  const sources = plan.standards.flatMap((s: { sources: { file: string; page: number | null }[] }) => s.sources);
  const cited = sources.find((s: { file: string }) => s.file.startsWith('学校课标库·'));
  return { file: cited.file, page: String(cited.page) };
}

describe('the school 课标 library (/api/standards)', () => {
  it('an admin adds a standard once, tagged by subject and 学段; the same file again is the same entry', async () => {
    const added = await addStandard(admin, '数学课程标准.txt', { subject: '数学', stage: '义务教育' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: '数学课程标准.txt', subject: '数学', stage: '义务教育' });
    expect(added.body.items).toBeGreaterThanOrEqual(3);
    // The upload's answer says what was read, as a material's does.
    expect(added.body.processing.status).toBe('ready');
    expect(added.body.report.pages).toBeGreaterThanOrEqual(1);
    expect(added.body.report.quality.every((q) => q.quality === 'good')).toBe(true);
    const again = await addStandard(admin, '数学课程标准.txt', { subject: '数学', stage: '义务教育' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(added.body.id);
    // Bigger than any JSON body may be: uploads have their own limit (a real 课标 PDF is megabytes).
    expect(fs.statSync(path.join(files, '长课标.txt')).size).toBeGreaterThan(4 * 1024);
    const long = await addStandard(admin, '长课标.txt', { subject: '语文', stage: '高中' });
    expect(long.status).toBe(201);
    expect((await api(admin, 'DELETE', `/api/standards/${long.body.id}`)).status).toBe(204);
  });

  it('everyone signed in reads the list; only an admin writes; bad input is a sentence naming the problem', async () => {
    const list = await api(teacher, 'GET', '/api/standards');
    expect(list.body.map((s: { name: string }) => s.name)).toEqual(['数学课程标准.txt']);
    expect((await api(service.url, 'GET', '/api/standards')).status).toBe(401);
    const refused = await addStandard(teacher, '数学课程标准.txt', { subject: '数学', stage: '小学' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('只有管理员可以管理学校课标库');
    const notStandard = await addStandard(admin, '分数教材.txt', { subject: '数学', stage: '小学' });
    expect(notStandard.status).toBe(422);
    expect(notStandard.body.error.message).toMatch(/^分数教材\.txt: 没有识别出课标条目/);
    const badStage = await addStandard(admin, '数学课程标准.txt', { subject: '数学', stage: '大学' });
    expect(badStage.status).toBe(400);
    expect(JSON.stringify(badStage.body)).toContain('学段只能是');
    expect((await api(teacher, 'DELETE', `/api/standards/${list.body[0].id}`)).status).toBe(403);
  });

  it('anyone signed in sees the items extracted from one standard: part, headings, 学段 and page', async () => {
    const [standard] = (await api(teacher, 'GET', '/api/standards')).body;
    const detail = await api(teacher, 'GET', `/api/standards/${standard.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: standard.id, subject: '数学', citedBy: 0, pageUnit: 'section' });
    const fractions = detail.body.entries.find((e: { text: string }) => e.text.includes('初步认识分数'));
    expect(fractions).toMatchObject({ part: 'content', partLabel: '内容要求', stage: '（二）第二学段（3～4年级）' });
    expect(fractions.path).toContain('主题一 数与运算');
    const quoted = detail.body.entries.filter((e: { part: string }) => e.part !== 'other');
    expect(quoted).toHaveLength(standard.items);
    // The preface is extracted too, but as `other`: never quoted as a requirement.
    expect(detail.body.entries.find((e: { text: string }) => e.text.includes('马克思'))?.part).toBe('other');
    expect((await api(teacher, 'GET', '/api/standards/no-such-id')).status).toBe(404);
  });

  it('a lesson without a 课标 of its own quotes the library’s, saying so; the standard was parsed once', async () => {
    const lesson = await api(teacher, 'POST', '/api/lessons', { title: '分数的初步认识', subject: '数学', grade: 3 });
    expect((await upload(teacher, lesson.body.id, path.join(files, '分数教材.txt'), { kind: 'textbook' })).status).toBe(201);
    const run = await api(teacher, 'POST', `/api/lessons/${lesson.body.id}/runs`, { engine: 'offline' });
    expect((await waitForRun(teacher, run.body.id)).status).toBe('succeeded');
    const plan = await fetchAs(teacher, `/api/lessons/${lesson.body.id}/export/plan.md`);
    const markdown = await plan.text();
    const standards = markdown.slice(markdown.indexOf('## 一、课标要求'), markdown.indexOf('## 二、'));
    expect(standards).toContain('〔学校课标库·数学课程标准.txt 第');
    expect(standards).toContain('初步认识分数');
    expect(standards).not.toContain('马克思');
    // A teacher clicking the citation sees the library standard's page, though it is none of her lesson's materials.
    const cited = await citedLibraryPage(lesson.body.id);
    const page = await api(teacher, 'GET', `/api/lessons/${lesson.body.id}/source-page?${new URLSearchParams(cited)}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ file: '学校课标库·数学课程标准.txt', materialId: null });
    expect(page.body.text).toContain('初步认识分数');
    const db = openDatabase(path.join(dataDir, 'lessonprep.sqlite'));
    try {
      const parsed = db.$client
        .prepare('select count(*) as n from parsed_documents where sha256 = (select file_sha256 from school_standards)')
        .get() as { n: number };
      expect(parsed.n).toBe(1);
    } finally {
      db.$client.close();
    }
  });

  it('an admin removes a standard; the lessons citing it keep their 课标要求, lessons run after that have none from the library', async () => {
    const [standard] = (await api(admin, 'GET', '/api/standards')).body;
    expect((await api(admin, 'GET', `/api/standards/${standard.id}`)).body.citedBy).toBe(1);
    const [lesson] = (await api(teacher, 'GET', '/api/lessons')).body;
    const before = (await api(teacher, 'GET', `/api/lessons/${lesson.id}/plan`)).body.plan;
    expect((await api(admin, 'DELETE', `/api/standards/${standard.id}`)).status).toBe(204);
    const after = (await api(teacher, 'GET', `/api/lessons/${lesson.id}/plan`)).body.plan;
    expect(after.standards).toEqual(before.standards);
    expect(after.objectives).toEqual(before.objectives);
    expect(JSON.stringify(after.standards)).toContain('学校课标库·数学课程标准.txt');
    const gone = await api(
      teacher,
      'GET',
      `/api/lessons/${lesson.id}/source-page?${new URLSearchParams(await citedLibraryPage(lesson.id))}`,
    );
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe(
      '“学校课标库·数学课程标准.txt”已从学校课标库删除，无法显示原文；教学设计里引用的文字和页码不受影响',
    );
    expect((await api(teacher, 'GET', '/api/standards')).body).toEqual([]);
    expect((await api(admin, 'DELETE', `/api/standards/${standard.id}`)).status).toBe(404);
    expect((await api(admin, 'GET', `/api/standards/${standard.id}`)).status).toBe(404);
  });
});
