import { execFile } from 'node:child_process';
import type { Db } from '../../db/client.js';
import { InputError, type InputProblem } from '../../errors.js';
import { lazily } from '../../lazy.js';
import type { AsrConfig } from '../asr/config.js';
import { sha256Hex } from '../file-type.js';
import type { OcrEngine } from '../ocr/engine.js';
import { judgePages } from '../pdf.js';
import { DEFAULT_LIMITS, type IngestedDocument, type IngestLimits, type InputFile } from '../types.js';
import { ingestVersion } from '../version.js';
import { ParsedStore } from './parsed-store.js';
import { type MaterialState, stateOf } from './state.js';
import { TranscriptLibrary, type TranscriptLibraryOptions } from './transcripts.js';

export interface LibraryOptions {
  db: Db;
  /** Stored files by hash: OCR reads the bytes from here, also after a restart. */
  files: {
    get(sha256: string): Promise<Uint8Array>;
    /** Where a stored file lies: a recording is transcribed from there, not read into memory. */
    pathOf(sha256: string): string;
    put(bytes: Uint8Array, mediaType: string): Promise<string>;
    adopt(file: string, sha256: string, bytes: number, mediaType: string): Promise<string>;
  };
  /** Parses a file, leaving OCR pages listed (`ingestDocument(…, { deferOcr: true })`, or the parse pool). */
  parse(file: InputFile, limits: Partial<IngestLimits>): Promise<IngestedDocument>;
  /** Makes the OCR engine on first need; null when OCR is switched off (OCR_ENGINE=off). */
  ocr: (() => OcrEngine) | null;
  /** The OCR engine's id, part of the cache key: text read by tesseract is not text read by a model. */
  ocrId: string;
  pageTimeoutMs?: number;
  minConfidence?: number;
  /** An idle OCR engine is closed after this long, giving back its memory (tesseract holds ~200 MB). */
  engineIdleMs?: number;
  /** The speech recognizer for video and audio (ASR_*); null or absent: recordings are refused with what to do instead. */
  asr?: AsrConfig | null;
  /** Reads subtitles off the main thread (the parse pool); absent: read in place (the CLI, tests). */
  parseSubtitles?: TranscriptLibraryOptions['parseSubtitles'];
  /** Defaults for `ingest` when the caller gives none. */
  limits?: Partial<IngestLimits>;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

// OCR renders pages and reads images (pdftoppm, sharp, image-size): loaded with the first scan, not at service start.
const recogniseDocument = lazily(() => import('../ocr/recognise.js'), 'recogniseDocument');

const MEDIA_TYPE: Record<IngestedDocument['format'], string> = {
  pdf: 'application/pdf',
  text: 'text/plain',
  markdown: 'text/markdown',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  image: 'image/*',
};

/**
 * The materials library (资料库): every file is parsed once and recognised
 * once, whoever asks. An upload gets its report at once — a scan or photo
 * comes back `recognising` and is read by OCR in the background, one page at
 * a time, with progress in the database that the API shows; a run's T1 gets
 * the finished document, waiting for OCR still under way. Parsed documents
 * and OCR results are kept by file hash and ingest version (`parsed_documents`),
 * so a second upload of the same file, and every later run, reuse them; after
 * a restart, OCR that was under way starts again.
 *
 * @example
 * const library = new MaterialLibrary({ db, files: store, parse: (f, l) => pool.parse(f, l), ocr: () => tesseractOcr(), ocrId });
 * const { document, state } = await library.add({ name: '扫描.pdf', bytes }); // state.status === 'recognising'
 * const ready = await library.ingest({ name: '扫描.pdf', bytes });              // waits for OCR
 */
export class MaterialLibrary {
  private readonly parsed: ParsedStore;
  private readonly jobs = new Map<string, Promise<void>>();
  private chain: Promise<void> = Promise.resolve();
  private engine: OcrEngine | null = null;
  private engineIdle: NodeJS.Timeout | null = null;
  private readonly controller = new AbortController();
  private rendererChecked: Promise<boolean> | null = null;
  /** Subtitles, and recordings transcribed in the background: what V1 reads. */
  readonly transcripts: TranscriptLibrary;

