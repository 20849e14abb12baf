import { InputError } from '../../errors.js';
import { ingestDocument } from '../document.js';
import type { IngestLimits, InputFile } from '../types.js';

/**
 * One file to parse; a parse process takes the next only after answering this one.
 * Pages that need OCR are left listed for the material library, which recognises them.
 */
export interface IngestRequest {
  file: InputFile;
  limits: Partial<IngestLimits>;
}

export type IngestReply =
  /** Sent once, when the parsers are loaded: a file's time limit starts when a process can work on it. */
  | { ready: true }
  | { ok: true; document: Awaited<ReturnType<typeof ingestDocument>> }
  | { ok: false; input: { file: string; problem: InputError['problem']; detail: string } | null; message: string };

const send = (reply: IngestReply) => process.send!(reply);

process.on('message', async ({ file, limits }: IngestRequest) => {
  try {
    send({ ok: true, document: await ingestDocument(file, limits, { deferOcr: true }) });
  } catch (error) {
    const input = error instanceof InputError ? { file: error.file, problem: error.problem, detail: error.detail } : null;
    send({ ok: false, input, message: (error as Error).message });
  }
});
// The parent going away (a crash, kill -9) must not leave this process behind.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
