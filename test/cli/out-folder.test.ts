import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishOutputs, recordFailedAttempt } from '../../src/cli/out-folder.js';

let out: string;
beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-out-'));
});
afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

const read = (name: string) => fs.readFileSync(path.join(out, name), 'utf8');
const report = (status: string) => (files: string[]) => ({ status, files });

async function publish(files: Record<string, string>) {
  return publishOutputs(
    out,
    async (dir) => {
      fs.mkdirSync(dir, { recursive: true });
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      return Object.keys(files);
    },
    report('succeeded'),
  );
}

describe('the --out folder', () => {
  it('gets a run’s files only when all are written, run.json last', async () => {
    expect(await publish({ 'plan.docx': 'A', 'deck.pptx': 'A' })).toEqual(['plan.docx', 'deck.pptx', 'run.json']);
    expect(JSON.parse(read('run.json'))).toEqual({ status: 'succeeded', files: ['plan.docx', 'deck.pptx', 'run.json'] });
    expect(fs.readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('keeps the last good files when writing fails half-way', async () => {
    await publish({ 'plan.docx': 'A', 'deck.pptx': 'A' });
    const failing = publishOutputs(
      out,
      async (dir) => {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'plan.docx'), 'B');
        throw new Error('disk full');
      },
      report('succeeded'),
    );
    await expect(failing).rejects.toThrow('disk full');
    expect(read('plan.docx')).toBe('A');
    expect(fs.readdirSync(out).sort()).toEqual(['deck.pptx', 'plan.docx', 'run.json']);
  });

  it('records a failed run beside the last good files without touching them', async () => {
    await publish({ 'plan.docx': 'A' });
    await recordFailedAttempt(out, { status: 'failed', error: '超时', files: ['run.json'] });
    expect(read('plan.docx')).toBe('A');
    expect(JSON.parse(read('run.json'))).toMatchObject({ status: 'succeeded', latestAttempt: { status: 'failed', error: '超时' } });
  });

  it('removes what the previous run wrote and this one did not, but never the teacher’s own files', async () => {
    await publish({ 'plan.docx': 'A', 'video-outline.md': 'A' });
    fs.writeFileSync(path.join(out, '我的笔记.txt'), '自己的');
    await publish({ 'plan.docx': 'B' });
    expect(fs.readdirSync(out).sort()).toEqual(['plan.docx', 'run.json', '我的笔记.txt']);
  });
});
