import { EventEmitter } from 'node:events';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { runs } from '../db/schema.js';
import { ConfigError } from '../errors.js';
import type { IngestLimits } from '../ingest/index.js';
import type { IngestWorker } from '../ingest/worker/pool.js';
import { loadRunInputs } from '../lessons/lessons.js';
import { readStoredPlan } from '../lessons/plan-upgrade.js';
import { addPlanVersion, getPlanVersion } from '../lessons/plans.js';
import { appendRunEvent, getRun, requeueRun, unfinishedRuns } from '../lessons/runs.js';
import type { ModelConfig } from '../llm/config.js';
import { ResponseCache } from '../llm/response-cache.js';
import { chooseEngine, type Engine } from '../pipeline/engine.js';
import type { RunEvent } from '../pipeline/events.js';
import { STEPS } from '../pipeline/registry.js';
import { runPipeline } from '../pipeline/runner.js';
import type { FileStore } from '../store/file-store.js';
import type { Logger } from './logger.js';

/** Why a run's signal was aborted: a user's cancel ends the run; a shutdown puts it back in the queue. */
const SHUTDOWN = 'shutdown';
const CANCEL = 'cancel';

export interface QueueOptions {
  db: Db;
  store: FileStore;
  concurrency: number;
  modelConfig: ModelConfig | null;
  ingest: IngestWorker;
  /** The same limits uploads are held to, so a file that was accepted is also readable in a run. */
  ingestLimits: Partial<IngestLimits>;
  logger: Logger;
}

/**
 * The service's bounded worker pool: runs execute here, never on the request
 * path, at most `concurrency` at once. The queue's state lives in SQLite, so a
 * stop loses nothing: `start()` takes up runs that were queued or running and
 * the runner skips the steps they had already finished.
 *
 * @example
 * const queue = new RunQueue({ db, store, concurrency: 2, modelConfig, ingest, logger });
 * queue.start();
 * queue.enqueue(runId);
 * await queue.shutdown();
 */
export class RunQueue {
  private readonly bus = new EventEmitter();
  private readonly waiting: string[] = [];
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private closing = false;

  constructor(private readonly options: QueueOptions) {
    this.bus.setMaxListeners(0);
  }

  start(): void {
    for (const run of unfinishedRuns(this.options.db)) {
      if (run.status === 'running') requeueRun(this.options.db, run.id);
      this.options.logger.info('run.resume', { runId: run.id });
      this.waiting.push(run.id);
    }
    this.pump();
  }

  enqueue(runId: string): void {
    this.waiting.push(runId);
    this.pump();
  }

  /** Stops a run: one still waiting never starts; one under way stops after its current steps. */
  cancel(runId: string): void {
    const index = this.waiting.indexOf(runId);
    if (index >= 0) {
      this.waiting.splice(index, 1);
      this.options.db
        .update(runs)
        .set({ status: 'cancelled', finishedAt: new Date().toISOString(), error: '已取消' })
        .where(eq(runs.id, runId))
        .run();
      this.publish({ type: 'run', runId, status: 'cancelled', error: '已取消', at: new Date().toISOString() });
    }
    this.active.get(runId)?.controller.abort(CANCEL);
  }

  /** Live events of a run, each with its row id; returns the unsubscribe function. */
  subscribe(runId: string, listener: (event: RunEvent, id: number) => void): () => void {
    const wrapped = (event: RunEvent, id: number) => listener(event, id);
    this.bus.on(runId, wrapped);
    return () => this.bus.off(runId, wrapped);
  }

  /** On SIGTERM: stop taking runs, stop the ones under way at their next step, and leave them queued for the next start. */
  async shutdown(): Promise<void> {
    this.closing = true;
    this.waiting.length = 0;
    for (const { controller } of this.active.values()) controller.abort(SHUTDOWN);
    await Promise.all([...this.active.values()].map((a) => a.done));
  }

  private publish(event: RunEvent): void {
    const id = appendRunEvent(this.options.db, event);
    this.bus.emit(event.runId, event, id);
  }

  private pump(): void {
    while (!this.closing && this.active.size < this.options.concurrency && this.waiting.length > 0) {
      const runId = this.waiting.shift()!;
      const controller = new AbortController();
      const done = this.execute(runId, controller)
        .catch((error: unknown) => this.options.logger.error('run.crashed', { runId, error: (error as Error)?.message ?? String(error) }))
        .finally(() => {
          this.active.delete(runId);
          this.pump();
        });
      this.active.set(runId, { controller, done });
    }
  }

  private engineFor(kind: string): Engine {
    const cache = new ResponseCache(this.options.db);
    return chooseEngine(kind === 'offline' ? 'offline' : 'openai', this.options.modelConfig, cache);
  }

  private async execute(runId: string, controller: AbortController): Promise<void> {
    const { db, store, logger } = this.options;
    const run = getRun(db, runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
    const started = performance.now();
    const shuttingDown = () => controller.signal.aborted && controller.signal.reason === SHUTDOWN;
    try {
      const engine = this.engineFor(run.engine);
      const pinnedRow = run.planVersionId ? getPlanVersion(db, run.planVersionId) : null;
      const pinnedPlan = pinnedRow ? readStoredPlan(pinnedRow.json) : undefined;
      const outcome = await runPipeline({
        db,
        store,
        engine,
        runId,
        steps: STEPS,
        signal: controller.signal,
        inputs: loadRunInputs(db, run.lessonId, run.theme),
        pinned: pinnedPlan ? { T3: pinnedPlan } : undefined,
        ingest: (file) => this.options.ingest.ingest(file, this.options.ingestLimits),
        // After a shutdown the run goes back to the queue: it must not look cancelled to anyone watching.
        onEvent: (event) => {
          if (!shuttingDown()) this.publish(event);
        },
      });
      if (shuttingDown()) {
        requeueRun(db, runId);
        logger.info('run.interrupted', { runId });
        return;
      }
      if (outcome.status === 'succeeded' && outcome.results.T3 && !pinnedPlan) {
        addPlanVersion(
          db,
          run.lessonId,
          outcome.results.T3,
          {
            label: 'ai-draft',
            author: run.model ?? '离线规则引擎',
            basedOn: null,
            runId,
          },
          { skipIfSame: true },
        );
      }
      logger.info('run.finished', { runId, status: outcome.status, ms: Math.round(performance.now() - started) });
    } catch (error) {
      // A run that cannot start (the model was configured when it was queued and is not now) or whose bookkeeping failed.
      const message = error instanceof ConfigError ? error.message : `内部错误：${(error as Error).message}`;
      db.update(runs).set({ status: 'failed', error: message, finishedAt: new Date().toISOString() }).where(eq(runs.id, runId)).run();
      this.publish({ type: 'run', runId, status: 'failed', error: message, at: new Date().toISOString() });
      logger.error('run.error', { runId, error: (error as Error).message });
    }
  }
}
