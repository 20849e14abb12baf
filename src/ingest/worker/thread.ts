import { parentPort } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { ingestDocument } from '../document.js';
import type { IngestLimits, InputFile } from '../types.js';

/**
 * One file to parse; a worker takes the next only after answering this one.
 * Pages that need OCR are left listed for the material library, which recognises them.
 */
export interface IngestRequest {
  file: InputFile;
  limits: Partial<IngestLimits>;
}

export type IngestReply =
  | { ok: true; document: Awaited<ReturnType<typeof ingestDocument>> }
  | { ok: false; input: { file: string; problem: InputError['problem']; detail: string } | null; message: string };

parentPort!.on('message', async ({ file, limits }: IngestRequest) => {
  try {
    parentPort!.postMessage({ ok: true, document: await ingestDocument(file, limits, { deferOcr: true }) } satisfies IngestReply);
  } catch (error) {
    const input = error instanceof InputError ? { file: error.file, problem: error.problem, detail: error.detail } : null;
    parentPort!.postMessage({ ok: false, input, message: (error as Error).message } satisfies IngestReply);
  }
});
