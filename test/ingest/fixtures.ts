import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { InputError, type InputProblem } from '../../src/errors.js';

/** The repository root (test/ingest/ → ../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtureDir = path.join(repoRoot, 'test/fixtures/ingest');

/** A fixture as an upload: its name and bytes. */
export function fixture(name: string): { name: string; bytes: Uint8Array } {
  return { name, bytes: new Uint8Array(fs.readFileSync(path.join(fixtureDir, name))) };
}

/** An upload made from a string, UTF-8 unless told otherwise. */
export function textFile(name: string, text: string, encoding: BufferEncoding = 'utf8'): { name: string; bytes: Uint8Array } {
  return { name, bytes: new Uint8Array(Buffer.from(text, encoding)) };
}

/** Runs `fn`, expects an InputError with this problem, and returns it for further checks. */
export async function expectInputError(fn: () => unknown, problem: InputProblem): Promise<InputError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problem).toBe(problem);
    return error as InputError;
  }
  throw new Error(`expected InputError '${problem}', but nothing was thrown`);
}
