import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { llmCache } from '../db/schema.js';

export interface CachedResponse {
  value: unknown;
  inputTokens: number;
  outputTokens: number;
}

/**
 * Validated model answers in SQLite. The caller builds the key from the
 * endpoint, model, messages, schema, parameters and prompt version — never the
 * API key, which would leak into the database through the hash's inputs.
 */
export class ResponseCache {
  constructor(private readonly db: Db) {}

  get(key: string): CachedResponse | null {
    const row = this.db.select().from(llmCache).where(eq(llmCache.key, key)).get();
    return row ? { value: row.response, inputTokens: row.inputTokens, outputTokens: row.outputTokens } : null;
  }

  set(key: string, model: string, response: CachedResponse): void {
    this.db
      .insert(llmCache)
      .values({ key, model, response: response.value, inputTokens: response.inputTokens, outputTokens: response.outputTokens })
      .onConflictDoNothing()
      .run();
  }
}
