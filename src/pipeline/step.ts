import type { z } from 'zod';
import type {
  DeckBrief,
  DeckFile,
  DeckSpec,
  LessonPlan,
  LessonRequest,
  MaterialDigest,
  MaterialKind,
  NormalizedTranscripts,
  Provenance,
  TeachingAnalysis,
  VideoChapters,
  VideoOutline,
} from '../domain/index.js';
import type { IngestedDocument, IngestedTranscript } from '../ingest/index.js';
import { loadPrompt, type PromptTemplate } from '../llm/prompt-files.js';

/** The artifact each step produces. */
export interface StepOutputs {
  T1: MaterialDigest;
  T2: TeachingAnalysis;
  T3: LessonPlan;
  V1: NormalizedTranscripts;
  V2: VideoChapters;
  V3: VideoOutline;
  C1: DeckBrief;
  C2: DeckSpec;
  C3: DeckFile;
}
export type StepId = keyof StepOutputs;
export type Results = Partial<StepOutputs>;

export type Stage = 'text' | 'video' | 'courseware';
export type Phase = 'input' | 'process' | 'output';
export const STAGE_LABEL: Record<Stage, string> = { text: '文字材料', video: '教学视频', courseware: '课件编撰' };
export const PHASE_LABEL: Record<Phase, string> = { input: '资源输入', process: '智能加工', output: '成果输出' };

/** Everything a run starts from: the request and references to stored files. */
export interface RunInputs {
  request: LessonRequest;
  materials: { name: string; sha256: string; kind: MaterialKind | null }[];
  videos: { name: string; sha256: string; url: string | null; title: string | null; durationSec: number | null }[];
  theme: string;
}

/** What a step's implementation may use besides its input. */
export interface StepTools {
  files: { get(sha256: string): Promise<Uint8Array>; put(bytes: Uint8Array, mediaType: string): Promise<string> };
  /** Reads a material file; the service passes one that parses on a worker thread. */
  ingest(file: { name: string; bytes: Uint8Array }): Promise<IngestedDocument>;
  /** Reads a video's subtitles; the service and CLI pass one that also transcribes a recording (ASR). */
  transcript(file: { name: string; bytes: Uint8Array }, options: { durationSec: number | null }): Promise<IngestedTranscript>;
  /** Who is making this artifact: engine, model, prompt versions, now. */
  provenance(): Provenance;
  signal: AbortSignal;
}

/** Asks the configured model for one structured answer; the runner binds engine, cache and usage. */
export type ModelCall = <R>(request: {
  prompt: PromptTemplate;
  view: Record<string, unknown>;
  schema: z.ZodType<R>;
  schemaName: string;
}) => Promise<R>;

/** How a step uses a model when one is configured: its prompt, what the model returns, how that becomes the artifact. */
export interface ModelPart<In, Out, Response> {
  /** Folder under prompts/. */
  prompt: string;
  schemaName: string;
  /** The answer's schema; a function of the input when the rules depend on it (minutes add up to this period). */
  response(input: In): z.ZodType<Response>;
  /** The prompt's variables, built from the step input (materials fenced as untrusted data). */
  view(input: In): Record<string, unknown>;
  /** Completes the model's answer into the artifact (ids, citations checked, provenance). */
  toOutput(response: Response, input: In, tools: StepTools): Out;
}

/** The declarative definition of one of the nine steps. */
export interface StepSpec<Id extends StepId, In, Response> {
  id: Id;
  stage: Stage;
  phase: Phase;
  /** Short Chinese name shown in progress and documents, e.g. 教学分析. */
  title: string;
  /** One sentence for the docs. */
  summary: string;
  needs: readonly StepId[];
  /** False when the run has nothing for this step to do (video steps without a transcript). */
  appliesTo?: (inputs: RunInputs) => boolean;
  output: z.ZodType<StepOutputs[Id]>;
  /** The step's whole input; its hash decides whether the step runs again. */
  input(inputs: RunInputs, results: Results): In;
  model: ModelPart<In, StepOutputs[Id], Response> | null;
  /** What the teacher should know about this result (skipped pages, malformed cues…). */
  warnings?: (output: StepOutputs[Id]) => string[];
  offline(input: In, tools: StepTools): StepOutputs[Id] | Promise<StepOutputs[Id]>;
}

/** A step with its types erased, as the runner, CLI, API and eval suite see it. */
export interface Step {
  id: StepId;
  stage: Stage;
  phase: Phase;
  title: string;
  summary: string;
  needs: readonly StepId[];
  output: z.ZodType<unknown>;
  /** The prompt this step sends when a model is configured, or null for steps that are pure parsing or rendering. */
  prompt: PromptTemplate | null;
  appliesTo(inputs: RunInputs): boolean;
  buildInput(inputs: RunInputs, results: Results): unknown;
  runOffline(input: unknown, tools: StepTools): Promise<unknown>;
  runModel(input: unknown, call: ModelCall, tools: StepTools): Promise<unknown>;
  warningsOf(output: unknown): string[];
}

/**
 * Builds a step from its declarative spec. The spec is typed end to end; the
 * returned `Step` erases the types so nine different steps fit in one list.
 *
 * @example
 * export const analysisStep = defineStep({
 *   id: 'T2', stage: 'text', phase: 'process', title: '教学分析', needs: ['T1'], …
 * });
 */
export function defineStep<Id extends StepId, In, Response>(spec: StepSpec<Id, In, Response>): Step {
  const model = spec.model;
  return {
    id: spec.id,
    stage: spec.stage,
    phase: spec.phase,
    title: spec.title,
    summary: spec.summary,
    needs: spec.needs,
    output: spec.output,
    prompt: model ? loadPrompt(model.prompt) : null,
    warningsOf: (output) => spec.warnings?.(output as StepOutputs[Id]) ?? [],
    appliesTo: (inputs) => spec.appliesTo?.(inputs) ?? true,
    buildInput: (inputs, results) => spec.input(inputs, results),
    runOffline: async (input, tools) => spec.offline(input as In, tools),
    runModel: async (input, call, tools) => {
      if (!model) return spec.offline(input as In, tools);
      const typed = input as In;
      const response = await call({
        prompt: loadPrompt(model.prompt),
        view: model.view(typed),
        schema: model.response(typed),
        schemaName: model.schemaName,
      });
      return model.toOutput(response, typed, tools);
    },
  };
}
