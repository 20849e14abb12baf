import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STANDARD, TEXTBOOK } from '../standards/made-standard.js';
import { compiledBin } from '../support/compiled.js';

const BIN = compiledBin();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-cli-standards-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
fs.writeFileSync(path.join(work, '数学课程标准.txt'), STANDARD);
fs.writeFileSync(path.join(work, '分数教材.txt'), TEXTBOOK);

/** The compiled `lessonprep` command in a child process, with its own DATA_DIR and no model. */
function lessonprep(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: path.join(work, 'data') },
    timeout: 300_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('lessonprep standards', () => {
  it('adds a standard to the school library once, lists it, and refuses a file or 学段 that is not one', () => {
    const file = path.join(work, '数学课程标准.txt');
    const added = lessonprep(['standards', 'add', file, '--subject', '数学', '--stage', '小学']);
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(/^已加入学校课标库：数学课程标准\.txt（数学·小学，\d+ 条）/u);
    expect(lessonprep(['standards', 'add', file, '--subject', '数学', '--stage', '小学']).stdout).toContain('学校课标库中已有这份课标');
    expect(lessonprep(['standards', 'list']).stdout).toMatch(/^数学\t小学\t\d+ 条\t数学课程标准\.txt\t/u);

    const wrongStage = lessonprep(['standards', 'add', file, '--subject', '数学', '--stage', '大学']);
    expect(wrongStage.code).toBe(2);
    expect(wrongStage.stderr).toContain('请用 --stage 给出学段：小学、初中、义务教育、高中');
    const notStandard = lessonprep(['standards', 'add', path.join(work, '分数教材.txt'), '--subject', '数学', '--stage', '小学']);
    expect(notStandard.code).toBe(2);
    expect(notStandard.stderr).toContain('分数教材.txt: 没有识别出课标条目');
  });

  it('a run with no 课标 of its own quotes the library’s', () => {
    const out = path.join(work, 'out');
    const run = lessonprep([
      'run',
      '--subject',
      '数学',
      '--grade',
      '3',
      '--title',
      '分数的初步认识',
      '--material',
      path.join(work, '分数教材.txt'),
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const plan = fs.readFileSync(path.join(out, 'plan.md'), 'utf8');
    expect(plan.slice(plan.indexOf('## 一、课标要求'), plan.indexOf('## 二、'))).toContain('〔学校课标库·数学课程标准.txt 第');
  });
});
