import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from '../../store/sha256.js';

/** The code one module runs: every local file it reaches by import, and the npm packages those files import. */
export interface ModuleGraph {
  /** Absolute paths, sorted. */
  files: string[];
  /** Package names (`zod`, `@langchain/core`), sorted. */
  packages: string[];
}

// `import x from './a.js'`, `export { y } from './b.js'`, `import './c.js'`; `import type` is left out
// because the compiler erases it, so the graph of src/ and of the compiled dist/ is the same.
const STATIC = /(?:^|[\s;}])(import|export)\s+(?!type\s)(?:[\w$*{}\s,]+?\s+from\s+)?['"]([^'"\n]+)['"]/g;
// `await import('./render.js')` and `new URL('./entry.mjs', import.meta.url)` (worker bootstraps).
const DYNAMIC = /import\(\s*['"]([^'"\n]+)['"]\s*\)|new URL\(\s*['"]([^'"\n]+)['"]\s*,\s*import\.meta\.url\s*\)/g;

/** Specifiers a source file imports. Over-inclusion (an import quoted in a JSDoc example) only costs a re-run, never a stale cache hit. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(STATIC)) found.push(match[2]!);
  for (const match of source.matchAll(DYNAMIC)) found.push((match[1] ?? match[2])!);
  return found;
}

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `pkg/sub` → `pkg`; null for `node:` built-ins. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Sources import `./x.js` and worker bootstraps `./x.ts`; whichever exists on disk is the one that runs. */
function resolveLocal(from: string, specifier: string): string | null {
  const target = path.resolve(path.dirname(from), specifier);
  const candidates = [target, target.replace(/\.js$/, '.ts'), target.replace(/\.ts$/, '.js'), target.replace(/\.mjs$/, '.mts')];
  return candidates.find((file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile()) ?? null;
}

/**
 * Reads module sources and walks their imports. One walker serves every step,
 * so a module shared by seven steps is read and hashed once per process.
 *
 * @example
 * const walker = moduleWalker();
 * const { files, packages } = walker.graph(['/app/src/steps/c3-pptx/definition.ts']);
 * const hash = walker.hashOf(files[0]);
 */
export function moduleWalker() {
  const imports = new Map<string, { local: string[]; packages: string[] }>();
  const hashes = new Map<string, string>();

  function read(file: string): { local: string[]; packages: string[] } {
    const known = imports.get(file);
    if (known) return known;
    const source = fs.readFileSync(file, 'utf8');
    hashes.set(file, sha256(source));
    const local: string[] = [];
    const packages: string[] = [];
    for (const specifier of importsOf(source)) {
      if (specifier.startsWith('.')) {
        const resolved = resolveLocal(file, specifier);
        if (resolved) local.push(resolved);
      } else {
        const name = packageOf(specifier);
        if (name) packages.push(name);
      }
    }
    const entry = { local, packages };
    imports.set(file, entry);
    return entry;
  }

  return {
    graph(roots: string[]): ModuleGraph {
      const files = new Set<string>();
      const packages = new Set<string>();
      const queue = [...roots];
      while (queue.length > 0) {
        const file = queue.pop()!;
        if (files.has(file)) continue;
        files.add(file);
        const entry = read(file);
        for (const name of entry.packages) packages.add(name);
        queue.push(...entry.local);
      }
      return { files: [...files].sort(), packages: [...packages].sort() };
    },
    /** The SHA-256 of a file the graph read. */
    hashOf(file: string): string {
      read(file);
      return hashes.get(file)!;
    },
  };
}
