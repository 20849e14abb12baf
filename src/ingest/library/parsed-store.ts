import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { parsedDocuments } from '../../db/schema.js';
import type { IngestedDocument, IngestedTranscript } from '../types.js';

export type ParsedStatus = 'recognising' | 'ready' | 'failed';

/** What a row holds: a parsed document (with its OCR), or a recording's transcript. */
type Parsed = IngestedDocument | IngestedTranscript;

export interface ParsedRow<D extends Parsed = IngestedDocument> {
  sha256: string;
  status: ParsedStatus;
  document: D;
  pagesDone: number;
  pagesTotal: number;
  error: { problem: string; detail: string } | null;
}

/**
 * The `parsed_documents` table for one ingest version (documents and their
 * OCR under one version, transcripts of recordings under another): the only
 * module that reads or writes it.
 *
 * @example
 * const parsed = new ParsedStore(db, ingestVersion());
 * parsed.get(sha256)?.status; // 'ready'
 */
export class ParsedStore<D extends Parsed = IngestedDocument> {
  constructor(
    private readonly db: Db,
    readonly version: string,
  ) {}

  get(sha256: string): ParsedRow<D> | null {
    const row = this.db
      .select()
      .from(parsedDocuments)
      .where(and(eq(parsedDocuments.sha256, sha256), eq(parsedDocuments.ingestVersion, this.version)))
      .get();
    if (!row) return null;
    return {
      sha256: row.sha256,
      status: row.status,
      document: row.document as D,
      pagesDone: row.pagesDone,
      pagesTotal: row.pagesTotal,
      error: row.error ?? null,
    };
  }

  /** Records a parse: ready, or waiting for `pagesTotal` pages of OCR (or chunks of a recording). */
  put(sha256: string, document: D, status: 'ready' | 'recognising', pagesTotal = 0): void {
    const values = { status, document, pagesDone: 0, pagesTotal: status === 'recognising' ? pagesTotal : 0, error: null };
    this.db
      .insert(parsedDocuments)
      .values({ sha256, ingestVersion: this.version, ...values })
      .onConflictDoUpdate({ target: [parsedDocuments.sha256, parsedDocuments.ingestVersion], set: values })
      .run();
  }

  /** `pagesTotal` when it is learnt only on the way (a recording's chunks). */
  progress(sha256: string, pagesDone: number, pagesTotal?: number): void {
    this.update(sha256, pagesTotal === undefined ? { pagesDone } : { pagesDone, pagesTotal });
  }

  finish(sha256: string, document: D): void {
    this.update(sha256, { status: 'ready', document });
  }

  fail(sha256: string, error: { problem: string; detail: string }): void {
    this.update(sha256, { status: 'failed', error });
  }

  /** Files still being recognised: after a restart their OCR starts again. */
  recognising(): string[] {
    return this.db
      .select({ sha256: parsedDocuments.sha256 })
      .from(parsedDocuments)
      .where(and(eq(parsedDocuments.ingestVersion, this.version), eq(parsedDocuments.status, 'recognising')))
      .all()
      .map((row) => row.sha256);
  }

  private update(sha256: string, set: Partial<typeof parsedDocuments.$inferInsert>): void {
    this.db
      .update(parsedDocuments)
      .set(set)
      .where(and(eq(parsedDocuments.sha256, sha256), eq(parsedDocuments.ingestVersion, this.version)))
      .run();
  }
}
