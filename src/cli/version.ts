import fs from 'node:fs';
import { packagePath } from '../paths.js';

/** `lessonprep --version`: the version in package.json. */
export function readVersion(): string {
  return (JSON.parse(fs.readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}
