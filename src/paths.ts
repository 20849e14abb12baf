import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: prompts/ and templates/ are read from here, wherever the process was started. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function packagePath(...parts: string[]): string {
  return path.join(PACKAGE_ROOT, ...parts);
}
