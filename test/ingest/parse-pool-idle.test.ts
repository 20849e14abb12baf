import { describe, expect, it } from 'vitest';
import { ParsePool, type ParsePoolOptions } from '../../src/ingest/worker/pool.js';
import { textFile } from './fixtures.js';

type Exit = Parameters<NonNullable<ParsePoolOptions['onExit']>>[0];

/** A pool whose process exits are collected; `next()` waits for the next one (no clock involved). */
function watchedPool(options: ParsePoolOptions) {
  const exits: Exit[] = [];
  let waiting: ((exit: Exit) => void) | null = null;
  const pool = new ParsePool({
    ...options,
    onExit: (exit) => {
      exits.push(exit);
      waiting?.(exit);
      waiting = null;
    },
  });
  const next = () => new Promise<Exit>((resolve) => (waiting = resolve));
  return { pool, exits, next };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// Each test starts parse processes that load the parsers through tsx: a hang guard for a loaded machine, not a speed target.
describe('idle parse processes', { timeout: 120_000 }, () => {
  it('exit after the idle time, giving their memory back, and the next file starts a fresh one', async () => {
    const { pool, exits, next } = watchedPool({ size: 2, idleMs: 1 });
    try {
      const exited = next();
      const document = await pool.parse(textFile('教参.txt', '教学重点：分数的意义'));
      expect(document.pages[0]?.text).toContain('分数的意义');
      const exit = await exited;
      expect(exit.why).toBe('idle');
      expect(pool.workers).toBe(0);
      expect(alive(exit.pid!)).toBe(false);

      const again = await pool.parse(textFile('学案.md', '# 分数\n\n把一个整体平均分成几份'));
      expect(again.pages[0]?.text).toContain('平均分');
      expect(exits).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });

  it('a process with files waiting for it is never idle: one process reads a queue of files, then exits once', async () => {
    const { pool, exits, next } = watchedPool({ size: 1, idleMs: 1 });
    try {
      const exited = next();
      const names = ['一.txt', '二.txt', '三.txt', '四.txt'];
      const documents = await Promise.all(names.map((name) => pool.parse(textFile(name, `${name}：分数的意义`))));
      expect(documents.map((d) => d.name)).toEqual(names);
      expect((await exited).why).toBe('idle');
      expect(exits).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });

  it('stay while the idle time has not passed, and end when the pool closes', async () => {
    const { pool, exits } = watchedPool({ size: 2, idleMs: 3_600_000 });
    await pool.parse(textFile('教参.txt', '分数'));
    expect(pool.workers).toBe(1);
    expect(exits).toEqual([]);
    await pool.close();
    expect(exits.map((e) => e.why)).toEqual(['closed']);
    expect(alive(exits[0]!.pid!)).toBe(false);
  });
});
