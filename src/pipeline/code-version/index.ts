import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestVersion } from '../../ingest/version.js';
import { PACKAGE_ROOT } from '../../paths.js';
import { sha256 } from '../../store/sha256.js';
import type { StepId } from '../step.js';
import { moduleWalker } from './module-graph.js';
import { EXECUTOR_MODULE, MODULE_ASSETS, STEP_CODE } from './step-code.js';

export { importsOf, type ModuleGraph, moduleWalker } from './module-graph.js';
export { STEP_CODE, type StepCode } from './step-code.js';

/** The folder this program runs from: src/ under tsx, dist/src/ when compiled. */
const RUNNING_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CodeVersionOptions {
  /** The source tree to read (default: the one running). */
  srcDir?: string;
  /** Where node_modules/ and templates/ are (default: the package root). */
  packageRoot?: string;
  /** The parse-once cache's version, for the steps that read materials (default: `ingestVersion()`). */
  ingest?: () => string;
}

function moduleFile(srcDir: string, module: string): string {
  const base = path.join(srcDir, module);
  const found = ['.ts', '.js'].map((ext) => base + ext).find((file) => fs.existsSync(file));
  if (!found) throw new Error(`step code module ${module} not found under ${srcDir}`);
  return found;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function packageVersion(packageRoot: string, name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'missing';
  }
}

/**
 * Each step's code version: a hash of the modules its definition reaches by
 * import (plus the step executor's), the versions of the npm packages they
 * import, the data files they read (themes), and for the steps that read
 * materials the ingest version. It is part of the step's cache key, so a
 * deploy that changes the deck renderer re-runs C3 alone, and one that changes
 * a shared module re-runs exactly the steps that import it. The prompt is
 * keyed separately (its own hash). Read once per process, in a few tens of
 * milliseconds (`npm run bench` measures it).
 *
 * @example
 * const versions = stepCodeVersions();
 * const job = { …, codeVersion: versions.C3 };
 */
export function stepCodeVersions(options: CodeVersionOptions = {}): Record<StepId, string> {
  const srcDir = options.srcDir ?? RUNNING_SRC;
  const packageRoot = options.packageRoot ?? PACKAGE_ROOT;
  const ingest = options.ingest ?? ingestVersion;
  const walker = moduleWalker();
  const tree = path.dirname(srcDir);
  const versions: Partial<Record<StepId, string>> = {};
  for (const [id, code] of Object.entries(STEP_CODE) as [StepId, (typeof STEP_CODE)[StepId]][]) {
    const graph = walker.graph([moduleFile(srcDir, code.definition), moduleFile(srcDir, EXECUTOR_MODULE)]);
    const modules = new Set(graph.files.map((file) => path.relative(srcDir, file).replace(/\.(ts|js|mjs|mts)$/, '')));
    const assets = Object.entries(MODULE_ASSETS)
      .filter(([module]) => modules.has(module))
      .flatMap(([, dirs]) => dirs.flatMap((dir) => filesUnder(path.join(packageRoot, dir))));
    versions[id] = sha256(
      [
        ...graph.files.map((file) => `${path.relative(tree, file)}\0${walker.hashOf(file)}`),
        ...graph.packages.map((name) => `${name}@${packageVersion(packageRoot, name)}`),
        ...assets.map((file) => `${path.relative(packageRoot, file)}\0${sha256(fs.readFileSync(file))}`),
        code.readsMaterials ? `ingest\0${ingest()}` : '',
      ].join('\n'),
    ).slice(0, 16);
  }
  return versions as Record<StepId, string>;
}

let cached: Record<StepId, string> | null = null;

/** `stepCodeVersions()` of the running program, computed on first use and kept for the life of the process. */
export function runningCodeVersions(): Record<StepId, string> {
  cached ??= stepCodeVersions();
  return cached;
}
