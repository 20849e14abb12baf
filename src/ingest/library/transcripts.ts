import fs from 'node:fs/promises';
import type { Db } from '../../db/client.js';
import { InputError, type InputProblem } from '../../errors.js';
import { type AsrConfig, asrId } from '../asr/config.js';
import { isMediaFile, NO_ASR } from '../asr/media.js';
import { checkRecording, type StoredRecording, transcribeMedia } from '../asr/transcribe.js';
import { sha256Hex } from '../file-type.js';
import { ingestTranscript, type TranscriptOptions } from '../transcript.js';
import type { IngestedTranscript, InputFile } from '../types.js';
import { ingestVersion } from '../version.js';
import { ParsedStore } from './parsed-store.js';
import { type MaterialState, stateOf } from './state.js';

export interface TranscriptLibraryOptions {
  db: Db;
  files: {
    pathOf(sha256: string): string;
    put(bytes: Uint8Array, mediaType: string): Promise<string>;
    /** Takes in a file already on disk and hashed (a streamed upload) by renaming it. */
    adopt(file: string, sha256: string, bytes: number, mediaType: string): Promise<string>;
  };
  /** Null when no ASR endpoint is configured: a video is then refused with what to do instead. */
  asr: AsrConfig | null;
  /** Reads subtitles; the service passes the parse pool's, so a 100k-cue file never holds its main thread. */
  parseSubtitles?: (file: InputFile, options: TranscriptOptions) => Promise<IngestedTranscript>;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

/** A recording received to disk (a streamed upload), hashed while it was written; the library takes it into the store. */
export interface ReceivedRecording extends StoredRecording {
  bytes: number;
}

/**
 * A lesson video's words, whichever way they come: subtitles (SRT, WebVTT, a
 * plain transcript) are read at once; a video or audio recording is
 * transcribed by the configured ASR endpoint in the background, once per file
 * (kept by file hash, ingest version and recognizer in `parsed_documents`),
 * with progress by chunk. V1 reads both the same way.
 *
 * @example
 * const { state } = await transcripts.add({ name: '微课.mp4', bytes }); // state.status === 'recognising'
 * const transcript = await transcripts.read({ name: '微课.mp4', bytes }); // waits for the transcription
 */
export class TranscriptLibrary {
  private readonly store: ParsedStore<IngestedTranscript> | null;
  private readonly jobs = new Map<string, Promise<void>>();
  private chain: Promise<void> = Promise.resolve();
  private readonly controller = new AbortController();

  constructor(private readonly options: TranscriptLibraryOptions) {
    this.store = options.asr ? new ParsedStore(options.db, `${ingestVersion()}:${asrId(options.asr)}`) : null;
  }

  /**
   * Takes an upload. Subtitles come back parsed; a recording is checked (it
   * can be decoded, it is not too long), stored, and queued for transcription.
   *
   * A recording may be given as a file received to disk (`path`, `sha256`,
   * `bytes`: a streamed upload), which is checked and then moved into the file
   * store, never read into memory.
   *
   * @throws InputError for unreadable subtitles, an unreadable or too long
   *   recording, or a recording without an ASR endpoint configured.
   */
  async add(
    file: InputFile | ReceivedRecording,
    options: TranscriptOptions = {},
  ): Promise<{ transcript: IngestedTranscript; state: MaterialState | null }> {
    if (!isMediaFile(file.name)) {
      const bytes = 'path' in file ? await fs.readFile(file.path) : file.bytes;
      return { transcript: await this.parseSubtitles({ name: file.name, bytes }, options), state: null };
    }
    const row = await this.prepare(file);
    if (row.status === 'failed') throw errorOf(file.name, row.error);
    // While recognising, the transcript has the recording's length and no cues yet.
    return { transcript: { ...row.document, name: file.name }, state: stateOf(row) };
  }

  /** The transcript for V1: parsed subtitles, or the recording's transcription (waiting for it if under way). */
  async read(file: InputFile, options: TranscriptOptions = {}): Promise<IngestedTranscript> {
    if (!isMediaFile(file.name)) return this.parseSubtitles(file, options);
    let row = await this.prepare(file);
    if (row.status === 'recognising') {
      await this.transcribe(row.sha256, file.name);
      row = this.store!.get(row.sha256) ?? row;
    }
    if (row.status === 'failed') throw errorOf(file.name, row.error);
    return { ...row.document, name: file.name };
  }

