import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { parsedDocuments } from '../../db/schema.js';
import type { IngestedDocument } from '../types.js';

export type ParsedStatus = 'recognising' | 'ready' | 'failed';

export interface ParsedRow {
  sha256: string;
  status: ParsedStatus;
  document: IngestedDocument;
  pagesDone: number;
  pagesTotal: number;
  error: { problem: string; detail: string } | null;
}

/**
 * The `parsed_documents` table for one ingest version: the only module that
 * reads or writes it.
 *
 * @example
 * const parsed = new ParsedStore(db, ingestVersion());
 * parsed.get(sha256)?.status; // 'ready'
 */
export class ParsedStore {
  constructor(
    private readonly db: Db,
    readonly version: string,
  ) {}

  get(sha256: string): ParsedRow | null {
    const row = this.db
      .select()
      .from(parsedDocuments)
      .where(and(eq(parsedDocuments.sha256, sha256), eq(parsedDocuments.ingestVersion, this.version)))
      .get();
    if (!row) return null;
    return {
      sha256: row.sha256,
      status: row.status,
      document: row.document as IngestedDocument,
      pagesDone: row.pagesDone,
      pagesTotal: row.pagesTotal,
      error: row.error ?? null,
    };
  }

  /** Records a parse: ready, or waiting for `pagesTotal` pages of OCR. */
  put(sha256: string, document: IngestedDocument, status: 'ready' | 'recognising'): void {
    const values = {
      status,
      document,
      pagesDone: 0,
      pagesTotal: status === 'recognising' ? document.ocrPages.length : 0,
      error: null,
    };
    this.db
      .insert(parsedDocuments)
      .values({ sha256, ingestVersion: this.version, ...values })
      .onConflictDoUpdate({ target: [parsedDocuments.sha256, parsedDocuments.ingestVersion], set: values })
      .run();
  }

  progress(sha256: string, pagesDone: number): void {
    this.update(sha256, { pagesDone });
  }

  finish(sha256: string, document: IngestedDocument): void {
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
