import { InputError } from '../../errors.js';
import { ingestDocument } from '../document.js';
import { ingestTranscript, type TranscriptOptions } from '../transcript.js';
import type { IngestedDocument, IngestedTranscript, IngestLimits, InputFile } from '../types.js';

/**
 * One file to parse; a parse process takes the next only after answering this one.
 * Pages that need OCR are left listed for the material library, which recognises them.
 */
export type IngestRequest =
  | { kind: 'document'; file: InputFile; limits: Partial<IngestLimits> }
  /** Subtitles: 100k cues take seconds to read, which the service's main thread cannot spare. */
  | { kind: 'transcript'; file: InputFile; options: TranscriptOptions };

export type IngestReply =
  /** Sent once, when the parsers are loaded: a file's time limit starts when a process can work on it. */
  | { ready: true }
  | { ok: true; document: IngestedDocument | IngestedTranscript }
  | { ok: false; input: { file: string; problem: InputError['problem']; detail: string } | null; message: string };

const send = (reply: IngestReply) => process.send!(reply);

process.on('message', async (request: IngestRequest) => {
  try {
    const document =
      request.kind === 'document'
        ? await ingestDocument(request.file, request.limits, { deferOcr: true })
        : ingestTranscript(request.file, request.options);
    send({ ok: true, document });
  } catch (error) {
    const input = error instanceof InputError ? { file: error.file, problem: error.problem, detail: error.detail } : null;
    send({ ok: false, input, message: (error as Error).message });
  }
});
// The parent going away (a crash, kill -9) must not leave this process behind.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
