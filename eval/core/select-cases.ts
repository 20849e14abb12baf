import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../src/errors.js';
import { packagePath } from '../../src/paths.js';
import { loadCase } from '../run-case.js';

/** The cases shipped with the repository. */
export const CASES_DIR = packagePath('eval', 'cases');

const isCase = (dir: string) => fs.existsSync(path.join(dir, 'case.json'));

function casesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && isCase(path.join(dir, entry.name)))
    .map((entry) => path.join(dir, entry.name))
    .sort();
}

/**
 * Resolves `--cases` into case folders: a folder holding `case.json`, a
 * folder of such folders (anywhere, not only eval/cases), or the id of a
 * shipped case; comma-separated or repeated. No selection means every
 * shipped case. Each case is parsed and its files looked up here, so a
 * broken one stops the run before any work.
 *
 * @example
 * selectCases(['demo-shuxue-g3-zhouchang,yuwen-g1-short', '/data/more-cases'])
 */
export function selectCases(selection: readonly string[]): string[] {
  const specs = selection
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const dirs = specs.length === 0 ? casesUnder(CASES_DIR) : specs.flatMap(resolveSpec);
  const unique = [...new Set(dirs.map((dir) => path.resolve(dir)))];
  for (const dir of unique) {
    let files: string[];
    try {
      const evalCase = loadCase(dir);
      files = [...evalCase.materials, ...evalCase.transcripts].map((m) => m.file);
    } catch (error) {
      throw new InputError(path.join(dir, 'case.json'), 'invalid', `评测用例格式有误：${(error as Error).message.slice(0, 300)}`);
    }
    const missing = files.find((file) => !fs.existsSync(path.join(dir, file)));
    if (missing) throw new InputError(path.join(dir, missing), 'not-found', `评测用例 ${path.basename(dir)} 缺少文件 ${missing}`);
  }
  return unique;
}

function resolveSpec(spec: string): string[] {
  if (fs.existsSync(spec) && fs.statSync(spec).isDirectory()) {
    if (isCase(spec)) return [spec];
    const found = casesUnder(spec);
    if (found.length === 0) throw new InputError(spec, 'not-found', `${spec} 下没有评测用例（含 case.json 的文件夹）`);
    return found;
  }
  const shipped = path.join(CASES_DIR, spec);
  if (isCase(shipped)) return [shipped];
  throw new InputError(spec, 'not-found', `没有找到评测用例「${spec}」：既不是文件夹，也不是 eval/cases 中的用例名`);
}
