import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type SignedIn, signedInTeacher } from './accounts.js';
import { startService, type TestService } from './service.js';

export interface TeacherService {
  readonly dataDir: string;
  /** Set once the file's `beforeAll` has run. */
  readonly service: TestService;
  /** 王老师, signed in to `service`. */
  readonly teacher: SignedIn;
}

/**
 * The setup most service test files share: a real service on a fresh data
 * directory and one signed-in teacher, started before the file's tests and
 * stopped (its directory removed) after them.
 *
 * @example
 * const live = teacherService('lessonprep-steps-');
 * it('lists the steps', async () => expect((await api(live.teacher, 'GET', '/api/steps')).status).toBe(200));
 */
type StartOptions = Parameters<typeof startService>[1];

/** `options` may be a function, read when the service starts (e.g. for the address of a server started in an earlier `beforeAll`). */
export function teacherService(prefix: string, options: StartOptions | (() => StartOptions) = {}): TeacherService {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let service: TestService | null = null;
  let teacher: SignedIn | null = null;
  beforeAll(async () => {
    service = await startService(dataDir, typeof options === 'function' ? options() : options);
    teacher = await signedInTeacher(service.url);
  });
  afterAll(async () => {
    await service?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const started = <T>(value: T | null): T => {
    if (value === null) throw new Error('the service starts in beforeAll: use it inside a test');
    return value;
  };
  return {
    dataDir,
    get service() {
      return started(service);
    },
    get teacher() {
      return started(teacher);
    },
  };
}