  constructor(private readonly options: LibraryOptions) {
    this.parsed = new ParsedStore(options.db, `${ingestVersion()}:${options.ocr ? options.ocrId : 'no-ocr'}`);
    this.transcripts = new TranscriptLibrary({
      db: options.db,
      files: options.files,
      asr: options.asr ?? null,
      parseSubtitles: options.parseSubtitles,
      log: options.log,
    });
  }

  /**
   * Takes an upload: parses it (or reuses the parse), stores the bytes, and
   * starts OCR in the background when pages need it. Returns at once.
   *
   * @throws InputError for a file that cannot be read at all, or whose recognition already failed.
   */
  async add(file: InputFile, limits: Partial<IngestLimits> = {}): Promise<{ document: IngestedDocument; state: MaterialState }> {
    const effective = { ...DEFAULT_LIMITS, ...this.options.limits, ...limits };
    const row = await this.prepare(file, effective);
    // A file already known to be unreadable (OCR found no text) is refused now, not attached to fail a run later.
    if (row.status === 'failed') throw this.errorOf(file.name, row);
    return { document: { ...row.document, name: file.name }, state: stateOf(row) };
  }

  /** The readable document, for T1: parsed once, waiting for its OCR if that is still under way. */
  async ingest(file: InputFile, limits: Partial<IngestLimits> = {}): Promise<IngestedDocument> {
    const effective = { ...DEFAULT_LIMITS, ...this.options.limits, ...limits };
    let row = await this.prepare(file, effective);
    if (row.status === 'recognising') {
      await this.recognise(row.sha256, file.name, effective);
      row = this.parsed.get(row.sha256) ?? row;
    }
    if (row.status === 'failed') throw this.errorOf(file.name, row);
    return { ...row.document, name: file.name };
  }

  /**
   * A stored file's parsed document as it stands (pages still being
   * recognised keep their placeholder text), or null when this library has
   * not parsed it or could not read it. Never parses: for showing a page.
   */
  parsedDocument(sha256: string): IngestedDocument | null {
    const row = this.parsed.get(sha256);
    return row && row.status !== 'failed' ? row.document : null;
  }

  /** The state of a stored file, or null when this library has not parsed it. */
  state(sha256: string): MaterialState | null {
    const row = this.parsed.get(sha256);
    return row ? stateOf(row) : null;
  }

  /** A stored file's document as read so far (recognised pages carry their OCR confidence), or null when not parsed here. */
  document(sha256: string): IngestedDocument | null {
    return this.parsed.get(sha256)?.document ?? null;
  }

  /** After a restart: OCR and transcriptions that were under way start again, in the background. */
  start(): void {
    this.transcripts.start();
    for (const sha256 of this.parsed.recognising()) {
      const row = this.parsed.get(sha256);
      if (row) void this.recognise(sha256, row.document.name, { ...DEFAULT_LIMITS, ...this.options.limits }).catch(() => {});
    }
  }

  async close(): Promise<void> {
    this.controller.abort(new Error('library closed'));
    await Promise.allSettled([...this.jobs.values(), this.transcripts.close()]);
    await this.closeEngine();
  }

  private async prepare(file: InputFile, limits: IngestLimits) {
    const existing = this.findByBytes(file);
    if (existing && !(existing.status === 'failed' && existing.error?.problem === 'ocr-failed')) {
      this.checkPages(file.name, existing.document, limits);
      if (existing.status === 'recognising') void this.recognise(existing.sha256, file.name, limits).catch(() => {});
      return existing;
    }
    const document = await this.options.parse(file, limits);
    const sha256 = await this.options.files.put(file.bytes, MEDIA_TYPE[document.format]);
    if (document.ocrPages.length === 0) {
      this.parsed.put(sha256, document, 'ready');
    } else if (!this.options.ocr) {
      // OCR is off: judged on its readable pages, as before OCR existed (a scan is refused).
      this.parsed.put(
        sha256,
        { ...document, ocrPages: [], warnings: [...document.warnings, ...judgePages(file.name, document.pages)] },
        'ready',
      );
    } else {
      if (document.format === 'pdf' && !(await this.canRender())) {
        throw new InputError(file.name, 'ocr-failed', '这个 PDF 需要文字识别，但服务器上没有安装 pdftoppm（管理员请安装 poppler-utils）');
      }
      this.parsed.put(sha256, document, 'recognising', document.ocrPages.length);
      void this.recognise(sha256, file.name, limits).catch(() => {});
    }
    return this.parsed.get(sha256)!;
  }

