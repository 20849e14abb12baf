// A lock folder between processes (two test runs, two builds at once): whoever makes the folder holds
// the lock and writes its pid into it; a lock whose holder died is taken over. Used by
// scripts/build-server.mjs and by the tests' shared setup (test/support/input-cache.ts).
import fs from 'node:fs';
import path from 'node:path';

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/**
 * Takes the lock folder `lock` if it is free (or its holder died): true when this process holds it now,
 * false when a live process does (try again later). `fs.rmSync(lock, { recursive: true })` releases it.
 *
 * @example
 * while (!tryLock(lock)) await sleep(200);
 */
export function tryLock(lock) {
  try {
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch {
    const holder = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }));
    if (holder && !alive(holder)) fs.rmSync(lock, { recursive: true, force: true });
    return false;
  }
}
