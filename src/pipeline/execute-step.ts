import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { artifacts } from '../db/schema.js';
import type { Provenance } from '../domain/index.js';
import type { IngestedDocument, IngestedTranscript, IngestLimits } from '../ingest/types.js';
import type { ModelConfig } from '../llm/config.js';
import type { ResponseCache } from '../llm/response-cache.js';
import type { ModelLimit, ModelProgress } from '../llm/structured.js';
import { type Engine, engineIdentity, engineModel } from './engine.js';
import { hashOf } from './hash.js';
import type { ModelCall, Results, RunInputs, Step, StepId, StepTools } from './step.js';

/** The engine as data, so it can cross to a step thread: the thread opens its own response cache. */
export type EngineSpec = { kind: 'offline' } | { kind: 'openai-compatible'; config: ModelConfig };

/**
 * Everything one step needs to run, as plain data: a step thread can receive
 * it, and it holds references (artifact ids), never the artifacts themselves,
 * so a 100,000-cue transcript never passes through the service's main thread.
 */
export interface StepJob {
  runId: string;
  stepId: StepId;
  /** Short Chinese name, for messages. */
  title: string;
  inputs: RunInputs;
  /** The artifact each finished need produced in this run. */
  needs: Partial<Record<StepId, string>>;
  engine: EngineSpec;
  /** This step's code version, part of its input hash (see `stepCodeVersions`), computed once by the caller. */
  codeVersion: string;
  /** Every step's prompt version, for the provenance of what this step makes. */
  promptVersions: Record<string, string>;
  ingestLimits: Partial<IngestLimits>;
  /** T1 asks the caller to read its materials (the caller's `ingest` hook) instead of parsing them itself. */
  ingestByCaller: boolean;
  /** V1 asks the caller for a video's words (the caller's `transcript` hook: it transcribes recordings) instead of reading subtitles itself. */
  transcriptByCaller: boolean;
}

/** What a finished step reports back: where its artifact is and what it cost. */
export interface StepReport {
  artifactId: string;
  inputHash: string;
  cached: boolean;
  warnings: string[];
  inputTokens: number;
  outputTokens: number;
  modelCalls: number;
  /** Milliseconds from start to stored artifact (0 when cached). */
  ms: number;
}

/** What a running step says about itself, as it happens. */
export type StepProgress = { kind: 'computing'; inputHash: string } | { kind: 'model'; progress: ModelProgress };

export interface StepEnvironment {
  db: Db;
  files: StepTools['files'];
  /** The step's own response cache (the engine spec has none: a cache holds a database handle). */
  cache: ResponseCache;
  ingest(file: { name: string; bytes: Uint8Array }, limits: Partial<IngestLimits>): Promise<IngestedDocument>;
  transcript(file: { name: string; bytes: Uint8Array }, options: { durationSec: number | null }): Promise<IngestedTranscript>;
  signal: AbortSignal;
  onProgress(progress: StepProgress): void;
  /** Model requests in flight; default: this thread's limiter for the endpoint. */
  limit?: ModelLimit;
}

/** The artifacts of a run's finished steps, by id, as the results later steps read. */
export function loadResults(db: Db, ids: Partial<Record<StepId, string>>): Results {
  const wanted = Object.values(ids);
  if (wanted.length === 0) return {};
  const rows = db.select({ id: artifacts.id, json: artifacts.json }).from(artifacts).where(inArray(artifacts.id, wanted)).all();
  const byId = new Map(rows.map((row) => [row.id, row.json]));
  return Object.fromEntries(Object.entries(ids).map(([stepId, id]) => [stepId, byId.get(id!)])) as Results;
}

/**
 * Stores an artifact under its step and input hash and returns its id. Two
 * runs that make the same artifact at once share the row that was stored first.
 */
export function storeArtifact(
  db: Db,
  stepId: StepId,
  inputHash: string,
  json: unknown,
  meta: Omit<StepReport, 'artifactId' | 'inputHash' | 'cached'> & { engine: string; model: string | null; promptVersion: string | null },
): string {
  return db.transaction((tx) => {
    tx.insert(artifacts)
      .values({ id: randomUUID(), stepId, inputHash, json, ...meta })
      .onConflictDoNothing()
      .run();
    return tx
      .select({ id: artifacts.id })
      .from(artifacts)
      .where(and(eq(artifacts.stepId, stepId), eq(artifacts.inputHash, inputHash)))
      .get()!.id;
  });
}

