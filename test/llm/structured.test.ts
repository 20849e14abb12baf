import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelError } from '../../src/errors.js';
import type { ModelConfig, StructuredMethod } from '../../src/llm/config.js';
import { ResponseCache } from '../../src/llm/response-cache.js';
import { extractJsonText, generateStructured } from '../../src/llm/structured.js';
import { type ChatRequest, type OpenAIServer, type Reply, scriptedResponder, startOpenAIServer } from '../support/openai-server.js';
import { tempDataDir } from '../support/temp-db.js';

const Answer = z.object({ title: z.string().min(1), minutes: z.number().int().positive(), tags: z.array(z.string()) });
const good = { title: '长方形的周长', minutes: 40, tags: ['周长'] };
const API_KEY = 'sk-test-secret-key-do-not-store';

let respond: (req: ChatRequest) => Reply = () => ({ json: good });
let server: OpenAIServer;
const data = tempDataDir();

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey: API_KEY, respond: (req) => respond(req) });
});
afterAll(async () => {
  await server.close();
  data.cleanup();
});
afterEach(() => {
  server.requests.length = 0;
});

/** The server's next answers, in order; the last one repeats. */
function script(...list: Reply[]) {
  respond = scriptedResponder(list);
}

function config(method: StructuredMethod, overrides: Partial<ModelConfig> = {}): ModelConfig {
  return {
    provider: null,
    baseURL: server.url,
    model: 'test-model',
    apiKey: API_KEY,
    method,
    temperature: 0,
    timeoutMs: 2000,
    maxRetries: 2,
    retryBaseMs: 5,
    concurrency: 2,
    ...overrides,
  };
}

const ask = (cfg: ModelConfig, cache: ResponseCache | null = null, user = 'user prompt') =>
  generateStructured(cfg, cache, { schema: Answer, schemaName: 'answer', system: 'system prompt', user, promptVersion: 'v1' });

describe('generateStructured over real HTTP', () => {
  it.each(['jsonSchema', 'functionCalling', 'jsonMode'] as const)(
    '%s: sends the method on the wire and returns the validated object',
    async (method) => {
      script({ json: good, usage: { prompt_tokens: 120, completion_tokens: 30 } });
      const { value, usage } = await ask(config(method));
      expect(value).toEqual(good);
      expect(usage).toEqual({ inputTokens: 120, outputTokens: 30, calls: 1 });
      const request = server.requests.at(-1)!;
      expect(request.method).toBe(method);
      if (method !== 'jsonMode') expect(request.schemaName).toBe('answer');
      if (method === 'jsonMode') expect(request.messages[0]!.content).toContain('JSON Schema');
    },
  );

  it('repairs once: an invalid answer is sent back with its validation errors', async () => {
    script({ text: '{"title": "", "minutes": "forty"}' }, { json: good });
    const { value, usage } = await ask(config('jsonMode'));
    expect(value).toEqual(good);
    expect(usage.calls).toBe(2);
    const repair = server.requests.at(-1)!.messages.at(-1)!.content;
    expect(repair).toContain('没有通过校验');
    expect(repair).toContain('minutes');
  });

  it('repairs after the SDK itself rejects non-JSON under json_schema', async () => {
    script({ text: 'sorry, here is prose' }, { json: good });
    const { value, usage } = await ask(config('jsonSchema'));
    expect(value).toEqual(good);
    expect(usage.calls).toBe(2);
  });

  it('fails the step with a clear message when the repair is invalid too', async () => {
    script({ text: 'not json' }, { text: '{"title": 3}' });
    await expect(ask(config('jsonMode'))).rejects.toThrow(/两次输出都不符合 answer/);
  });

  it('strips <think> blocks and Markdown fences', () => {
    expect(extractJsonText('<think>hmm {"a":1}</think>```json\n{"b": 2}\n```')).toBe('{"b": 2}');
  });

  it('retries a 429 without Retry-After and a 500, then succeeds', async () => {
    script({ status: 429 }, { status: 500 }, { json: good });
    const { value, usage } = await ask(config('jsonMode'));
    expect(value).toEqual(good);
    expect(usage.calls).toBe(3);
  });

  it('gives up after the retries with a rate-limit ModelError', async () => {
    script({ status: 429 });
    const error = await ask(config('jsonMode', { maxRetries: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).kind).toBe('rate-limited');
    expect(server.requests).toHaveLength(2);
  });

  it('times out a hanging server per attempt and reports it', async () => {
    script({ hangMs: 5000 });
    const error = await ask(config('jsonMode', { timeoutMs: 200, maxRetries: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).kind).toBe('timeout');
  });

  it('does not retry a 401 and says to check the key', async () => {
    script({ status: 401 });
    await expect(ask(config('jsonMode'))).rejects.toThrow(/LLM_API_KEY/);
    expect(server.requests).toHaveLength(1);
  });

  it('answers the second identical request from the SQLite cache, which never holds the key', async () => {
    const cache = new ResponseCache(data.db);
    script({ json: good });
    await ask(config('functionCalling'), cache, 'cache me');
    const second = await ask(config('functionCalling'), cache, 'cache me');
    expect(second.cached).toBe(true);
    expect(second.usage.calls).toBe(0);
    expect(server.requests).toHaveLength(1);
    const rows = data.db.$client.prepare('select * from llm_cache').all();
    expect(JSON.stringify(rows)).not.toContain(API_KEY);
  });

  it('sends the API key only as the Authorization header', async () => {
    script({ json: good });
    await ask(config('jsonSchema'));
    const request = server.requests.at(-1)!;
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.stringify(request.body)).not.toContain(API_KEY);
  });
});
