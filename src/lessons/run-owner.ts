import { randomBytes } from 'node:crypto';
import os from 'node:os';

/** Who runs a run: the `lessonprep` command or a service instance. */
export type OwnerKind = 'cli' | 'service';

/** How long an owner's claim on a run holds unless renewed (RUN_LEASE_SEC, default 30 s); owners renew it every third of that. */
export function readLeaseMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.RUN_LEASE_SEC);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 30_000;
}

/**
 * This process as a run owner: kind, host, pid and a nonce. The nonce tells a
 * restarted service from the one that died, even when it gets the same pid
 * (PID 1 in a container).
 *
 * @example
 * newOwner('cli') // 'cli:lab-pc:41237:9f2c4a1b'
 */
export function newOwner(kind: OwnerKind): string {
  return `${kind}:${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export function ownerKind(owner: string): OwnerKind {
  return owner.startsWith('cli:') ? 'cli' : 'service';
}

/** The pid in an owner id, for messages. */
export function ownerPid(owner: string): number {
  return Number(owner.split(':').at(-2));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just is not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the owner of a run may still be running it. Its lease must hold;
 * on this host its process must also exist and not be an earlier life of this
 * very process (same pid, another nonce), so a run whose process was killed is
 * taken up at once, without waiting for the lease to run out.
 */
export function ownerAlive(owner: string | null, leaseUntil: number | null, me: string, now = Date.now()): boolean {
  if (!owner || leaseUntil === null || leaseUntil < now) return false;
  if (owner === me) return true;
  const [, host, pid] = owner.split(':');
  if (host !== os.hostname()) return true;
  return Number(pid) !== process.pid && processAlive(Number(pid));
}
