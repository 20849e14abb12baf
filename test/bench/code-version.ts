/**
 * The per-step code versions' start-up cost (issue 10, item 5): how long the
 * compiled program takes, in a fresh process, to read the import graph of the
 * nine steps and hash it, and the ingest version (which the steps that read
 * materials include; the material library computes it anyway), measured apart.
 */
import { spawnSync } from 'node:child_process';
import { packagePath } from '../../src/paths.js';
import { compiledBin } from '../support/compiled.js';

type Report = (label: string, value: string) => void;

const PROBE = `
const { stepCodeVersions } = await import(process.argv[1]);
const { ingestVersion } = await import(process.argv[2]);
let t = performance.now();
ingestVersion();
const ingest = performance.now() - t;
t = performance.now();
stepCodeVersions();
const all = performance.now() - t;
console.log(JSON.stringify({ ingest, all }));
`;

export function benchCodeVersion(report: Report): void {
  compiledBin();
  const runs = Array.from({ length: 5 }, () => {
    const result = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        PROBE,
        packagePath('dist/src/pipeline/code-version/index.js'),
        packagePath('dist/src/ingest/version.js'),
      ],
      { encoding: 'utf8' },
    );
    return JSON.parse(result.stdout) as { ingest: number; all: number };
  }).sort((a, b) => a.all - b.all);
  const median = runs[2]!;
  report('Step code versions, once per process (compiled, fresh process)', `${(median.all + median.ingest).toFixed(0)} ms`);
  report('  import graphs and hashes of the nine steps', `${median.all.toFixed(0)} ms`);
  report('  the ingest version (parse-once key, shared with uploads)', `${median.ingest.toFixed(0)} ms`);
}
