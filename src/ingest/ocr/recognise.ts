import { InputError } from '../../errors.js';
import { formatNumbered } from '../messages.js';
import { judgePages } from '../pdf.js';
import { assessPageText } from '../quality.js';
import type { IngestedDocument, IngestedPage, IngestLimits, InputFile } from '../types.js';
import { cleanOcrText } from './clean.js';
import type { OcrEngine } from './engine.js';
import { pdfOnDisk, preparePhoto, renderPdfPage } from './page-images.js';

export interface RecogniseOptions {
  engine: OcrEngine;
  limits: Pick<IngestLimits, 'maxPixels' | 'maxOcrPages'>;
  /** OCR_PAGE_TIMEOUT_SEC: one page; a page that takes longer is skipped and named. */
  pageTimeoutMs: number;
  /** OCR_MIN_CONFIDENCE: pages below it are flagged to the teacher (still used, marked). */
  minConfidence: number;
  /** Called after each page, for the upload's progress. */
  onPage?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Recognises the pages a parse left to OCR (`ocrPages`: a scan's pages, a
 * photo, pages whose text layer is garbled) and returns the document with
 * their text in place, page numbers kept. Each page is cleaned (no spaces
 * between 汉字, broken lines joined), rated like any page, and carries its
 * confidence; pages under `minConfidence` are named in the warnings, so a
 * teacher checks them instead of trusting them. A page that times out or
 * fails is skipped and named; a file with no readable page after OCR is an
 * error naming it.
 *
 * @throws InputError `limit-exceeded` (too many pages to recognise), `no-text`, `ocr-failed`.
 * @example
 * const done = await recogniseDocument(file, parsed, { engine, limits, pageTimeoutMs: 120_000, minConfidence: 60 });
 */
export async function recogniseDocument(file: InputFile, document: IngestedDocument, options: RecogniseOptions): Promise<IngestedDocument> {
  const { ocrPages } = document;
  if (ocrPages.length > options.limits.maxOcrPages) {
    throw new InputError(
      file.name,
      'limit-exceeded',
      `有 ${ocrPages.length} 页需要文字识别，超过上限 ${options.limits.maxOcrPages} 页；请只上传本课需要的页面`,
    );
  }
  const images = await pageImages(file, document, options.limits.maxPixels);
  const failed: number[] = [];
  // Why the first failed page failed, when the file itself was at fault (an image that does not decode).
  let fileProblem: InputError | null = null;
  const recognised = new Map<number, IngestedPage>();
  try {
    for (const [i, page] of ocrPages.entries()) {
      options.signal?.throwIfAborted();
      try {
        const png = await images.get(page);
        const result = await withTimeout(options.pageTimeoutMs, options.signal, (signal) => options.engine.recognise(png, signal));
        recognised.set(page, ocrPage(page, result.text, result.confidence, options.minConfidence));
      } catch (error) {
        if (options.signal?.aborted) throw error;
        // Rendering that fails for want of pdftoppm fails every page alike: say so once, for the file.
        if (error instanceof InputError && /pdftoppm/.test(error.detail)) throw error;
        if (error instanceof InputError && error.problem !== 'ocr-failed') fileProblem ??= error;
        failed.push(page);
      }
      options.onPage?.(i + 1, ocrPages.length);
    }
  } finally {
    await images.dispose();
  }

  const pages = document.pages.map((page) => recognised.get(page.page) ?? page);
  if (failed.length === ocrPages.length && ocrPages.length > 0 && !pages.some((p) => p.quality === 'good')) {
    // A truncated photo is a broken file to re-send, not a recognition to retry later.
    if (fileProblem) throw fileProblem;
    throw new InputError(
      file.name,
      'ocr-failed',
      `${formatNumbered(failed, '页')}文字识别失败或超时；请稍后重试，或上传更清晰、更小的文件`,
    );
  }
  const warnings = [...document.warnings, ...judgePages(file.name, pages, true)];
  if (failed.length > 0) warnings.push(`${formatNumbered(failed, '页')}文字识别失败或超时，已跳过`);
  const doubtful = [...recognised.values()].filter((p) => p.quality === 'good' && p.note !== null).map((p) => p.page);
  if (doubtful.length > 0) {
    warnings.push(`${formatNumbered(doubtful, '页')}是文字识别（OCR）的结果，识别把握不高，引用前请对照原件核对`);
  }
  return { ...document, pages, ocrPages: [], warnings };
}

function ocrPage(page: number, raw: string, confidence: number | null, minConfidence: number): IngestedPage {
  const text = cleanOcrText(raw);
  const assessment = assessPageText(text);
  const rounded = confidence === null ? null : Math.round(confidence);
  const doubtful = assessment.quality === 'good' && rounded !== null && rounded < minConfidence;
  return {
    page,
    text,
    ...assessment,
    note: doubtful ? `文字识别置信度 ${rounded}%，低于 ${minConfidence}%，请核对` : assessment.note,
    ...(rounded === null ? {} : { ocrConfidence: rounded }),
  };
}

interface PageImages {
  get(page: number): Promise<Uint8Array>;
  dispose(): Promise<void>;
}

async function pageImages(file: InputFile, document: IngestedDocument, maxPixels: number): Promise<PageImages> {
  if (document.format === 'image') {
    return { get: () => preparePhoto(file.bytes, file.name, maxPixels), dispose: async () => {} };
  }
  const onDisk = await pdfOnDisk(file.bytes);
  return { get: (page) => renderPdfPage(onDisk.path, file.name, page), dispose: onDisk.dispose };
}

async function withTimeout<T>(ms: number, outer: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', abort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Error('timeout'));
      reject(new Error(`page took longer than ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', abort);
  }
}
