import type { DeckSpec } from '../../src/domain/deck.js';
import type { Results } from '../../src/pipeline/step.js';
import type { MutationTools } from './define.js';

const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/**
 * Stores a re-rendered (or re-written) .pptx and points C3 at it, with the
 * spec that produced it as C2, so the deck scorers read the new file exactly
 * as they read one the pipeline made.
 *
 * @example
 * return withDeck(results, { bytes, warnings }, tools, overlongSpec);
 */
export async function withDeck(
  results: Results,
  deck: { bytes: Uint8Array; warnings: string[] },
  tools: MutationTools,
  spec: DeckSpec = results.C2!,
): Promise<Results> {
  const sha256 = await tools.files.put(deck.bytes, PPTX);
  return {
    ...results,
    C2: spec,
    C3: { ...results.C3!, sha256, bytes: deck.bytes.byteLength, slides: spec.slides.length, warnings: deck.warnings },
  };
}

/** The deck's current bytes, from the store. */
export async function deckBytes(results: Results, tools: MutationTools): Promise<Uint8Array> {
  return tools.files.get(results.C3!.sha256);
}

/** True when the results have both a deck spec and its rendered file. */
export const hasDeck = (results: Results): boolean => results.C2 !== undefined && results.C3 !== undefined;
