import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The libraries whose upgrade changes what a file parses or recognises to. */
const PARSING_PACKAGES = [
  'pdf-parse',
  'pdfjs-dist',
  'mammoth',
  'jszip',
  '@xmldom/xmldom',
  'tesseract.js',
  'tesseract.js-core',
  '@tesseract.js-data/chi_sim',
  '@tesseract.js-data/eng',
  'sharp',
] as const;

let cached: string | null = null;

/**
 * The ingest code version: a hash of the ingest code itself (this folder,
 * whatever it is compiled to) and the versions of the parsing libraries. It
 * keys the parse-once cache, so a deploy that changes only the plan or the
 * deck does not parse and recognise every lesson's files again, while a change
 * to a PDF rule or a new pdf.js does.
 *
 * @example
 * const key = { sha256, version: ingestVersion() };
 */
export function ingestVersion(): string {
  if (cached) return cached;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  for (const file of codeFiles(here)) {
    hash.update(path.relative(here, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  hash.update(JSON.stringify(packageVersions()));
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}

/** The versions of the parsing libraries as installed (null for one that is missing). */
export function packageVersions(): Record<string, string | null> {
  const require = createRequire(import.meta.url);
  const pdfParse = createRequire(fileURLToPath(import.meta.resolve('pdf-parse')));
  return Object.fromEntries(
    PARSING_PACKAGES.map((name) => {
      // pdf.js is the copy pdf-parse imports, not whatever else node_modules holds.
      const from = name === 'pdfjs-dist' ? pdfParse : require;
      try {
        return [name, (from(`${name}/package.json`) as { version: string }).version];
      } catch {
        return [name, versionFromPath(from, name)];
      }
    }),
  );
}

/** For packages whose exports hide package.json: the manifest found beside their entry. */
function versionFromPath(from: NodeJS.Require, name: string): string | null {
  try {
    let dir = path.dirname(from.resolve(name));
    while (dir !== path.dirname(dir)) {
      const manifest = path.join(dir, 'package.json');
      if (fs.existsSync(manifest)) {
        const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version: string };
        if (pkg.name === name) return pkg.version;
      }
      dir = path.dirname(dir);
    }
  } catch {
    // Not installed.
  }
  return null;
}

function codeFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
