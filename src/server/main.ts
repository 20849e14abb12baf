import fs from 'node:fs';
import { serve } from '@hono/node-server';
import { hasAdmin } from '../accounts/users.js';
import { readAppConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { libraryFromEnv } from '../ingest/library/from-env.js';
import { readLeaseMs } from '../lessons/run-owner.js';
import { readModelConfig } from '../llm/config.js';
import { readStSettings } from '../observe/st-analysis.js';
import { packagePath } from '../paths.js';
import { readStepBudgetMs } from '../pipeline/runner.js';
import { StepPool } from '../pipeline/step-pool/pool.js';
import { FileStore } from '../store/file-store.js';
import { createApp } from './app.js';
import { ingestLimits, readAuthSettings, readLimits } from './context.js';
import { jsonLogger } from './logger.js';
import { RunQueue } from './run-queue.js';

/**
 * `npm start`: the service on PORT (3000) with DATA_DIR (./data), migrations
 * applied. It listens first and only then takes up runs that were
 * interrupted, so the port is back at once after any crash; the runs' steps
 * compute on a pool of threads, never on this event loop. SIGTERM stops
 * cleanly and leaves in-flight runs queued for the next start.
 */
const logger = jsonLogger();
const app = readAppConfig();
const db = openDatabase(app.databaseFile);
const store = new FileStore(db, app.filesDir);
const modelConfig = readModelConfig();
const pool = new StepPool({
  database: app.databaseFile,
  filesDir: app.filesDir,
  onExit: (exit) => logger.info('step.thread-exit', exit),
});
const limits = readLimits();
const { library: ingest, close: closeIngest } = libraryFromEnv({
  db,
  files: store,
  modelConfig,
  limits: ingestLimits(limits),
  parsing: 'pool',
  log: (event, fields) => logger.info(event, fields),
});
const queue = new RunQueue({
  db,
  store,
  concurrency: Math.max(1, Number(process.env.RUN_CONCURRENCY) || 2),
  modelConfig,
  executor: pool,
  ingest,
  stepBudgetMs: readStepBudgetMs(),
  leaseMs: readLeaseMs(),
  logger,
  ingestLimits: ingestLimits(limits),
});
const version = JSON.parse(fs.readFileSync(packagePath('package.json'), 'utf8')).version as string;
const api = createApp({
  db,
  store,
  queue,
  ingest,
  modelConfig,
  limits,
  auth: readAuthSettings(),
  st: readStSettings(),
  clock: () => new Date(),
  logger,
  version,
});
const port = Number(process.env.PORT) || 3000;
// On an empty data directory the first admin is still to be made: say how, once, where the admin will look.
const setupNeeded = !(await hasAdmin(db));
if (setupNeeded) {
  logger.info('service.setup-needed', {
    message: '还没有管理员：请用 POST /api/setup 或 `npx lessonprep users add --admin` 创建第一位管理员',
  });
}

const server = serve({ fetch: api.fetch, port, hostname: process.env.HOST || '0.0.0.0' }, (info) => {
  logger.info('service.started', {
    port: info.port,
    setupNeeded,
    dataDir: app.dataDir,
    engine: modelConfig ? 'openai-compatible' : 'offline',
    model: modelConfig?.model ?? null,
  });
  // Only now, with the port open: unfinished runs and recognitions are taken up in the background.
  queue.start();
  ingest.start();
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info('service.stopping', { signal });
  server.close();
  await queue.shutdown();
  await pool.close();
  await closeIngest();
  db.$client.close();
  logger.info('service.stopped', {});
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
