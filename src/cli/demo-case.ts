import fs from 'node:fs';
import path from 'node:path';
import { EvalCase } from '../../eval/case-schema.js';
import { packagePath } from '../paths.js';
import type { RunCommand } from './args.js';

const DEMO_CASE = 'eval/cases/demo-shuxue-g3-zhouchang';

/**
 * The shipped sample lesson as a run command: `lessonprep demo` and `npm run demo`.
 *
 * @example
 * const command = demoCommand(['--out', 'out/demo']);
 */
export function demoCommand(argv: string[]): RunCommand {
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const out = option('--out') ?? 'out/demo';
  const engine = option('--engine');
  const dir = packagePath(DEMO_CASE);
  const demo = EvalCase.parse(JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')));
  return {
    request: demo.request,
    materials: demo.materials.map((m) => path.join(dir, m.file)),
    transcripts: demo.transcripts.map((t) => ({ ...t, file: path.join(dir, t.file) })),
    engine: engine === 'openai' || engine === 'offline' ? engine : 'auto',
    theme: 'qingsong',
    out,
    owner: null,
    debug: argv.includes('--debug'),
  };
}
