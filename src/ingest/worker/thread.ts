import { parentPort } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { ingestDocument } from '../document.js';
import type { IngestLimits, InputFile } from '../types.js';

export interface IngestRequest {
  id: number;
  file: InputFile;
  limits: Partial<IngestLimits>;
}

export type IngestReply =
  | { id: number; ok: true; document: Awaited<ReturnType<typeof ingestDocument>> }
  | { id: number; ok: false; input: { file: string; problem: InputError['problem']; detail: string } | null; message: string };

parentPort!.on('message', async ({ id, file, limits }: IngestRequest) => {
  try {
    parentPort!.postMessage({ id, ok: true, document: await ingestDocument(file, limits) } satisfies IngestReply);
  } catch (error) {
    const input = error instanceof InputError ? { file: error.file, problem: error.problem, detail: error.detail } : null;
    parentPort!.postMessage({ id, ok: false, input, message: (error as Error).message } satisfies IngestReply);
  }
});
