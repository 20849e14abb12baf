import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';
import { addUser, type SignedIn, setupAdmin } from '../support/accounts.js';
import { api, fetchAs, upload } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';

const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-source-'));
let service: TestService;
let owner: SignedIn;
let stranger: SignedIn;
let lessonId: string;

beforeAll(async () => {
  service = await startService(dataDir);
  const admin = await setupAdmin(service.url);
  owner = await addUser(admin, 'wang', '王老师');
  stranger = await addUser(admin, 'zhao', '赵老师');
  lessonId = (await api(owner, 'POST', '/api/lessons', { title: '长方形和正方形的周长', subject: '数学', grade: 3 })).body.id;
  for (const file of ['materials/textbook-p82-84.pdf', 'materials/jiaocan.md', 'video/zhouchang.srt']) {
    expect((await upload(owner, lessonId, path.join(DEMO, file))).status).toBe(201);
  }
});
afterAll(async () => {
  await service.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sourcePage = (caller: SignedIn | string, file: string, page: number | string) =>
  api(caller, 'GET', `/api/lessons/${lessonId}/source-page?file=${encodeURIComponent(file)}&page=${page}`);

describe('GET /api/lessons/{id}/source-page', () => {
  it('gives the text of the cited page of a PDF, and of a section of a Markdown file', async () => {
    const pdf = await sourcePage(owner, 'textbook-p82-84.pdf', 1);
    expect(pdf.status).toBe(200);
    expect(pdf.body).toMatchObject({ file: 'textbook-p82-84.pdf', page: 1, unit: 'page', unitName: '页', quality: 'good' });
    expect(pdf.body.pages).toBeGreaterThan(1);
    expect(pdf.body.text).toContain('长方形和正方形');
    expect(pdf.body.materialId).toEqual(expect.any(String));

    const guide = await sourcePage(owner, 'jiaocan.md', 1);
    expect(guide.status).toBe(200);
    expect(guide.body).toMatchObject({ unit: 'section', unitName: '节' });
    expect(guide.body.text.length).toBeGreaterThan(20);
  });

  it('says in Chinese when the page, the file or a page of a subtitle file does not exist', async () => {
    const pages = (await sourcePage(owner, 'textbook-p82-84.pdf', 1)).body.pages;
    const beyond = await sourcePage(owner, 'textbook-p82-84.pdf', 99);
    expect(beyond.status).toBe(404);
    expect(beyond.body.error).toMatchObject({ code: 'no-such-page', message: `“textbook-p82-84.pdf”没有第 99 页（共 ${pages} 页）` });
    const unknown = await sourcePage(owner, '别的书.pdf', 1);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('这节课没有名为“别的书.pdf”的材料');
    const subtitles = await sourcePage(owner, 'zhouchang.srt', 1);
    expect(subtitles.status).toBe(404);
    expect(subtitles.body.error.message).toContain('视频字幕');
    expect((await sourcePage(owner, 'textbook-p82-84.pdf', 'zero')).status).toBe(400);
  });

  it('is the lesson’s: hidden from a teacher outside it and from anyone signed out', async () => {
    const hidden = await sourcePage(stranger, 'textbook-p82-84.pdf', 1);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('not-found');
    expect((await fetchAs(service.url, `/api/lessons/${lessonId}/source-page?file=textbook-p82-84.pdf&page=1`)).status).toBe(401);
  });
});
