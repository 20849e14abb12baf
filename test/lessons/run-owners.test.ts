import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lessons, runs } from '../../src/db/schema.js';
import { newOwner, ownerAlive } from '../../src/lessons/run-owner.js';
import { claimRun, getRun, recoverRuns } from '../../src/lessons/runs.js';
import { tempDataDir } from '../support/temp-db.js';

let data: ReturnType<typeof tempDataDir>;
beforeEach(() => {
  data = tempDataDir();
});
afterEach(() => data.cleanup());

/** A pid no process has: above Linux's pid_max. */
const DEAD_PID = 4_194_304 + 1;
const deadOwner = (kind: 'cli' | 'service') => `${kind}:${newOwner(kind).split(':')[1]}:${DEAD_PID}:00000000`;

function runOwnedBy(owner: string | null, fields: Partial<typeof runs.$inferInsert> = {}): string {
  const lessonId = randomUUID();
  data.db.insert(lessons).values({ id: lessonId, subject: '数学', grade: 3 }).run();
  const id = randomUUID();
  data.db
    .insert(runs)
    .values({
      id,
      lessonId,
      status: 'running',
      engine: 'offline',
      theme: 'qingsong',
      owner,
      leaseUntil: owner ? Date.now() + 60_000 : null,
      ...fields,
    })
    .run();
  return id;
}

describe('run owners', () => {
  it('count an owner alive only while its lease holds and its process exists', () => {
    const me = newOwner('service');
    const now = Date.now();
    expect(ownerAlive(me, now + 1000, me, now)).toBe(true);
    expect(ownerAlive(me, now - 1, me, now)).toBe(false);
    expect(ownerAlive(deadOwner('cli'), now + 1000, me, now)).toBe(false);
    // An earlier life of this very process (same pid, another nonce) is dead.
    expect(ownerAlive(`service:${me.split(':')[1]}:${process.pid}:ffffffff`, now + 1000, me, now)).toBe(false);
    expect(ownerAlive(null, null, me, now)).toBe(false);
  });

  it('leave a run whose owner is alive, take up one whose service died, fail one whose command died', () => {
    const me = newOwner('service');
    const alive = runOwnedBy(newOwner('cli').replace(/:\d+:/, `:${process.ppid}:`));
    const crashed = runOwnedBy(deadOwner('service'));
    const cli = runOwnedBy(deadOwner('cli'));
    const queued = runOwnedBy(null, { status: 'queued' });
    const decisions = recoverRuns(data.db, me, { resume: true });
    expect(decisions).toEqual(
      expect.arrayContaining([
        { runId: alive, action: 'leave', reason: expect.any(String) },
        { runId: crashed, action: 'take' },
        { runId: cli, action: 'failed', error: expect.stringContaining('命令行进程') },
        { runId: queued, action: 'take' },
      ]),
    );
    expect(getRun(data.db, crashed)).toMatchObject({ status: 'queued', owner: null, interruptions: 1 });
    expect(getRun(data.db, cli)?.status).toBe('failed');
  });

  it('fail a run whose service died under it twice instead of taking it up again', () => {
    const id = runOwnedBy(deadOwner('service'), { interruptions: 1 });
    const [decision] = recoverRuns(data.db, newOwner('service'), { resume: true });
    expect(decision).toMatchObject({ runId: id, action: 'failed', error: expect.stringContaining('2 次意外退出') });
    expect(getRun(data.db, id)).toMatchObject({ status: 'failed', interruptions: 2 });
  });

  it('let a command only fail what is dead, never take a run', () => {
    const queued = runOwnedBy(null, { status: 'queued' });
    const crashed = runOwnedBy(deadOwner('service'));
    expect(recoverRuns(data.db, newOwner('cli'), { resume: false })).toEqual([]);
    expect(getRun(data.db, queued)?.status).toBe('queued');
    expect(getRun(data.db, crashed)?.status).toBe('running');
  });

  it('let only one owner claim a queued run', () => {
    const id = runOwnedBy(null, { status: 'queued' });
    expect(claimRun(data.db, id, newOwner('service'), 30_000)).toBe(true);
    expect(claimRun(data.db, id, newOwner('service'), 30_000)).toBe(false);
    data.db.update(runs).set({ status: 'cancelled' }).where(eq(runs.id, id)).run();
  });
});
