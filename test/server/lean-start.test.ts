import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleTraceEnv, tracedPackages } from '../support/module-trace/index.js';
import { freePort, startServiceProcess } from '../support/service-process.js';

/**
 * Libraries the service needs only for a model call, a parse, an export or a
 * password: they load at first use (src/lazy.ts and the loaders beside each),
 * so an idle service holds none of them (issue 11, item 5: ≤ 150 MB idle).
 */
const LOADED_ON_DEMAND = [
  '@langchain/core',
  '@langchain/openai',
  'openai',
  'langsmith',
  'js-tiktoken',
  'pdf-parse',
  'pdfjs-dist',
  '@napi-rs/canvas',
  'mammoth',
  'jszip',
  '@xmldom/xmldom',
  'image-size',
  'sharp',
  'tesseract.js',
  'docx',
  'pptxgenjs',
  'diff',
  '@node-rs/argon2',
];

describe('the service at start', { timeout: 180_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessonprep-lean-'));
  const trace = path.join(dir, 'modules.txt');
  let stop = () => {};
  beforeAll(async () => {
    const child = await startServiceProcess(path.join(dir, 'data'), await freePort(), moduleTraceEnv(trace));
    stop = () => child.kill('SIGTERM');
  });
  afterAll(() => {
    stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has loaded none of the libraries that only a model call, a parse or an export needs', () => {
    const loaded = tracedPackages(trace);
    // What it does load, so a failure shows the whole picture (a new eager import shows up here).
    expect(loaded.get('hono')).toBeGreaterThan(0);
    expect(LOADED_ON_DEMAND.filter((name) => loaded.has(name))).toEqual([]);
  });
});
