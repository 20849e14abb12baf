import { ConfigError } from '../errors.js';

export type StructuredMethod = 'jsonSchema' | 'functionCalling' | 'jsonMode';
const METHODS: readonly StructuredMethod[] = ['jsonSchema', 'functionCalling', 'jsonMode'];

/**
 * What each vendor's OpenAI-compatible endpoint accepts for structured output.
 * DeepSeek, Kimi and most Qwen models reject `json_schema`, so they get JSON mode
 * (the schema then travels in the prompt); local servers with grammar-constrained
 * decoding do best with `json_schema`.
 */
export const PROVIDER_PRESETS = {
  openai: { baseURL: 'https://api.openai.com/v1', method: 'jsonSchema' },
  deepseek: { baseURL: 'https://api.deepseek.com/v1', method: 'jsonMode' },
  qwen: { baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1', method: 'jsonMode' },
  kimi: { baseURL: 'https://api.moonshot.cn/v1', method: 'jsonMode' },
  glm: { baseURL: 'https://open.bigmodel.cn/api/paas/v4', method: 'jsonMode' },
  doubao: { baseURL: 'https://ark.cn-beijing.volces.com/api/v3', method: 'jsonMode' },
  ollama: { baseURL: 'http://127.0.0.1:11434/v1', method: 'jsonSchema' },
  vllm: { baseURL: 'http://127.0.0.1:8000/v1', method: 'jsonSchema' },
  llamacpp: { baseURL: 'http://127.0.0.1:8080/v1', method: 'jsonSchema' },
} as const satisfies Record<string, { baseURL: string; method: StructuredMethod }>;
export type Provider = keyof typeof PROVIDER_PRESETS;

export interface ModelConfig {
  provider: Provider | null;
  baseURL: string;
  model: string;
  /** Kept out of every hash, row, log and artifact; only the HTTP client sees it. */
  apiKey: string;
  method: StructuredMethod;
  temperature: number;
  /** Per attempt. */
  timeoutMs: number;
  /** Retries after the first attempt, for 429, 5xx, timeouts and dropped connections. */
  maxRetries: number;
  retryBaseMs: number;
  /** Requests in flight at once to this endpoint, across all runs in the process. */
  concurrency: number;
}

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new ConfigError(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

/**
 * Reads the model settings from the environment, or returns null when none is
 * configured (the offline engine is then the default).
 *
 * @example
 * // LLM_PROVIDER=deepseek LLM_API_KEY=sk-… LLM_MODEL=deepseek-chat
 * const config = readModelConfig(process.env); // method: 'jsonMode', DeepSeek's base URL
 */
export function readModelConfig(env: NodeJS.ProcessEnv = process.env): ModelConfig | null {
  const providerName = env.LLM_PROVIDER?.trim().toLowerCase() || null;
  if (!providerName && !env.LLM_BASE_URL && !env.LLM_MODEL) return null;
  if (providerName && !(providerName in PROVIDER_PRESETS)) {
    throw new ConfigError(`LLM_PROVIDER "${providerName}" is unknown; use one of: ${Object.keys(PROVIDER_PRESETS).join(', ')}`);
  }
  const preset = providerName ? PROVIDER_PRESETS[providerName as Provider] : null;
  const baseURL = env.LLM_BASE_URL?.trim() || preset?.baseURL;
  if (!baseURL) throw new ConfigError('LLM_BASE_URL is not set (or set LLM_PROVIDER to use a preset)');
  const model = env.LLM_MODEL?.trim();
  if (!model) throw new ConfigError('LLM_MODEL is not set: name the model to call, e.g. LLM_MODEL=qwen-plus');
  const methodName = env.LLM_STRUCTURED_METHOD?.trim();
  if (methodName && !METHODS.includes(methodName as StructuredMethod)) {
    throw new ConfigError(`LLM_STRUCTURED_METHOD must be one of ${METHODS.join(', ')}, got "${methodName}"`);
  }
  return {
    provider: (providerName as Provider | null) ?? null,
    baseURL: baseURL.replace(/\/+$/, ''),
    model,
    // Local servers (Ollama, llama.cpp) ignore the key, but the client refuses to start without one.
    apiKey: env.LLM_API_KEY?.trim() || 'not-needed',
    // JSON mode is the one format nearly every OpenAI-compatible server understands.
    method: (methodName as StructuredMethod | undefined) ?? preset?.method ?? 'jsonMode',
    temperature: numberFrom(env, 'LLM_TEMPERATURE', 0.3),
    timeoutMs: numberFrom(env, 'LLM_TIMEOUT_MS', 120_000),
    maxRetries: numberFrom(env, 'LLM_MAX_RETRIES', 3),
    retryBaseMs: numberFrom(env, 'LLM_RETRY_BASE_MS', 1000),
    concurrency: Math.max(1, numberFrom(env, 'LLM_CONCURRENCY', 4)),
  };
}
