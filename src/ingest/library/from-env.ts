import type { Db } from '../../db/client.js';
import { ConfigError } from '../../errors.js';
import { lazily } from '../../lazy.js';
import type { ModelConfig } from '../../llm/config.js';
import { readAsrConfig } from '../asr/config.js';
import type { OcrEngine } from '../ocr/engine.js';
import { tesseractOcr } from '../ocr/tesseract-ocr.js';
import type { IngestLimits } from '../types.js';
import { ParsePool } from '../worker/pool.js';
import { MaterialLibrary } from './library.js';

export interface LibrarySetup {
  db: Db;
  files: ConstructorParameters<typeof MaterialLibrary>[0]['files'];
  /** Needed for OCR_ENGINE=model. */
  modelConfig: ModelConfig | null;
  limits?: Partial<IngestLimits>;
  /** `pool`: parse on worker threads (the service); `inline`: in this thread (the CLI, one file after another). */
  parsing: 'pool' | 'inline';
  log?: (event: string, fields: Record<string, unknown>) => void;
  env?: NodeJS.ProcessEnv;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** Parsing in this thread (the CLI) loads the parsers (pdf.js, JSZip …) with the first file; the service parses in its pool and never loads them here. */
const ingestDocument = lazily(() => import('../document.js'), 'ingestDocument');

/** The model OCR engine, with LangChain loaded only when a page is first sent to it. */
function lazyModelOcr(config: ModelConfig, visionModel: string | undefined): OcrEngine {
  const engine = import('../ocr/model-ocr.js').then(({ modelOcr }) => modelOcr(config, visionModel));
  return {
    id: `model ${config.baseURL} ${visionModel?.trim() || config.model}`,
    recognise: async (png, signal) => (await engine).recognise(png, signal),
    close: async () => (await engine).close(),
  };
}

/**
 * The material library as the environment configures it (README, "Materials
 * and OCR"): the OCR engine (`OCR_ENGINE` tesseract | model | off, `OCR_MODEL`),
 * the speech recognizer for video and audio (`ASR_*`),
 * per-page time limit and confidence threshold, and the parse pool's size,
 * time and memory limits. Returns the library and a `close` that also stops the pool.
 *
 * @example
 * const { library, close } = libraryFromEnv({ db, files: store, modelConfig, parsing: 'pool' });
 */
export function libraryFromEnv(setup: LibrarySetup): { library: MaterialLibrary; close: () => Promise<void> } {
  const env = setup.env ?? process.env;
  const engine = (env.OCR_ENGINE ?? 'tesseract').trim().toLowerCase();
  if (!['tesseract', 'model', 'off'].includes(engine)) {
    throw new ConfigError(`OCR_ENGINE must be tesseract, model or off, got "${env.OCR_ENGINE}"`);
  }
  if (engine === 'model' && !setup.modelConfig) {
    throw new ConfigError(
      'OCR_ENGINE=model needs a configured model (LLM_BASE_URL/LLM_PROVIDER and LLM_MODEL, or OCR_MODEL for a vision model)',
    );
  }
  const ocr = engine === 'off' ? null : engine === 'model' ? () => lazyModelOcr(setup.modelConfig!, env.OCR_MODEL) : tesseractOcr;
  const ocrId = engine === 'model' ? `model ${setup.modelConfig!.baseURL} ${env.OCR_MODEL?.trim() || setup.modelConfig!.model}` : engine;
  const pool =
    setup.parsing === 'pool'
      ? new ParsePool({
          size: env.PARSE_WORKERS ? Math.round(positive(env, 'PARSE_WORKERS', 2)) : undefined,
          timeoutMs: positive(env, 'PARSE_TIMEOUT_SEC', 120) * 1000,
          memoryMb: positive(env, 'PARSE_WORKER_MEMORY_MB', 1024),
          idleMs: positive(env, 'PARSE_IDLE_SEC', 30) * 1000,
          onExit: (exit) => setup.log?.('parse.worker-exit', exit),
        })
      : null;
  const library = new MaterialLibrary({
    db: setup.db,
    files: setup.files,
    parse: pool ? (file, limits) => pool.parse(file, limits) : (file, limits) => ingestDocument(file, limits, { deferOcr: true }),
    parseSubtitles: pool ? (file, options) => pool.parseTranscript(file, options) : undefined,
    ocr,
    ocrId,
    pageTimeoutMs: positive(env, 'OCR_PAGE_TIMEOUT_SEC', 120) * 1000,
    minConfidence: positive(env, 'OCR_MIN_CONFIDENCE', 60),
    asr: readAsrConfig(env),
    limits: setup.limits,
    log: setup.log,
  });
  return {
    library,
    close: async () => {
      await library.close();
      await pool?.close();
    },
  };
}
