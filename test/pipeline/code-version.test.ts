import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';
import { importsOf, moduleWalker, STEP_CODE, stepCodeVersions } from '../../src/pipeline/code-version/index.js';
import { STEPS } from '../../src/pipeline/registry.js';
import type { StepId } from '../../src/pipeline/step.js';
import { compiledBin } from '../support/compiled.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-code-version-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const IDS = STEPS.map((step) => step.id);
const ingest = () => 'ingest-v1';

/** The steps whose version differs between two version tables. */
function changed(before: Record<StepId, string>, after: Record<StepId, string>): StepId[] {
  return IDS.filter((id) => before[id] !== after[id]);
}

/** Appends a comment to a file: new bytes, same behaviour, as an edit that a deploy ships. */
function touch(file: string): void {
  fs.appendFileSync(file, '\n// edited\n');
}

describe('importsOf', () => {
  it('finds static, re-exported, side-effect, dynamic and worker imports, and leaves out type-only ones', () => {
    const source = [
      "import { a, type B } from './a.js';",
      'import {\n  c,\n  d,\n} from "./c.js";',
      "import type { E } from './e.js';",
      "export type { F } from './f.js';",
      "export { g } from './g.js';",
      "export * from './h.js';",
      "import './side.js';",
      "import * as z from 'zod';",
      "const r = await import('./render.js');",
      "new Worker(new URL('./entry.mjs', import.meta.url));",
      "const text = 'not an import from here';",
    ].join('\n');
    expect(importsOf(source).sort()).toEqual(
      ['./a.js', './c.js', './entry.mjs', './g.js', './h.js', './render.js', './side.js', 'zod'].sort(),
    );
  });
});

describe('STEP_CODE', () => {
  it('names, for every registered step, the module that defines it', async () => {
    for (const step of STEPS) {
      const module = (await import(packagePath('src', `${STEP_CODE[step.id].definition}.ts`))) as Record<string, unknown>;
      expect(Object.values(module), step.id).toContain(step);
    }
  });
});

describe('stepCodeVersions on a copy of the sources', () => {
  // A copy, so the test can edit sources without touching the tree that other tests run.
  const root = path.join(work, 'copy');
  fs.cpSync(packagePath('src'), path.join(root, 'src'), { recursive: true });
  fs.cpSync(packagePath('templates/themes'), path.join(root, 'templates/themes'), { recursive: true });
  fs.symlinkSync(packagePath('node_modules'), path.join(root, 'node_modules'));
  const versions = () => stepCodeVersions({ srcDir: path.join(root, 'src'), packageRoot: root, ingest });
  const dependants = (module: string) => {
    const walker = moduleWalker();
    const file = path.join(root, 'src', module);
    return IDS.filter((id) =>
      walker
        .graph([path.join(root, 'src', `${STEP_CODE[id].definition}.ts`), path.join(root, 'src/pipeline/execute-step.ts')])
        .files.includes(file),
    );
  };

  it('are the same for the same code wherever it lies, and differ between steps', () => {
    const first = versions();
    expect(stepCodeVersions({ srcDir: packagePath('src'), ingest })).toEqual(first);
    expect(new Set(Object.values(first)).size).toBe(IDS.length);
  });

  it('changing a module only C3 imports changes C3 alone', () => {
    expect(dependants('steps/c3-pptx/render.ts')).toEqual(['C3']);
    const before = versions();
    touch(path.join(root, 'src/steps/c3-pptx/render.ts'));
    expect(changed(before, versions())).toEqual(['C3']);
  });

  it('changing a shared module changes exactly the steps that import it', () => {
    const shared = 'steps/shared/citations.ts';
    const users = dependants(shared);
    expect(users.length).toBeGreaterThan(1);
    expect(users.length).toBeLessThan(IDS.length);
    const before = versions();
    touch(path.join(root, 'src', shared));
    expect(changed(before, versions())).toEqual(users);
  });

  it('a theme file is part of the steps that render with themes; the ingest version of the steps that read materials', () => {
    const before = versions();
    touch(path.join(root, 'templates/themes', fs.readdirSync(path.join(root, 'templates/themes'))[0]!));
    expect(changed(before, versions())).toEqual(dependants('render/pptx/theme.ts'));
    const reparsed = stepCodeVersions({ srcDir: path.join(root, 'src'), packageRoot: root, ingest: () => 'ingest-v2' });
    expect(changed(versions(), reparsed)).toEqual(IDS.filter((id) => STEP_CODE[id].readsMaterials));
  });
});

describe('the compiled command keys each step by its own code', () => {
  // A copy of the compiled program (dist/ as `npm start` and `npx lessonprep` run it), so one of its modules can change between runs.
  const pkg = path.join(work, 'pkg');
  compiledBin();
  for (const part of ['package.json', 'dist', 'prompts', 'templates', 'src/db/migrations']) {
    fs.cpSync(packagePath(part), path.join(pkg, part), { recursive: true });
  }
  fs.symlinkSync(packagePath('node_modules'), path.join(pkg, 'node_modules'));
  const demo = packagePath('eval/cases/demo-shuxue-g3-zhouchang');
  const out = path.join(work, 'out');

  function run(): Record<StepId, boolean> {
    const result = spawnSync(
      process.execPath,
      [
        path.join(pkg, 'dist/src/cli/main.js'),
        'run',
        ...['--subject', '数学', '--grade', '3', '--edition', '人教版'],
        ...['--material', path.join(demo, 'materials/textbook-p82-84.pdf'), '--transcript', path.join(demo, 'video/zhouchang.srt')],
        ...['--out', out],
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: path.join(work, 'data') }, timeout: 300_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8')) as { steps: { id: StepId; cached: boolean }[] };
    return Object.fromEntries(report.steps.map((step) => [step.id, step.cached])) as Record<StepId, boolean>;
  }
  const recomputed = (cached: Record<StepId, boolean>) => IDS.filter((id) => !cached[id]);

  it('after an edit to the deck renderer only C3 runs again; after an edit to a shared module, only its dependants', () => {
    expect(recomputed(run())).toEqual(IDS);
    touch(path.join(pkg, 'dist/src/steps/c3-pptx/render.js'));
    expect(recomputed(run())).toEqual(['C3']);

    const walker = moduleWalker();
    const shared = path.join(pkg, 'dist/src/steps/shared/citations.js');
    const users = IDS.filter((id) => walker.graph([path.join(pkg, 'dist/src', `${STEP_CODE[id].definition}.js`)]).files.includes(shared));
    expect(users).toContain('T2');
    touch(shared);
    expect(recomputed(run())).toEqual(users);
  });
});