function engineOf(spec: EngineSpec, cache: ResponseCache): Engine {
  return spec.kind === 'offline' ? spec : { ...spec, cache };
}

/**
 * Runs one step to a stored artifact: reads the artifacts its needs made,
 * hashes its input together with the code and engine, reuses an artifact
 * stored under that hash, and otherwise computes (by rules or with the model),
 * validates and stores. The same function runs on a step thread (the pool) and
 * in-process (tests, the eval suite), so both behave alike.
 *
 * @example
 * const report = await executeStep(stepById('V2'), job, { db, files: store, cache, ingest, signal, onProgress });
 */
export async function executeStep(step: Step, job: StepJob, env: StepEnvironment): Promise<StepReport> {
  const started = performance.now();
  const engine = engineOf(job.engine, env.cache);
  const usesModel = engine.kind === 'openai-compatible' && step.prompt !== null;
  const input = step.buildInput(job.inputs, loadResults(env.db, job.needs));
  const inputHash = hashOf({
    step: step.id,
    code: job.codeVersion,
    engine: usesModel ? engineIdentity(engine) : 'rules',
    prompt: usesModel ? step.prompt?.version : null,
    input,
  });
  const usage = { inputTokens: 0, outputTokens: 0, modelCalls: 0 };

  const stored = env.db
    .select({ id: artifacts.id, json: artifacts.json, warnings: artifacts.warnings })
    .from(artifacts)
    .where(and(eq(artifacts.stepId, step.id), eq(artifacts.inputHash, inputHash)))
    .get();
  // An artifact that no longer fits the schema (stored by older code under a colliding hash) is made again.
  if (stored && step.output.safeParse(stored.json).success) {
    return { artifactId: stored.id, inputHash, cached: true, warnings: stored.warnings, ...usage, ms: 0 };
  }

  env.onProgress({ kind: 'computing', inputHash });
  const tools = stepTools(job, engine, env);
  const raw = usesModel ? await step.runModel(input, modelCall(engine, usage, env), tools) : await step.runOffline(input, tools);
  const output = step.output.parse(raw);
  const warnings = step.warningsOf(output);
  const ms = Math.round(performance.now() - started);
  const artifactId = storeArtifact(env.db, step.id, inputHash, output, {
    ...usage,
    ms,
    warnings,
    engine: usesModel ? engine.kind : 'offline',
    model: usesModel ? engineModel(engine) : null,
    promptVersion: usesModel ? (step.prompt?.version ?? null) : null,
  });
  return { artifactId, inputHash, cached: false, warnings, ...usage, ms };
}

function stepTools(job: StepJob, engine: Engine, env: StepEnvironment): StepTools {
  return {
    files: env.files,
    signal: env.signal,
    ingest: (file) => env.ingest(file, job.ingestLimits),
    transcript: (file, read) => env.transcript(file, read),
    provenance(): Provenance {
      const aiUsed = engine.kind === 'openai-compatible';
      return {
        engine: engine.kind,
        model: engineModel(engine),
        aiUsed,
        promptVersions: aiUsed ? job.promptVersions : {},
        createdAt: new Date().toISOString(),
        note: aiUsed
          ? `由模型 ${engineModel(engine)} 生成草稿，请教师审阅修改后使用`
          : '由离线规则引擎根据所给材料抽取生成，未使用任何 AI 模型',
      };
    },
  };
}

function modelCall(
  engine: Engine,
  usage: { inputTokens: number; outputTokens: number; modelCalls: number },
  env: StepEnvironment,
): ModelCall {
  if (engine.kind !== 'openai-compatible') throw new Error('model call without a model engine');
  return async ({ prompt, view, schema, schemaName }) => {
    // Loaded here, not at the top: the offline engine and the CLI's fast commands never pay for LangChain.
    const [{ renderPrompt }, { generateStructured }] = await Promise.all([
      import('../llm/prompt-files.js'),
      import('../llm/structured.js'),
    ]);
    const { system, user } = renderPrompt(prompt, view);
    const answer = await generateStructured(engine.config, engine.cache, {
      schema,
      schemaName,
      system,
      user,
      promptVersion: prompt.version,
      signal: env.signal,
      limit: env.limit,
      onProgress: (progress) => env.onProgress({ kind: 'model', progress }),
    });
    usage.inputTokens += answer.usage.inputTokens;
    usage.outputTokens += answer.usage.outputTokens;
    usage.modelCalls += answer.usage.calls;
    return answer.value;
  };
}
