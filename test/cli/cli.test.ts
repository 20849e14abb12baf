import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { stepsTable } from '../../src/cli/steps-table.js';
import { packagePath } from '../../src/paths.js';
import { compiledBin } from '../support/compiled.js';

const BIN = compiledBin();
const DEMO = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
const FIXTURES = packagePath('test/fixtures/ingest');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-cli-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs the real `lessonprep` command in a child process, with its own DATA_DIR and no model configured. */
function lessonprep(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: path.join(work, 'data'), ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const demoArgs = (out: string) => [
  'run',
  '--subject',
  '数学',
  '--grade',
  '3',
  '--edition',
  '人教版',
  '--material',
  path.join(DEMO, 'materials/textbook-p82-84.pdf'),
  '--material',
  path.join(DEMO, 'materials/jiaocan.md'),
  '--video',
  path.join(DEMO, 'video/zhouchang.srt'),
  '--video-url',
  'https://basic.smartedu.cn/x?activityId=1',
  '--video-title',
  '周长微课',
  '--out',
  out,
];

/** `lessonprep run` for a grade-3 数学 lesson, with the rest of the arguments given. */
const grade3Run = (...args: string[]) => ['run', '--subject', '数学', '--grade', '3', ...args];

describe('lessonprep steps', () => {
  it('prints the table the build wrote from the step definitions, the same as the sources give', () => {
    const result = lessonprep(['steps']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${stepsTable()}\n`);
  });
});

describe('lessonprep run', () => {
  const out = path.join(work, 'out');

  it('writes every file the issue names, and run.json says what each step did', async () => {
    const { code, stderr } = lessonprep(demoArgs(out));
    expect(stderr).toContain('T1 材料解析');
    expect(code).toBe(0);
    for (const name of [
      'plan.json',
      'plan.md',
      'plan.docx',
      'sheets.docx',
      'video-outline.json',
      'video-outline.md',
      'deck.pptx',
      'run.json',
    ]) {
      expect(fs.existsSync(path.join(out, name)), name).toBe(true);
    }
    const run = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ status: 'succeeded', engine: 'offline', model: null });
    expect(run.steps.map((s: { id: string }) => s.id)).toEqual(['T1', 'T2', 'T3', 'V1', 'V2', 'V3', 'C1', 'C2', 'C3']);
    const deck = await JSZip.loadAsync(fs.readFileSync(path.join(out, 'deck.pptx')));
    expect(Object.keys(deck.files).some((f) => f.startsWith('ppt/notesSlides/'))).toBe(true);
  });

  it('makes the video outline from the --video subtitles: V1 to V3 ran on them, and every clip cites them inside their length', () => {
    const run = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8'));
    for (const id of ['V1', 'V2', 'V3']) expect(run.steps.find((s: { id: string }) => s.id === id).status, id).toBe('succeeded');
    const outline = JSON.parse(fs.readFileSync(path.join(out, 'video-outline.json'), 'utf8'));
    // The last cue of zhouchang.srt ends at 12:15.
    const lastCueEnd = Math.max(
      ...[...fs.readFileSync(path.join(DEMO, 'video/zhouchang.srt'), 'utf8').matchAll(/--> (\d+):(\d+):(\d+),(\d+)/g)].map(
        ([, h, m, sec, ms]) => Number(h) * 3600 + Number(m) * 60 + Number(sec) + Number(ms) / 1000,
      ),
    );
    expect(outline.videos).toEqual([
      { id: 'V1', title: '周长微课', url: 'https://basic.smartedu.cn/x?activityId=1', durationSec: expect.closeTo(lastCueEnd, 0) },
    ]);
    expect(outline.clips.length).toBeGreaterThan(0);
    for (const clip of outline.clips) {
      expect(clip.videoId).toBe('V1');
      expect(clip.end).toBeLessThanOrEqual(lastCueEnd + 1);
      const cited = clip.sources.filter((source: { file: string }) => source.file === 'zhouchang.srt');
      expect(cited.length, clip.title).toBeGreaterThan(0);
      for (const source of cited) expect(source.at).toBeLessThanOrEqual(lastCueEnd);
    }
    expect(fs.readFileSync(path.join(out, 'video-outline.md'), 'utf8')).toContain('周长微课');
  });

  it('runs nothing the second time', () => {
    const { code } = lessonprep(demoArgs(out));
    expect(code).toBe(0);
    const run = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8'));
    expect(run.steps.every((s: { cached: boolean }) => s.cached)).toBe(true);
  });

  // A scan is recognised by OCR (test/ingest/ocr*.test.ts); with OCR switched off it is refused.
  it.each([
    ['a missing file', ['--material', path.join(work, 'nope.pdf')], /nope\.pdf.*找不到/, {}],
    ['an encrypted PDF', ['--material', path.join(FIXTURES, 'encrypted.pdf')], /encrypted\.pdf.*加密/, {}],
    ['a scanned PDF with OCR off', ['--material', path.join(FIXTURES, 'scanned.pdf')], /scanned\.pdf.*扫描/, { OCR_ENGINE: 'off' }],
    ['a corrupt PDF', ['--material', path.join(FIXTURES, 'corrupt.pdf')], /corrupt\.pdf/, {}],
    ['a broken Word file', ['--material', path.join(work, '教案.docx')], /教案\.docx/, {}],
  ])('rejects %s with one clear message naming it, exit 2, no stack trace', (_name, material, message, env) => {
    fs.writeFileSync(path.join(work, '教案.docx'), 'PK\u0003\u0004 not really');
    const { code, stderr } = lessonprep(['run', '--subject', '数学', '--grade', '3', ...material, '--out', path.join(work, 'bad')], env);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['a missing --video file', path.join(work, '没有这个字幕.srt'), /没有这个字幕\.srt.*找不到/],
    ['a PDF given as --video', path.join(FIXTURES, 'encrypted.pdf'), /encrypted\.pdf/],
    ['an empty subtitle file', path.join(work, '空字幕.srt'), /空字幕\.srt.*空/],
    ['a recording without a speech recognizer', path.join(work, '课堂实录.mp4'), /课堂实录\.mp4.*ASR_BASE_URL/],
  ])('refuses %s before anything runs, naming it, exit 2, no stack trace', (_name, video, message) => {
    fs.writeFileSync(path.join(work, '空字幕.srt'), '');
    fs.writeFileSync(path.join(work, '课堂实录.mp4'), 'not a real recording');
    const out = path.join(work, `bad-video-${path.basename(video)}`);
    const { code, stderr } = lessonprep(grade3Run('--material', path.join(DEMO, 'materials/jiaocan.md'), '--video', video, '--out', out));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(out, 'run.json'))).toBe(false);
  });

  it('pairs --video-title with a --video, and says so when there is none', () => {
    const { code, stderr } = lessonprep(grade3Run('--material', 'x.md', '--video-title', '微课', '--out', work));
    expect(code).toBe(2);
    expect(stderr).toContain('--video-title 比 --video 多');
  });

  it('explains a bad grade with the usage', () => {
    const { code, stderr } = lessonprep(['run', '--subject', '数学', '--grade', '13', '--material', 'x.pdf', '--out', work]);
    expect(code).toBe(2);
    expect(stderr).toContain('--grade');
    expect(stderr).toContain('用法');
  });

  it('asks for model settings when the openai engine is chosen without them, exit 3', () => {
    const { code, stderr } = lessonprep([...demoArgs(path.join(work, 'o')), '--engine', 'openai']);
    expect(code).toBe(3);
    expect(stderr).toContain('LLM_BASE_URL');
  });

  it('reads GBK subtitles (a case from the eval suite)', () => {
    const dir = packagePath('eval/cases/shuxue-g8-gougu');
    const caseJson = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8'));
    const { code, stderr } = lessonprep([
      'run',
      '--subject',
      '数学',
      '--grade',
      '8',
      ...caseJson.materials.flatMap((m: { file: string }) => ['--material', path.join(dir, m.file)]),
      '--transcript',
      path.join(dir, caseJson.transcripts[0].file),
      '--out',
      path.join(work, 'gbk'),
    ]);
    expect(stderr).not.toContain('错误');
    expect(code).toBe(0);
    const transcript = JSON.parse(fs.readFileSync(path.join(work, 'gbk', 'video-outline.json'), 'utf8'));
    expect(transcript.clips.length).toBeGreaterThan(0);
  });
});
