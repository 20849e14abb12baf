// The native hasher (about 10 MB) is loaded by the first sign-in or new password, not at service start.
const argon2 = () => import('@node-rs/argon2');

/**
 * Argon2id at OWASP's minimum cost (19 MiB, 2 passes, 1 lane): about 30 ms
 * per hash on one core, off the event loop (the library hashes on libuv's
 * thread pool). The hash string carries its parameters, so raising them
 * later still verifies old passwords.
 */
const COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Shortest password accepted: a teacher's account holds her class's 学情. */
export const MIN_PASSWORD_LENGTH = 8;

/**
 * @example
 * const stored = await hashPassword('长方形周长2024');
 * await verifyPassword(stored, '长方形周长2024'); // true
 */
export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, COST);
}

/** False for a wrong password and for a stored value that is not a hash (never throws on bad data). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const { verify } = await argon2();
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verifies against a hash of nothing when the name is unknown, so a wrong name takes as long as a wrong password; always false. */
let decoy: Promise<string> | null = null;
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('lessonprep decoy password');
  await verifyPassword(await decoy, password);
  return false;
}
