import { execFileSync } from 'node:child_process';
import { packagePath } from '../../src/paths.js';

/**
 * The compiled `lessonprep` command, as `npx lessonprep` runs it: builds dist/
 * first when a source is newer than the last build (npm run build:server
 * --if-stale, which two test runs at once can call safely).
 *
 * @example
 * const bin = compiledBin();
 * spawnSync(process.execPath, [bin, 'steps']);
 */
export function compiledBin(): string {
  execFileSync(process.execPath, [packagePath('scripts/build-server.mjs'), '--if-stale'], { stdio: 'inherit' });
  return packagePath('dist/src/cli/main.js');
}

/** The compiled service, as `npm start` runs it. */
export function compiledService(): string {
  compiledBin();
  return packagePath('dist/src/server/main.js');
}
