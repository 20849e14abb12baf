import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParsePool } from '../../src/ingest/worker/pool.js';
import { type SignedIn, signedInTeacher } from '../support/accounts.js';
import { api, fetchAs, upload } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';
import { handmadeDocx, heicPhoto, hugePng, manyCuesVtt, nestedTables, passwordProtectedOoxml, pdfBomb, wordParagraph } from './bombs.js';
import { expectInputError, fixtureDir, textFile } from './fixtures.js';

/**
 * Hostile files against the real service: a PDF bomb (1 MB that inflates to
 * 1.1 GB) and a 100-megapixel PNG (120 KB) are refused with a clear message
 * naming them, while another teacher's upload sent at the same moment succeeds.
 */
describe('hostile uploads fail alone', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-limits-'));
  let service: TestService;
  let teacher: SignedIn;
  let lessonId: string;
  const bombFile = path.join(dataDir, '试卷.pdf');
  const hugeFile = path.join(dataDir, '课本照片.png');

  beforeAll(async () => {
    fs.writeFileSync(bombFile, pdfBomb(1.1 * 1024 ** 3));
    fs.writeFileSync(hugeFile, hugePng(10_000, 10_000));
    service = await startService(dataDir, { env: { OCR_ENGINE: 'off' } });
    teacher = await signedInTeacher(service.url);
    lessonId = (await api(teacher, 'POST', '/api/lessons', { title: '分数', subject: '数学', grade: 3 })).body.id;
  });
  afterAll(async () => {
    await service.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses the bomb and the huge image with 422s naming them; the upload beside them succeeds', async () => {
    expect(fs.statSync(bombFile).size).toBeLessThan(2 * 1024 * 1024);
    const [bomb, huge, good, health] = await Promise.all([
      upload(teacher, lessonId, bombFile),
      upload(teacher, lessonId, hugeFile),
      upload(teacher, lessonId, path.join(fixtureDir, 'text-layer.pdf')),
      api(service.url, 'GET', '/api/health'),
    ]);
    expect(bomb.status).toBe(422);
    expect(bomb.body.error.code).toBe('limit-exceeded');
    expect(bomb.body.error.message).toContain('试卷.pdf');
    expect(bomb.body.error.message).toContain('解压后超过 256 MB');
    expect(huge.status).toBe(422);
    expect(huge.body.error.code).toBe('limit-exceeded');
    expect(huge.body.error.message).toContain('课本照片.png');
    expect(huge.body.error.message).toContain('10000×10000 = 1 亿');
    expect(good.status).toBe(201);
    expect(good.body.report.pages).toBeGreaterThan(0);
    expect(health.status).toBe(200);

    // Nothing already uploaded is lost: the lesson holds the good file, and only it.
    const materials = await api(teacher, 'GET', `/api/lessons/${lessonId}/materials`);
    expect(materials.body.map((m: { name: string }) => m.name)).toEqual(['text-layer.pdf']);
    expect(materials.body[0].processing).toMatchObject({ status: 'ready' });
  });

  /** Uploads bytes under any name (a name no file on disk could have). */
  async function send(name: string, bytes: Uint8Array | string) {
    const form = new FormData();
    form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
    const response = await fetchAs(teacher, `/api/lessons/${lessonId}/materials`, { method: 'POST', body: form });
    type Answer = { error?: { code: string; message: string }; report?: { cues: number }; material?: { id: string } };
    return { status: response.status, body: (await response.json()) as Answer };
  }

  it('careless files get a 4xx naming them and what to do, never a 500; the lesson keeps what it had', async () => {
    const before = (await api(teacher, 'GET', `/api/lessons/${lessonId}/materials`)).body.map((m: { id: string }) => m.id);
    const refused: [string, Uint8Array | string, number, string, string][] = [
      ['IMG_2024.HEIC', heicPhoto(), 415, 'unsupported-type', 'HEIC/HEIF 格式的照片'],
      ['教案.docx', passwordProtectedOoxml(), 422, 'encrypted', '设置了打开密码'],
      [
        '教参.docx',
        await handmadeDocx(wordParagraph('&x;'), '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
        422,
        'corrupt',
        'DTD 实体声明',
      ],
      ['表格.docx', await handmadeDocx(nestedTables(2000, '里')), 422, 'corrupt', '嵌套超过'],
      ['缩略图.png', hugePng(1, 1), 422, 'no-text', '1×1 像素'],
      ['一行.txt', '分数'.repeat(1_000_000), 413, 'too-large', '超过上限'],
      ['一条.srt', `1\n00:00:00,000 --> 00:00:05,000\n${'分数的意义。'.repeat(2000)}\n`, 422, 'no-cues', '超过 2000 字'],
    ];
    for (const [name, bytes, status, code, words] of refused) {
      const answer = await send(name, bytes);
      expect({ name, status: answer.status, code: answer.body.error?.code }).toEqual({ name, status, code });
      expect(answer.body.error?.message).toContain(name);
      expect(answer.body.error?.message).toContain(words);
    }
    // 150,000 cues were an HTTP 500 (a stack overflow in the parse process); now they are read.
    const long = await send('长录像.vtt', manyCuesVtt(150_000));
    expect(long.status).toBe(201);
    expect(long.body.report?.cues).toBe(150_000);

    const after = (await api(teacher, 'GET', `/api/lessons/${lessonId}/materials`)).body;
    expect(after.map((m: { id: string }) => m.id)).toEqual([...before, long.body.material?.id]);
    expect((await api(service.url, 'GET', '/api/health')).status).toBe(200);
  });
});

