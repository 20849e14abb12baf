import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { runs, stepRuns } from '../db/schema.js';
import type { StepReport } from './execute-step.js';
import type { StepId } from './step.js';

const now = () => new Date().toISOString();

/**
 * The runner's writes to SQLite about a run and its steps, one method per
 * thing that happens, so the runner reads as orchestration and the database
 * stays the record of truth: each finished step is committed before the steps
 * after it start, which is what lets a killed run resume. Artifacts themselves
 * are stored where they are made (`executeStep`, on a step thread).
 */
export class RunRecords {
  constructor(
    private readonly db: Db,
    readonly runId: string,
  ) {}

  runStarted(): void {
    this.db.update(runs).set({ status: 'running', startedAt: now(), error: null }).where(eq(runs.id, this.runId)).run();
  }

  runFinished(status: 'succeeded' | 'failed' | 'cancelled', error: string | null): void {
    this.db.update(runs).set({ status, error, finishedAt: now() }).where(eq(runs.id, this.runId)).run();
  }

  private upsertStep(stepId: StepId, values: Partial<typeof stepRuns.$inferInsert>): void {
    this.db
      .insert(stepRuns)
      .values({ runId: this.runId, stepId, status: 'pending', ...values })
      .onConflictDoUpdate({ target: [stepRuns.runId, stepRuns.stepId], set: values })
      .run();
  }

  stepStarted(stepId: StepId, inputHash: string): void {
    this.upsertStep(stepId, { status: 'running', inputHash, startedAt: now(), error: null, cached: false });
  }

  /** The step's artifact is stored (made now, reused, or given): the step is done. */
  stepSucceeded(stepId: StepId, report: StepReport): void {
    const at = now();
    this.upsertStep(stepId, {
      status: 'succeeded',
      cached: report.cached,
      inputHash: report.inputHash,
      artifactId: report.artifactId,
      inputTokens: report.inputTokens,
      outputTokens: report.outputTokens,
      modelCalls: report.modelCalls,
      ms: report.ms,
      error: null,
      finishedAt: at,
      ...(report.cached ? { startedAt: at } : {}),
    });
  }

  stepEnded(
    stepId: StepId,
    status: 'failed' | 'skipped' | 'cancelled',
    error: string | null,
    outcome?: Partial<Pick<StepReport, 'inputTokens' | 'outputTokens' | 'modelCalls' | 'ms'>>,
  ): void {
    this.upsertStep(stepId, {
      status,
      error,
      finishedAt: now(),
      inputTokens: outcome?.inputTokens ?? 0,
      outputTokens: outcome?.outputTokens ?? 0,
      modelCalls: outcome?.modelCalls ?? 0,
      ms: outcome?.ms ?? 0,
    });
  }
}
