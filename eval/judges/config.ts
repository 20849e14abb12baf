import { type ModelConfig, readModelConfig } from '../../src/llm/config.js';

const SETTINGS = [
  'PROVIDER',
  'BASE_URL',
  'MODEL',
  'API_KEY',
  'STRUCTURED_METHOD',
  'TIMEOUT_MS',
  'MAX_RETRIES',
  'RETRY_BASE_MS',
  'CONCURRENCY',
];

/**
 * The judge's model: `JUDGE_*` variables, each falling back to its `LLM_*`
 * twin, so a judge can be another model on the same endpoint
 * (`JUDGE_MODEL=qwen-max`) or another endpoint altogether. Only
 * `JUDGE_TEMPERATURE` sets the temperature, default 0: a judge should give
 * the same draft the same score, whatever the pipeline's model uses.
 *
 * @example
 * // JUDGE_PROVIDER=deepseek JUDGE_MODEL=deepseek-chat JUDGE_API_KEY=sk-…
 * const config = readJudgeConfig(process.env);
 */
export function readJudgeConfig(env: NodeJS.ProcessEnv = process.env): ModelConfig | null {
  const merged: NodeJS.ProcessEnv = { LLM_TEMPERATURE: env.JUDGE_TEMPERATURE ?? '0' };
  // A judge on another endpoint must not be sent the pipeline's key: the key follows only its own endpoint.
  const ownEndpoint = env.JUDGE_PROVIDER === undefined && env.JUDGE_BASE_URL === undefined;
  for (const name of SETTINGS) {
    const fallback = name === 'API_KEY' && !ownEndpoint ? undefined : env[`LLM_${name}`];
    const value = env[`JUDGE_${name}`] ?? fallback;
    if (value !== undefined) merged[`LLM_${name}`] = value;
  }
  return readModelConfig(merged);
}