describe('the parse pool', () => {
  it('is sized from the cores, never one worker', () => {
    expect(new ParsePool().size).toBeGreaterThanOrEqual(2);
  });

  it('a file over its time limit fails alone, naming it; its process is replaced and the next file is read', async () => {
    const pool = new ParsePool({ size: 2, timeoutMs: 3_000 });
    try {
      // The inflate limit raised so far that the check alone would run for many seconds: the clock stops it.
      const slow = pool.parse({ name: '慢.pdf', bytes: pdfBomb(32 * 1024 ** 3) }, { maxInflatedBytes: 1e13 });
      const quick = pool.parse(textFile('教参.txt', '教学重点：分数的意义'));
      const error = await expectInputError(() => slow, 'limit-exceeded');
      expect(error.message).toContain('慢.pdf');
      expect(error.message).toContain('超过 3 秒');
      expect((await quick).pages[0]?.text).toContain('分数的意义');
      const after = await pool.parse(textFile('学案.md', '# 分数\n\n把一个整体平均分成几份'));
      expect(after.pages[0]?.text).toContain('平均分');
      expect(pool.workers).toBeLessThanOrEqual(2);
    } finally {
      await pool.close();
    }
  });

  it('reads subtitles in a parse process too, 100k cues included, and names a broken file', async () => {
    const pool = new ParsePool({ size: 2 });
    try {
      const cue = (i: number) => {
        const at = (s: number) =>
          `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')},000`;
        return `${i + 1}\n${at(i)} --> ${at(i + 1)}\n第 ${i + 1} 句：把一个整体平均分成几份\n`;
      };
      const srt = Array.from({ length: 100_000 }, (_, i) => cue(i)).join('\n');
      const transcript = await pool.parseTranscript(textFile('长字幕.srt', srt), { maxBytes: 1e9 });
      expect(transcript.cues).toHaveLength(100_000);
      expect(transcript.cues[99_999]?.text).toContain('第 100000 句');
      await expectInputError(() => pool.parseTranscript(textFile('空.srt', '   ')), 'empty');
    } finally {
      await pool.close();
    }
  });

  it('a process that runs out of memory fails its file alone with a clear message', async () => {
    const pool = new ParsePool({ size: 2, memoryMb: 96 });
    try {
      // 40 MB of text decodes to strings and sections far past a 96 MB heap (the section limit, which
      // would refuse it first, is lifted so that the heap is what breaks).
      const huge = textFile('巨大.txt', `${'分数的意义。'.repeat(200_000)}\n\n`.repeat(12));
      const [big, small] = await Promise.allSettled([
        pool.parse(huge, { maxBytes: 1e9, maxPages: 1e6 }),
        pool.parse(textFile('小.txt', '分数')),
      ]);
      expect(big.status).toBe('rejected');
      const reason = (big as PromiseRejectedResult).reason as Error;
      expect(reason.message).toContain('巨大.txt');
      expect(reason.message).toMatch(/内存|解析/);
      expect(small.status).toBe('fulfilled');
    } finally {
      await pool.close();
    }
  });
});
