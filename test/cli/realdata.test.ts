import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LessonPlan } from '../../src/domain/index.js';
import { PACKAGE_ROOT, packagePath } from '../../src/paths.js';

/** Real third-party files, beside the repository on development machines and in CI; never committed. */
const REAL = path.resolve(PACKAGE_ROOT, '../shared/realdata');
const BIN = packagePath('src/cli/bin.js');

describe.skipIf(!fs.existsSync(REAL))('lessonprep on real teachers’ files', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-real-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, 'run', ...args], {
      encoding: 'utf8',
      timeout: 180_000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: path.join(work, 'data') },
    });
    return { code: r.status, stderr: r.stderr };
  };
  const pdf = (name: string) => path.join(REAL, 'pdf', name);
  const srt = (name: string) => path.join(REAL, 'transcripts', name);

  it('plans a senior-high 通用技术 lesson from real textbook pages and a real lecture transcript', () => {
    const out = path.join(work, 'tongyong');
    const { code, stderr } = run([
      '--subject',
      '通用技术',
      '--grade',
      '10',
      '--edition',
      '人教版',
      '--material',
      pdf('人教版_通用技术_工程设计基础_第一章第1节_p9-13.pdf'),
      '--transcript',
      srt('260410_成都二诊三角换元压轴_录屏字幕_human-speech.srt'),
      '--out',
      out,
    ]);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
    const plan = LessonPlan.parse(JSON.parse(fs.readFileSync(path.join(out, 'plan.json'), 'utf8')));
    expect(plan.title.text).toContain('科学、技术与工程');
    expect(plan.objectives.map((o) => o.text).join()).toContain('工程');
    expect(fs.statSync(path.join(out, 'deck.pptx')).size).toBeGreaterThan(20_000);
  });

  it('reads a 66-page curriculum standard as one material among others', () => {
    const { code } = run([
      '--subject',
      '语文',
      '--grade',
      '10',
      '--title',
      '语言积累、梳理与探究',
      '--material',
      pdf('普通高中语文课程标准_2017版2020修订.pdf'),
      '--material',
      path.join(REAL, 'lesson_plans', 'zh_Hans_how-binary-digits-work.md'),
      '--out',
      path.join(work, 'yuwen'),
    ]);
    expect(code).toBe(0);
  });

  it.each([
    ['湘文艺版_音乐七下_第一单元_scanned_p8-11.pdf', /扫描/],
    ['2018上海中考数学试题及解析_p1-5.pdf', /乱码|无法正确提取|文字层/],
  ])('refuses %s with a message that says why', (name, why) => {
    const { code, stderr } = run(['--subject', '数学', '--grade', '9', '--material', pdf(name), '--out', path.join(work, 'bad')]);
    expect(code).toBe(2);
    expect(stderr).toContain(name);
    expect(stderr).toMatch(why);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
