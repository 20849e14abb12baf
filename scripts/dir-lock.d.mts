/** Takes the lock folder `lock` if it is free (or its holder died): true when this process holds it now. */
export function tryLock(lock: string): boolean;
