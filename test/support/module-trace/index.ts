import fs from 'node:fs';

/** `NODE_OPTIONS` for a child process whose module loads are to be traced into `file`. */
export function moduleTraceEnv(file: string): Record<string, string> {
  return { NODE_OPTIONS: `--import=${new URL('./register.mjs', import.meta.url).href}`, MODULE_TRACE: file };
}

/**
 * The npm packages a traced process loaded, with how many of their modules,
 * most first: `@langchain/core` for `…/node_modules/@langchain/core/dist/…`.
 *
 * @example
 * const child = spawn(process.execPath, [program], { env: { ...process.env, ...moduleTraceEnv(file) } });
 * … later: tracedPackages(file).get('zod') // 95
 */
export function tracedPackages(file: string): Map<string, number> {
  const urls = new Set(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean));
  const counts = new Map<string, number>();
  for (const url of urls) {
    const name = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Map([...counts].sort((a, b) => b[1] - a[1]));
}

/** How many modules (ours and the packages') a traced process loaded, built-ins left out. */
export function tracedModuleCount(file: string): number {
  return new Set(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((url) => url.startsWith('file:')),
  ).size;
}
