import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { sha256 } from '../store/sha256.js';

let cached: string | null = null;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * A hash of the code and templates that make artifacts. It is part of every
 * step's input hash, because the code is an input too: after an upgrade, or
 * while a developer edits a rule, stored artifacts are recomputed instead of
 * silently reused. Model answers stay cached by their own key (prompt and
 * messages), so recomputing costs no model calls when the prompts did not change.
 */
export function codeVersion(): string {
  if (cached) return cached;
  const hash = sha256(
    ['src', 'templates/themes']
      .flatMap((dir) => filesUnder(path.join(PACKAGE_ROOT, dir)))
      .map((file) => `${path.relative(PACKAGE_ROOT, file)}\u0000${sha256(fs.readFileSync(file))}`)
      .join('\n'),
  );
  cached = hash.slice(0, 16);
  return cached;
}
