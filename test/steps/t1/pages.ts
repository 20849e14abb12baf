import type { IngestedDocument, IngestedPage } from '../../../src/ingest/types.js';

/** Readable pages from texts, numbered from 1: the shape `src/ingest` hands over. */
export function pages(...texts: string[]): IngestedPage[] {
  return texts.map((text, i) => ({ page: i + 1, text, quality: 'good', chars: text.replace(/\s/g, '').length, note: null }));
}

/** A document as `ingestDocument` would return it, with a fixed fake hash. */
export function document(name: string, texts: string[], overrides: Partial<IngestedDocument> = {}): IngestedDocument {
  return {
    name,
    sha256: `sha-${name}`,
    format: 'pdf',
    encoding: null,
    pageUnit: 'page',
    pages: pages(...texts),
    ocrPages: [],
    warnings: [],
    ...overrides,
  };
}
