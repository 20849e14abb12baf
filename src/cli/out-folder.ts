import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The `--out` folder of `lessonprep run`: the files of the last run that
 * succeeded, and a `run.json` that says what they are and, when a later run
 * failed, what happened to it. Files are written into a staging folder inside
 * it and moved in only when all are written, so a failed, cancelled or killed
 * run never leaves a half-new set beside an old one. Only files this command
 * wrote are ever replaced or removed: the folder may hold the teacher's own.
 */

const STAGING_PREFIX = '.lessonprep-staging-';
const REPORT = 'run.json';

interface Report {
  files: string[];
  [key: string]: unknown;
}

async function readReport(out: string): Promise<Report | null> {
  try {
    const report = JSON.parse(await fs.readFile(path.join(out, REPORT), 'utf8')) as Report;
    return Array.isArray(report.files) ? report : null;
  } catch {
    return null;
  }
}

/** Writes `run.json` whole or not at all. */
async function writeReport(dir: string, report: unknown): Promise<void> {
  const partial = path.join(dir, `.${REPORT}.${randomBytes(4).toString('hex')}`);
  await fs.writeFile(partial, `${JSON.stringify(report, null, 2)}\n`);
  await fs.rename(partial, path.join(dir, REPORT));
}

/** Staging folders a killed run left behind. */
async function removeStaging(out: string): Promise<void> {
  const entries = await fs.readdir(out).catch(() => [] as string[]);
  await Promise.all(
    entries.filter((e) => e.startsWith(STAGING_PREFIX)).map((e) => fs.rm(path.join(out, e), { recursive: true, force: true })),
  );
}

/**
 * Puts a successful run's files into `out`: `write` writes them into a staging
 * folder and returns their names; `report` makes run.json from the names. Files
 * the previous run wrote that this one did not (no video this time) are removed.
 * Returns the names, run.json last.
 *
 * @example
 * await publishOutputs('我的备课', (dir) => writeLessonFiles(dir, results, store), (files) => ({ ...report, files }));
 */
export async function publishOutputs(
  out: string,
  write: (dir: string) => Promise<string[]>,
  report: (names: string[]) => Report,
): Promise<string[]> {
  await fs.mkdir(out, { recursive: true });
  await removeStaging(out);
  const staging = path.join(out, `${STAGING_PREFIX}${randomBytes(4).toString('hex')}`);
  try {
    const names = (await write(staging)).filter((name) => name !== REPORT);
    const previous = await readReport(out);
    for (const name of names) await fs.rename(path.join(staging, name), path.join(out, name));
    const stale = (previous?.files ?? []).filter((name) => name !== REPORT && !names.includes(name) && path.basename(name) === name);
    await Promise.all(stale.map((name) => fs.rm(path.join(out, name), { force: true })));
    const all = [...names, REPORT];
    await writeReport(out, report(all));
    return all;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/**
 * Records a run that did not succeed without touching the files of the last
 * one that did: their run.json gains `latestAttempt`. With no earlier run,
 * run.json is this run's report.
 *
 * @example
 * await recordFailedAttempt('我的备课', { ...report, files: ['run.json'] });
 */
export async function recordFailedAttempt(out: string, attempt: Report): Promise<void> {
  await fs.mkdir(out, { recursive: true });
  await removeStaging(out);
  const previous = await readReport(out);
  if (previous?.status !== 'succeeded') {
    await writeReport(out, attempt);
    return;
  }
  const { files: _files, ...latestAttempt } = attempt;
  await writeReport(out, { ...previous, latestAttempt });
}
