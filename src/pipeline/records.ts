import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { artifacts, runs, stepRuns } from '../db/schema.js';
import type { StepId } from './step.js';

export interface StoredArtifact {
  id: string;
  json: unknown;
  warnings: string[];
}

export interface StepOutcome {
  inputTokens: number;
  outputTokens: number;
  modelCalls: number;
  ms: number;
  warnings: string[];
}

const now = () => new Date().toISOString();

/**
 * The runner's writes to SQLite, one method per thing that happens, so the
 * runner reads as orchestration and the database stays the record of truth:
 * each finished step is committed before the next starts, which is what lets
 * a killed run resume.
 */
export class RunRecords {
  constructor(
    private readonly db: Db,
    readonly runId: string,
  ) {}

  findArtifact(stepId: StepId, inputHash: string): StoredArtifact | null {
    const row = this.db
      .select({ id: artifacts.id, json: artifacts.json, warnings: artifacts.warnings })
      .from(artifacts)
      .where(and(eq(artifacts.stepId, stepId), eq(artifacts.inputHash, inputHash)))
      .get();
    return row ?? null;
  }

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

  stepCached(stepId: StepId, inputHash: string, artifactId: string): void {
    const at = now();
    this.upsertStep(stepId, {
      status: 'succeeded',
      cached: true,
      inputHash,
      artifactId,
      startedAt: at,
      finishedAt: at,
      ms: 0,
      error: null,
    });
  }

  /** Stores the artifact and marks the step done in one transaction. */
  stepSucceeded(
    stepId: StepId,
    inputHash: string,
    json: unknown,
    meta: StepOutcome & { engine: string; model: string | null; promptVersion: string | null },
  ): string {
    return this.db.transaction((tx) => {
      const id = randomUUID();
      tx.insert(artifacts)
        .values({ id, stepId, inputHash, json, ...meta })
        .onConflictDoNothing()
        .run();
      // Another run may have stored the same artifact first; point at whichever row won.
      const stored = tx
        .select({ id: artifacts.id })
        .from(artifacts)
        .where(and(eq(artifacts.stepId, stepId), eq(artifacts.inputHash, inputHash)))
        .get()!;
      tx.insert(stepRuns)
        .values({ runId: this.runId, stepId, status: 'succeeded' })
        .onConflictDoUpdate({
          target: [stepRuns.runId, stepRuns.stepId],
          set: {
            status: 'succeeded',
            artifactId: stored.id,
            inputHash,
            inputTokens: meta.inputTokens,
            outputTokens: meta.outputTokens,
            modelCalls: meta.modelCalls,
            ms: meta.ms,
            finishedAt: now(),
          },
        })
        .run();
      return stored.id;
    });
  }

  stepEnded(stepId: StepId, status: 'failed' | 'skipped' | 'cancelled', error: string | null, outcome?: Partial<StepOutcome>): void {
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
