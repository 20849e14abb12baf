import type { AIMessage, BaseMessage } from '@langchain/core/messages';
import pLimit, { type LimitFunction } from 'p-limit';
import { z } from 'zod';
import { SCHEMA_NAMES } from '../domain/schema-names.js';
import { ModelError } from '../errors.js';
import { sha256 } from '../store/sha256.js';
import type { ModelConfig } from './config.js';
import { loadLangChain } from './langchain.js';
import type { ResponseCache } from './response-cache.js';
import { isRetryable, isTimeout, statusOf, withRetries } from './retry.js';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** HTTP calls that reached the model (retries and repairs included), 0 on a cache hit. */
  calls: number;
}

/** What a request is doing, for progress lines and run events. */
export type ModelProgress =
  | { kind: 'request' /** 1-based, counting retries and the repair request. */; attempt: number }
  | { kind: 'retry' /** 1-based: 第 n 次重试. */; number: number; reason: string; waitMs: number }
  | { kind: 'answered' };

/** Runs a request when the endpoint has room for it. */
export type ModelLimit = <R>(request: () => Promise<R>) => Promise<R>;

export interface StructuredRequest<T> {
  schema: z.ZodType<T>;
  /** Names the schema for the model (json_schema name or tool name), e.g. "teaching_analysis". */
  schemaName: string;
  system: string;
  user: string;
  promptVersion: string;
  signal?: AbortSignal;
  onProgress?: (progress: ModelProgress) => void;
  /** How many requests may be in flight to this endpoint; default: this process's limiter for it. A step thread asks the main thread's. */
  limit?: ModelLimit;
}

// One limiter per endpoint for the whole process: LangChain's maxConcurrency is
// per instance, and withStructuredOutput makes a new instance every time.
const limiters = new Map<string, LimitFunction>();
/**
 * The process's limiter for this endpoint (LLM_CONCURRENCY requests in flight).
 *
 * @example
 * const answer = await limiterFor(config)(() => runnable.invoke(messages));
 */
export function limiterFor(config: ModelConfig): LimitFunction {
  let limit = limiters.get(config.baseURL);
  if (!limit) {
    limit = pLimit(config.concurrency);
    limiters.set(config.baseURL, limit);
  }
  return limit;
}

/** Pulls the JSON text out of an answer: drops reasoning blocks and Markdown fences some models add. */
export function extractJsonText(content: string): string {
  const withoutThinking = content.replace(/<think>[\s\S]*?<\/think>/g, '');
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(withoutThinking);
  const text = (fenced?.[1] ?? withoutThinking).trim();
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start >= 0 && end > start ? text.slice(start, end + 1) : text;
}

function answerText(message: AIMessage): string {
  const call = message.tool_calls?.[0];
  if (call) return JSON.stringify(call.args);
  const invalid = message.invalid_tool_calls?.[0];
  if (invalid?.args) return invalid.args;
  const { content } = message;
  if (typeof content === 'string') return content;
  return content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');
}

type Checked<T> = { ok: true; value: T } | { ok: false; problems: string };

