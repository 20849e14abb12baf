import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { openDatabase } from '../../src/db/client.js';
import { IngestWorker } from '../../src/ingest/worker/pool.js';
import type { ModelConfig } from '../../src/llm/config.js';
import { createApp } from '../../src/server/app.js';
import { type AuthSettings, readAuthSettings, readLimits, type ServiceLimits } from '../../src/server/context.js';
import { silentLogger } from '../../src/server/logger.js';
import { RunQueue } from '../../src/server/run-queue.js';
import { FileStore } from '../../src/store/file-store.js';

export interface TestService {
  url: string;
  queue: RunQueue;
  /** Moves the service's clock forward (sessions expire without waiting). */
  advanceClock(ms: number): void;
  /** Stops as SIGTERM does: runs under way go back to the queue. */
  stop(): Promise<void>;
}

/** The real service (same app, queue and worker as `npm start`) on 127.0.0.1 and a random port. */
export async function startService(
  dataDir: string,
  options: { modelConfig?: ModelConfig | null; limits?: Partial<ServiceLimits>; auth?: Partial<AuthSettings>; concurrency?: number } = {},
): Promise<TestService> {
  const db = openDatabase(path.join(dataDir, 'lessonprep.sqlite'));
  const store = new FileStore(db, path.join(dataDir, 'files'));
  const ingest = new IngestWorker();
  const modelConfig = options.modelConfig ?? null;
  const limits = { ...readLimits({}), ...options.limits };
  const queue = new RunQueue({
    db,
    store,
    concurrency: options.concurrency ?? 2,
    modelConfig,
    ingest,
    logger: silentLogger,
    ingestLimits: { maxBytes: limits.uploadBytes, maxPages: limits.pdfPages },
  });
  let offsetMs = 0;
  const app = createApp({
    db,
    store,
    queue,
    ingest,
    modelConfig,
    limits,
    auth: { ...readAuthSettings({}), ...options.auth },
    clock: () => new Date(Date.now() + offsetMs),
    logger: silentLogger,
    version: 'test',
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  queue.start();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queue,
    advanceClock(ms) {
      offsetMs += ms;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await queue.shutdown();
      await ingest.close();
      db.$client.close();
    },
  };
}
