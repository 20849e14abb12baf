/** Where a material is on its way to being readable, as the upload API reports it. */
export interface MaterialState {
  /** `recognising`: OCR (or speech recognition) is under way in the background, or queued; `failed`: `error` says why. */
  status: 'recognising' | 'ready' | 'failed';
  pagesDone: number;
  pagesTotal: number;
  error: { problem: string; detail: string } | null;
}

/** A stored parse's state, as the API shows it. */
export function stateOf(row: MaterialState): MaterialState {
  return { status: row.status, pagesDone: row.pagesDone, pagesTotal: row.pagesTotal, error: row.error };
}