function check<T>(schema: z.ZodType<T>, text: string): Checked<T> {
  let data: unknown;
  try {
    data = JSON.parse(extractJsonText(text));
  } catch (error) {
    return { ok: false, problems: `输出不是合法的 JSON：${(error as Error).message}` };
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues
    .slice(0, 20)
    .map((issue) => `- ${issue.path.join('.') || '(根)'}: ${issue.message}`)
    .join('\n');
  return { ok: false, problems };
}

function describeFailure(error: unknown, config: ModelConfig): ModelError {
  const status = statusOf(error);
  // The model's name, not its endpoint: these messages reach API clients, and an internal URL may carry credentials.
  const where = `模型 ${config.model}`;
  if (status === 429)
    return new ModelError(`模型服务限流（429），重试 ${config.maxRetries} 次后仍失败：${where}`, 'rate-limited', { cause: error });
  if (isTimeout(error)) return new ModelError(`模型服务超时（每次 ${config.timeoutMs} ms）：${where}`, 'timeout', { cause: error });
  if (status === 401 || status === 403)
    return new ModelError(`模型服务拒绝了密钥（${status}）：请检查 LLM_API_KEY。${where}`, 'unavailable', { cause: error });
  const reason = status ? `HTTP ${status}` : ((error as Error)?.message ?? String(error));
  return new ModelError(`模型服务不可用（${reason}）：${where}`, 'unavailable', { cause: error });
}

/**
 * Asks the model for JSON matching `schema`, with the structured-output method
 * the provider supports, validates the answer with zod, and on failure asks
 * once more showing the model its validation errors. Answers are cached by a
 * key that covers everything that shapes them except the API key.
 *
 * @example
 * const { value, usage } = await generateStructured(config, cache, {
 *   schema: TeachingAnalysis, schemaName: 'teaching_analysis', system, user, promptVersion,
 * });
 */
export async function generateStructured<T>(
  config: ModelConfig,
  cache: ResponseCache | null,
  request: StructuredRequest<T>,
): Promise<{ value: T; usage: Usage; cached: boolean }> {
  // `$schema` is dropped: some OpenAI-compatible servers reject keywords they do not know. The named
  // parts (a source, a text block, a sheet item) are defined once under `$defs`, not inlined at every
  // use; small unnamed parts stay inline, where a `$ref` would cost more characters than it saves.
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(request.schema, {
    unrepresentable: 'any',
    metadata: SCHEMA_NAMES,
    reused: 'inline',
  });
  // JSON mode sends no schema on the wire, so the prompt has to carry it (and the word "JSON").
  const system =
    config.method === 'jsonMode'
      ? `${request.system}\n\n只输出一个 JSON 对象，不要输出其他文字。JSON 必须符合以下名为 ${request.schemaName} 的 JSON Schema：\n${JSON.stringify(jsonSchema)}`
      : request.system;
  const key = sha256(
    JSON.stringify({
      baseURL: config.baseURL,
      model: config.model,
      method: config.method,
      temperature: config.temperature,
      schemaName: request.schemaName,
      schema: jsonSchema,
      promptVersion: request.promptVersion,
      system,
      user: request.user,
    }),
  );
  const hit = cache?.get(key);
  if (hit) {
    const revalidated = request.schema.safeParse(hit.value);
    if (revalidated.success) {
      return { value: revalidated.data, usage: { inputTokens: hit.inputTokens, outputTokens: hit.outputTokens, calls: 0 }, cached: true };
    }
  }

  // Only a request that reaches the model loads LangChain; a cache hit above does not.
  const { ChatOpenAI, AIMessage, HumanMessage, SystemMessage } = await loadLangChain();
  const messages: BaseMessage[] = [new SystemMessage(system), new HumanMessage(request.user)];
  const chat = new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    configuration: { baseURL: config.baseURL },
    temperature: config.temperature,
    timeout: config.timeoutMs,
    // Retries are ours (withRetries): LangChain's skip 429s without Retry-After.
    maxRetries: 0,
  });
  const runnable = chat.withStructuredOutput(jsonSchema as Record<string, unknown>, {
    name: request.schemaName,
    method: config.method,
    includeRaw: true,
  });
  const usage: Usage = { inputTokens: 0, outputTokens: 0, calls: 0 };
  const limit: ModelLimit = request.limit ?? ((task) => limiterFor(config)(task));
  /** One answer's text, or why there is none: with json_schema the OpenAI SDK parses the answer itself and throws on bad JSON. */
  const ask = async (conversation: BaseMessage[]): Promise<{ text: string } | { text: null; problem: string }> => {
    try {
      const { raw } = await withRetries(
        () =>
          limit(() => {
            usage.calls += 1;
            request.onProgress?.({ kind: 'request', attempt: usage.calls });
            return runnable.invoke(conversation, { signal: request.signal });
          }),
        {
          maxRetries: config.maxRetries,
          baseMs: config.retryBaseMs,
          onRetry: (retry) => request.onProgress?.({ kind: 'retry', ...retry }),
        },
        request.signal,
      );
      request.onProgress?.({ kind: 'answered' });
      const message = raw as AIMessage;
      usage.inputTokens += message.usage_metadata?.input_tokens ?? 0;
      usage.outputTokens += message.usage_metadata?.output_tokens ?? 0;
      return { text: answerText(message) };
    } catch (error) {
      if (request.signal?.aborted) throw error;
      if (isRetryable(error) || statusOf(error) !== null) throw describeFailure(error, config);
      return { text: null, problem: `输出无法解析：${(error as Error).message}` };
    }
  };
  const judge = (answer: Awaited<ReturnType<typeof ask>>): Checked<T> =>
    answer.text === null ? { ok: false, problems: answer.problem } : check(request.schema, answer.text);

  const first = await ask(messages);
  let result = judge(first);
  if (!result.ok) {
    const repair = [
      ...messages,
      ...(first.text === null ? [] : [new AIMessage(first.text)]),
      new HumanMessage(`你上一次的输出没有通过校验：\n${result.problems}\n请修正这些问题，重新输出完整的 JSON。`),
    ];
    result = judge(await ask(repair));
  }
  if (!result.ok) {
    throw new ModelError(`模型两次输出都不符合 ${request.schemaName} 的格式：\n${result.problems}`, 'invalid-output');
  }
  cache?.set(key, config.model, { value: result.value, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
  return { value: result.value, usage, cached: false };
}
