import fs from 'node:fs';

/** The file the build writes beside the compiled module (dist/src/cli/), never present beside the sources. */
const STEPS_TABLE_FILE = 'steps-table.md';

/**
 * What `lessonprep steps` prints. The compiled command reads the table the
 * build wrote beside it from the step definitions (scripts/build-server.mjs),
 * because loading the nine definitions (their schemas, prompts and engines)
 * takes several times longer than starting node; run from the sources, where
 * no such file exists, it builds the table from the definitions.
 *
 * @example
 * process.stdout.write(`${await stepsListing()}\n`);
 */
export async function stepsListing(): Promise<string> {
  try {
    return fs.readFileSync(new URL(STEPS_TABLE_FILE, import.meta.url), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { stepsTable } = await import('./steps-table.js');
    return stepsTable();
  }
}