  private findByBytes(file: InputFile) {
    // The same hash the file store uses: a file is known by its content, whatever its name.
    return this.parsed.get(sha256Hex(file.bytes));
  }

  private checkPages(name: string, document: IngestedDocument, limits: IngestLimits): void {
    if (document.pages.length > limits.maxPages) {
      throw new InputError(name, 'too-large', `文件有 ${document.pages.length} 页，超过上限 ${limits.maxPages} 页；请只上传本课需要的部分`);
    }
  }

  /** Runs (or joins) the OCR of one stored file; jobs run one after another, each page under a time limit. */
  private recognise(sha256: string, name: string, limits: IngestLimits): Promise<void> {
    const running = this.jobs.get(sha256);
    if (running) return running;
    const job = this.chain.then(() => this.runJob(sha256, name, limits));
    this.chain = job.catch(() => {});
    const tracked = job.finally(() => this.jobs.delete(sha256));
    this.jobs.set(sha256, tracked);
    return tracked;
  }

  private async runJob(sha256: string, name: string, limits: IngestLimits): Promise<void> {
    const row = this.parsed.get(sha256);
    if (row?.status !== 'recognising') return;
    const started = performance.now();
    try {
      const bytes = await this.options.files.get(sha256);
      const engine = this.acquireEngine();
      const document = await recogniseDocument({ name, bytes }, row.document, {
        engine,
        limits,
        pageTimeoutMs: this.options.pageTimeoutMs ?? 120_000,
        minConfidence: this.options.minConfidence ?? 60,
        signal: this.controller.signal,
        onPage: (done) => this.parsed.progress(sha256, done),
      });
      this.parsed.finish(sha256, document);
      this.options.log?.('ocr.finished', { sha256, pages: row.pagesTotal, ms: Math.round(performance.now() - started) });
    } catch (error) {
      if (this.controller.signal.aborted) return;
      const input =
        error instanceof InputError
          ? { problem: error.problem, detail: error.detail }
          : { problem: 'ocr-failed', detail: `文字识别出错（${(error as Error).message}）；请稍后重试` };
      this.parsed.fail(sha256, input);
      this.options.log?.('ocr.failed', { sha256, problem: input.problem });
    } finally {
      this.releaseEngine();
    }
  }

  private acquireEngine(): OcrEngine {
    if (this.engineIdle) clearTimeout(this.engineIdle);
    this.engineIdle = null;
    this.engine ??= this.options.ocr!();
    return this.engine;
  }

  private releaseEngine(): void {
    if (this.jobs.size > 1) return;
    this.engineIdle = setTimeout(() => void this.closeEngine(), this.options.engineIdleMs ?? 60_000);
    this.engineIdle.unref();
  }

  private async closeEngine(): Promise<void> {
    if (this.engineIdle) clearTimeout(this.engineIdle);
    this.engineIdle = null;
    const engine = this.engine;
    this.engine = null;
    await engine?.close();
  }

  private canRender(): Promise<boolean> {
    this.rendererChecked ??= new Promise((resolve) => {
      execFile(process.env.PDFTOPPM_PATH ?? 'pdftoppm', ['-v'], (error) =>
        resolve((error as NodeJS.ErrnoException | null)?.code !== 'ENOENT'),
      );
    });
    return this.rendererChecked;
  }

  private errorOf(name: string, row: { error: MaterialState['error'] }): InputError {
    return new InputError(name, (row.error?.problem ?? 'ocr-failed') as InputProblem, row.error?.detail ?? '文字识别失败');
  }
}
