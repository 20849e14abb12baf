import { defaultPeriodMinutes } from '../../src/domain/index.js';
import type { Results } from '../../src/pipeline/step.js';
import type { EvalCase } from '../case-schema.js';
import { type DeckReading, readDeck } from '../deck/read-pptx.js';
import type { Peers } from './peers.js';

/** Where stored files (the rendered .pptx) are read from: the run's FileStore. */
export interface FileSource {
  get(sha256: string): Promise<Uint8Array>;
}

/** Everything a scorer reads: the case, what the pipeline made, and the deck read back from its bytes. */
export interface ScoreContext {
  evalCase: EvalCase;
  results: Results;
  /** The period the plan must fill: the request's, else 40 (小学) or 45 (初中/高中). */
  periodMinutes: number;
  /** True when the case brings subtitles, so the video stage must have run. */
  hasVideo: boolean;
  /** The rendered .pptx, or null when C3 made none or its file cannot be read (see `deckError`). */
  deck: DeckReading | null;
  deckError: string | null;
  /** The other lessons of the run (their plans' sentences), for the boilerplate check; null when run alone. */
  peers: Peers | null;
}

/**
 * Builds a scorer's context from a run's results. The deck is read from the
 * stored .pptx itself, not from the spec, so the deck scorers judge what a
 * teacher opens.
 *
 * @example
 * const ctx = await buildContext(evalCase, outcome.results, store, peers);
 */
export async function buildContext(
  evalCase: EvalCase,
  results: Results,
  files: FileSource,
  peers: Peers | null = null,
): Promise<ScoreContext> {
  const { request } = evalCase;
  let deck: DeckReading | null = null;
  let deckError: string | null = null;
  if (results.C3) {
    try {
      deck = await readDeck(await files.get(results.C3.sha256));
    } catch (error) {
      deckError = `课件文件无法读取：${(error as Error).message}`;
    }
  }
  return {
    evalCase,
    results,
    periodMinutes: request.periodMinutes ?? defaultPeriodMinutes(request.grade),
    hasVideo: evalCase.transcripts.length > 0,
    deck,
    deckError,
    peers,
  };
}
