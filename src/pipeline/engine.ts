import { ConfigError } from '../errors.js';
import type { ModelConfig } from '../llm/config.js';
import type { ResponseCache } from '../llm/response-cache.js';

/**
 * The two engines. `offline` builds every artifact by extraction and rules,
 * with no network; `openai-compatible` asks a model for the steps that have a
 * prompt and uses the same rules for parsing and rendering.
 */
export type Engine = { kind: 'offline' } | { kind: 'openai-compatible'; config: ModelConfig; cache: ResponseCache };

export type EngineChoice = 'offline' | 'openai' | 'auto';

/**
 * Picks the engine: `auto` means the model when one is configured, else offline.
 *
 * @example
 * const engine = chooseEngine('auto', readModelConfig(process.env), new ResponseCache(db));
 */
export function chooseEngine(choice: EngineChoice, config: ModelConfig | null, cache: ResponseCache): Engine {
  if (choice === 'offline' || (choice === 'auto' && !config)) return { kind: 'offline' };
  if (!config) {
    throw new ConfigError('选择了 openai 引擎，但没有配置模型：请设置 LLM_BASE_URL 和 LLM_MODEL（或 LLM_PROVIDER），以及 LLM_API_KEY');
  }
  return { kind: 'openai-compatible', config, cache };
}

/** What makes this engine's answers differ from another's; part of every model step's input hash. Never the key. */
export function engineIdentity(engine: Engine): string {
  if (engine.kind === 'offline') return 'offline';
  const { baseURL, model, method, temperature } = engine.config;
  return `openai-compatible|${baseURL}|${model}|${method}|${temperature}`;
}

export function engineModel(engine: Engine): string | null {
  return engine.kind === 'offline' ? null : engine.config.model;
}