  private parseSubtitles(file: InputFile, options: TranscriptOptions): Promise<IngestedTranscript> {
    return this.options.parseSubtitles
      ? this.options.parseSubtitles(file, options)
      : Promise.resolve().then(() => ingestTranscript(file, options));
  }

  /** Whether a speech recognizer is configured: without one a recording is refused, so an upload can be refused before it is received. */
  get transcribes(): boolean {
    return this.store !== null;
  }

  /** A recording's transcription state, or null (subtitles, or a file this library has not seen). */
  state(sha256: string): MaterialState | null {
    const row = this.store?.get(sha256);
    return row ? stateOf(row) : null;
  }

  /** After a restart: transcriptions that were under way start again. */
  start(): void {
    for (const sha256 of this.store?.recognising() ?? []) {
      const row = this.store!.get(sha256);
      if (row) void this.transcribe(sha256, row.document.name).catch(() => {});
    }
  }

  async close(): Promise<void> {
    this.controller.abort(new Error('library closed'));
    await Promise.allSettled([...this.jobs.values()]);
  }

  private async prepare(file: InputFile | ReceivedRecording) {
    const store = this.store;
    if (!store) {
      throw new InputError(file.name, 'unsupported-type', NO_ASR);
    }
    const fileSha = 'path' in file ? file.sha256 : sha256Hex(file.bytes);
    const existing = store.get(fileSha);
    // A failure of the recognizer (time-out, network) may pass: such a file is tried again; a bad file is not.
    if (existing && !(existing.status === 'failed' && existing.error?.problem === 'asr-failed')) {
      if (existing.status === 'recognising') void this.transcribe(existing.sha256, file.name).catch(() => {});
      return existing;
    }
    const { durationSec } = await checkRecording(file, this.options.asr!);
    const sha256 =
      'path' in file
        ? await this.options.files.adopt(file.path, file.sha256, file.bytes, 'application/octet-stream')
        : await this.options.files.put(file.bytes, 'application/octet-stream');
    store.put(sha256, placeholder(file.name, sha256, durationSec), 'recognising', 1);
    void this.transcribe(sha256, file.name).catch(() => {});
    return store.get(sha256)!;
  }

  /** Runs (or joins) one file's transcription; one file at a time, so two long videos do not compete. */
  private transcribe(sha256: string, name: string): Promise<void> {
    const running = this.jobs.get(sha256);
    if (running) return running;
    const job = this.chain.then(() => this.runJob(sha256, name));
    this.chain = job.catch(() => {});
    const tracked = job.finally(() => this.jobs.delete(sha256));
    this.jobs.set(sha256, tracked);
    return tracked;
  }

  private async runJob(sha256: string, name: string): Promise<void> {
    const store = this.store!;
    if (store.get(sha256)?.status !== 'recognising') return;
    const started = performance.now();
    try {
      // Read by ffmpeg from the store, never into memory: a lesson video may be hundreds of MB.
      const transcript = await transcribeMedia(
        { name, path: this.options.files.pathOf(sha256), sha256 },
        {
          config: this.options.asr!,
          signal: this.controller.signal,
          onProgress: (done, total) => store.progress(sha256, done, total),
        },
      );
      store.finish(sha256, transcript);
      this.options.log?.('asr.finished', { sha256, cues: transcript.cues.length, ms: Math.round(performance.now() - started) });
    } catch (error) {
      if (this.controller.signal.aborted) return;
      const input =
        error instanceof InputError
          ? { problem: error.problem, detail: error.detail }
          : { problem: 'asr-failed', detail: `语音转写出错（${(error as Error).message}）；请稍后重试，或上传字幕文件（.srt/.vtt）` };
      store.fail(sha256, input);
      this.options.log?.('asr.failed', { sha256, problem: input.problem });
    }
  }
}

/** What is known of a recording before it is transcribed: its name (for a restart) and its length. */
function placeholder(name: string, sha256: string, durationSec: number): IngestedTranscript {
  return { name, sha256, format: 'asr', encoding: 'utf-8', cues: [], durationSec, timingEstimated: false, warnings: [] };
}

function errorOf(name: string, error: MaterialState['error']): InputError {
  return new InputError(name, (error?.problem ?? 'asr-failed') as InputProblem, error?.detail ?? '语音转写失败');
}
