import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'tesseract.js';
import type { OcrEngine, Recognition } from './engine.js';

const LANGUAGES = ['chi_sim', 'eng'] as const;
/** The LSTM models quantised to integers: the ones tesseract.js itself picks for LSTM-only recognition, and the fastest. */
const MODEL_FOLDER = '4.0.0_best_int';

/**
 * One folder holding both languages' model files, as links into the npm
 * packages @tesseract.js-data/chi_sim and /eng. tesseract.js reads every
 * language from one `langPath`, and without one it downloads from a CDN at
 * run time, which this product never does.
 */
function languageFolder(): string {
  const require = createRequire(import.meta.url);
  const sources = LANGUAGES.map((lang) =>
    path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), MODEL_FOLDER, `${lang}.traineddata.gz`),
  );
  // One folder per installation: two checkouts on one machine must not re-point each other's links.
  const id = createHash('sha256').update(sources.join('\n')).digest('hex').slice(0, 12);
  const folder = path.join(os.tmpdir(), `lessonprep-tessdata-${id}`);
  fs.mkdirSync(folder, { recursive: true });
  for (const [i, lang] of LANGUAGES.entries()) {
    const source = sources[i]!;
    const link = path.join(folder, `${lang}.traineddata.gz`);
    if (fs.existsSync(link) && fs.realpathSync(link) === fs.realpathSync(source)) continue;
    fs.rmSync(link, { force: true });
    fs.symlinkSync(source, link);
  }
  return folder;
}

/**
 * OCR with tesseract.js (Tesseract compiled to WebAssembly, on a worker
 * thread of its own) and the simplified-Chinese and English LSTM models from
 * npm: offline, nothing downloaded at run time. Automatic page segmentation;
 * the confidence is tesseract's mean word confidence for the page. A page
 * whose recognition is aborted (its time limit passed) ends the worker, and
 * the next page starts a fresh one.
 *
 * @example
 * const engine = tesseractOcr();
 * const { text, confidence } = await engine.recognise(png, AbortSignal.timeout(120_000));
 * await engine.close();
 */
export function tesseractOcr(): OcrEngine {
  let worker: Promise<Worker> | null = null;
  const start = async (): Promise<Worker> => {
    // Loaded on first use, not when the service or the CLI starts.
    const { createWorker, OEM, PSM } = await import('tesseract.js');
    const w = await createWorker([...LANGUAGES], OEM.LSTM_ONLY, {
      langPath: languageFolder(),
      gzip: true,
      // Never write the unpacked models into the working directory.
      cacheMethod: 'none',
    });
    // Keep the spaces Tesseract sees between Latin words; those between 汉字 are removed when cleaning.
    // Page images carry no resolution; pages are rendered at about 200 dpi (OCR_LONG_SIDE), so say so.
    await w.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: '1', user_defined_dpi: '200' });
    return w;
  };
  const stop = async () => {
    const current = worker;
    worker = null;
    if (current) await (await current).terminate();
  };
  return {
    id: `tesseract.js ${LANGUAGES.join('+')} ${MODEL_FOLDER}`,
    async recognise(png: Uint8Array, signal: AbortSignal): Promise<Recognition> {
      worker ??= start();
      const current = worker;
      const onAbort = () => void stop();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        const { data } = await (await current).recognize(Buffer.from(png));
        return { text: data.text, confidence: data.confidence };
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
    close: stop,
  };
}
