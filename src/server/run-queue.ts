import { EventEmitter } from 'node:events';
import type { Db } from '../db/client.js';
import { ConfigError } from '../errors.js';
import type { MaterialLibrary } from '../ingest/library/library.js';
import type { IngestLimits } from '../ingest/types.js';
import { readStoredPlan } from '../lessons/plan-upgrade.js';
import { addPlanVersion, getPlanVersion } from '../lessons/plans.js';
import { newOwner, ownerAlive } from '../lessons/run-owner.js';
import { appendRunEvent, claimRun, endRun, getRun, recoverRuns, renewLeases, requeueRun, runInputsOf } from '../lessons/runs.js';
import type { ModelConfig } from '../llm/config.js';
import { ResponseCache } from '../llm/response-cache.js';
import { chooseEngine, type Engine } from '../pipeline/engine.js';
import type { RunEvent } from '../pipeline/events.js';
import { loadResults } from '../pipeline/execute-step.js';
import type { StepExecutor } from '../pipeline/executor.js';
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
  /** Where the steps run: the service's `StepPool`, off the event loop that answers requests. */
  executor: StepExecutor;
  /** How T1 reads a material: the service's library (parsed once, on the parse pool; a scan waits for its OCR). */
  ingest: MaterialLibrary;
  /** The same limits uploads are held to, so a file that was accepted is also readable in a run. */
  ingestLimits: Partial<IngestLimits>;
  /** STEP_BUDGET_SEC in ms. */
  stepBudgetMs: number;
  /** RUN_LEASE_SEC in ms: how long this instance's claim on a run holds unless renewed. */
  leaseMs: number;
  logger: Logger;
}

/**
 * The service's runs: at most `concurrency` at once, never on the request
 * path. The queue's state lives in SQLite, so a stop loses nothing. Each run
 * this instance takes is claimed in the database under its owner id with a
 * lease it renews while it lives; on start (after the port is open) and every
 * third of a lease it takes up runs whose owner died, gives up on a run that
 * died with its process twice, and fails runs of a `lessonprep` command that
 * died.
 *
 * @example
 * const queue = new RunQueue({ db, store, concurrency: 2, modelConfig, executor: pool, … });
 * queue.start();
 * queue.enqueue(runId);
 * await queue.shutdown();
 */
export class RunQueue {
  /** This instance as a run owner. */
  readonly owner = newOwner('service');
  private readonly bus = new EventEmitter();
  private readonly waiting: string[] = [];
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private watch: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(private readonly options: QueueOptions) {
    this.bus.setMaxListeners(0);
  }

  /** Takes up what was left unfinished, then keeps leases alive and looks again every third of a lease. */
  start(): void {
    this.recover();
    this.watch = setInterval(() => {
      renewLeases(this.options.db, this.owner, this.options.leaseMs);
      this.recover();
    }, this.options.leaseMs / 3);
    this.watch.unref();
  }

  enqueue(runId: string): void {
    this.waiting.push(runId);
    this.pump();
  }

  /**
   * Stops a run: one still waiting never starts; one under way here stops now,
   * even mid-step. A run another live process owns (a `lessonprep` command) is
   * not this queue's to stop: 'elsewhere'.
   */
  cancel(runId: string): 'cancelled' | 'stopping' | 'elsewhere' {
    const running = this.active.get(runId);
    if (running) {
      running.controller.abort(CANCEL);
      return 'stopping';
    }
    const run = getRun(this.options.db, runId);
    if (run && ownerAlive(run.owner, run.leaseUntil, this.owner)) return 'elsewhere';
    const index = this.waiting.indexOf(runId);
    if (index >= 0) this.waiting.splice(index, 1);
    endRun(this.options.db, runId, 'cancelled', '已取消');
    this.publish({ type: 'run', runId, status: 'cancelled', error: '已取消', at: new Date().toISOString() });
    return 'cancelled';
  }

  /** Live events of a run, each with its row id; returns the unsubscribe function. */
  subscribe(runId: string, listener: (event: RunEvent, id: number) => void): () => void {
    const wrapped = (event: RunEvent, id: number) => listener(event, id);
    this.bus.on(runId, wrapped);
    return () => this.bus.off(runId, wrapped);
  }

  /** On SIGTERM: stop taking runs, stop the ones under way now, and leave them queued for the next start. */
  async shutdown(): Promise<void> {
    this.closing = true;
    if (this.watch) clearInterval(this.watch);
    this.waiting.length = 0;
    for (const { controller } of this.active.values()) controller.abort(SHUTDOWN);
    await Promise.all([...this.active.values()].map((a) => a.done));
  }

  private recover(): void {
    if (this.closing) return;
    const { db, logger } = this.options;
    for (const decision of recoverRuns(db, this.owner, { resume: true })) {
      if (decision.action === 'take' && !this.waiting.includes(decision.runId) && !this.active.has(decision.runId)) {
        logger.info('run.resume', { runId: decision.runId });
        this.waiting.push(decision.runId);
      } else if (decision.action === 'failed') {
        logger.error('run.abandoned', { runId: decision.runId, error: decision.error });
        this.publish({ type: 'run', runId: decision.runId, status: 'failed', error: decision.error, at: new Date().toISOString() });
      }
    }
    this.pump();
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
    // Another instance may have taken it, or it was cancelled while it waited.
    if (!claimRun(db, runId, this.owner, this.options.leaseMs)) return;
    const run = getRun(db, runId)!;
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
        inputs: runInputsOf(db, run),
        pinned: pinnedPlan ? { T3: pinnedPlan } : undefined,
        executor: this.options.executor,
        ingest: (file) => this.options.ingest.ingest(file, this.options.ingestLimits),
        transcript: (file, read) => this.options.ingest.transcripts.read(file, read),
        ingestLimits: this.options.ingestLimits,
        stepBudgetMs: this.options.stepBudgetMs,
        // The service reads back only the plan; a long transcript never passes through this thread.
        collectResults: false,
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
      const plan = outcome.artifacts.T3 ? loadResults(db, { T3: outcome.artifacts.T3 }).T3 : undefined;
      if (outcome.status === 'succeeded' && plan && !pinnedPlan) {
        addPlanVersion(
          db,
          run.lessonId,
          plan,
          { label: 'ai-draft', author: run.model ?? '离线规则引擎', basedOn: null, runId },
          { skipIfSame: true },
        );
      }
      logger.info('run.finished', { runId, status: outcome.status, ms: Math.round(performance.now() - started) });
    } catch (error) {
      // A run that cannot start (the model was configured when it was queued and is not now) or whose bookkeeping failed.
      const message = error instanceof ConfigError ? error.message : `内部错误：${(error as Error).message}`;
      endRun(db, runId, 'failed', message);
      this.publish({ type: 'run', runId, status: 'failed', error: message, at: new Date().toISOString() });
      logger.error('run.error', { runId, error: (error as Error).message });
    }
  }
}
