import type { AIMessage, AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type OpenAIServer, type Reply, scriptedResponder, startOpenAIServer } from './openai-server.js';

const LessonTitle = z.object({ title: z.string(), periods: z.number().int(), note: z.string().nullable() });
const answer = { title: '分数的初步认识', periods: 2, note: null };
const methods = ['jsonSchema', 'functionCalling', 'jsonMode'] as const;

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(respond: Reply | Reply[], options: { apiKey?: string; delayMs?: number } = {}) {
  server = await startOpenAIServer({ respond: scriptedResponder(Array.isArray(respond) ? respond : [respond]), ...options });
  return server;
}

// Configured the way the product's openai-compatible engine configures it.
function client(s: OpenAIServer, fields: { apiKey?: string; timeout?: number; maxRetries?: number } = {}) {
  return new ChatOpenAI({
    model: 'test-model',
    apiKey: fields.apiKey ?? 'sk-test',
    configuration: { baseURL: s.url },
    maxRetries: fields.maxRetries ?? 0,
    timeout: fields.timeout ?? 5000,
  });
}

const prompt: [string, string][] = [
  ['system', 'Answer in json.'],
  ['human', '课题：分数'],
];

describe('structured output through the real ChatOpenAI client', () => {
  it.each(methods)('%s returns the parsed object, the tokens, and is recorded', async (method) => {
    const s = await serve({ json: answer, usage: { prompt_tokens: 120, completion_tokens: 30 } });
    const structured = client(s).withStructuredOutput(LessonTitle, { method, name: 'lesson_title', includeRaw: true });

    const out = await structured.invoke(prompt);

    expect(out.parsed).toEqual(answer);
    expect((out.raw as AIMessage).usage_metadata).toMatchObject({ input_tokens: 120, output_tokens: 30, total_tokens: 150 });
    const [req] = s.requests;
    expect(req).toMatchObject({ method, stream: false, model: 'test-model', index: 0 });
    expect(req?.schemaName).toBe(method === 'jsonMode' ? null : 'lesson_title');
    expect(req?.messages).toEqual([
      { role: 'system', content: 'Answer in json.' },
      { role: 'user', content: '课题：分数' },
    ]);
    expect(req?.headers.authorization).toBe('Bearer sk-test');
  });

  it('counts tokens roughly (2 characters a token) when the reply gives no usage', async () => {
    const s = await serve({ text: 'abcde' });
    const message = await client(s).invoke([['human', '123456']]);
    expect(message.content).toBe('abcde');
    expect(message.usage_metadata).toMatchObject({ input_tokens: 3, output_tokens: 3 });
  });
});

describe('streaming (SSE)', () => {
  it('splits content across chunks whose concatenation is the answer, then a usage chunk', async () => {
    const text = '同学们，今天我们来认识分数。';
    const s = await serve({ text, usage: { prompt_tokens: 9, completion_tokens: 4 } });

    const chunks: AIMessageChunk[] = [];
    for await (const chunk of await client(s).stream(prompt)) chunks.push(chunk);

    expect(chunks.filter((c) => c.content !== '').length).toBeGreaterThan(2);
    expect(chunks.map((c) => c.content).join('')).toBe(text);
    expect(chunks.at(-1)?.usage_metadata).toMatchObject({ input_tokens: 9, output_tokens: 4 });
    expect(s.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('splits tool-call arguments across chunks', async () => {
    const s = await serve({ json: answer });
    const structured = client(s).withStructuredOutput(LessonTitle, { method: 'functionCalling', name: 'lesson_title' });

    const partials: unknown[] = [];
    for await (const partial of await structured.stream(prompt)) partials.push(partial);

    expect(partials.length).toBeGreaterThan(2);
    expect(partials.at(-1)).toEqual(answer);
  });
});

// What the client does with an answer that is not the JSON asked for — the repair loop must handle each.
describe('bad answers', () => {
  it('jsonMode: parsed is null and the raw text is kept', async () => {
    const s = await serve({ text: 'not json' });
    const out = await client(s).withStructuredOutput(LessonTitle, { method: 'jsonMode', includeRaw: true }).invoke(prompt);
    expect(out.parsed).toBeNull();
    expect(out.raw.content).toBe('not json');
  });

  it('functionCalling: a text answer instead of a tool call gives parsed undefined (not null)', async () => {
    const s = await serve({ text: 'not json' });
    const out = await client(s).withStructuredOutput(LessonTitle, { method: 'functionCalling', includeRaw: true }).invoke(prompt);
    expect(out.parsed).toBeUndefined();
    expect(out.raw.content).toBe('not json');
  });

  it('functionCalling: arguments that fail the schema give parsed null and the raw tool call', async () => {
    const s = await serve({ json: { title: 1 } });
    const out = await client(s).withStructuredOutput(LessonTitle, { method: 'functionCalling', includeRaw: true }).invoke(prompt);
    expect(out.parsed).toBeNull();
    expect((out.raw as AIMessage).tool_calls?.[0]?.args).toEqual({ title: 1 });
  });

  // With a zod v4 schema the OpenAI SDK parses the answer itself (chat.completions.parse), so the
  // failure is thrown by the model call: includeRaw cannot catch it and the raw text is lost.
  it('jsonSchema: invalid JSON throws a SyntaxError even with includeRaw', async () => {
    const s = await serve({ text: 'not json' });
    const run = client(s).withStructuredOutput(LessonTitle, { method: 'jsonSchema', includeRaw: true }).invoke(prompt);
    await expect(run).rejects.toThrow(SyntaxError);
  });

  it('jsonSchema: JSON that fails the schema throws a ZodError even with includeRaw', async () => {
    const s = await serve({ json: { title: 1 } });
    const run = client(s).withStructuredOutput(LessonTitle, { method: 'jsonSchema', includeRaw: true }).invoke(prompt);
    await expect(run).rejects.toMatchObject({ name: '$ZodError' });
  });
});

describe('failures', () => {
  it('a 429 without Retry-After reaches the client at once, even with retries allowed', async () => {
    const s = await serve({ status: 429 });
    await expect(client(s, { maxRetries: 2 }).invoke(prompt)).rejects.toMatchObject({ status: 429 });
    expect(s.requests).toHaveLength(1);
  });

  it('a 429 with Retry-After is retried by LangChain', async () => {
    const s = await serve([{ status: 429, headers: { 'retry-after': '0' } }, { text: 'ok' }]);
    const message = await client(s, { maxRetries: 1 }).invoke(prompt);
    expect(message.content).toBe('ok');
    expect(s.requests).toHaveLength(2);
  });

  it('a 500 reaches the client with its status', async () => {
    const s = await serve({ status: 500 });
    await expect(client(s).invoke(prompt)).rejects.toMatchObject({ status: 500 });
  });

  it('a hang trips the client timeout', async () => {
    const s = await serve({ hangMs: 10_000 });
    const started = Date.now();
    await expect(client(s, { timeout: 300 }).invoke(prompt)).rejects.toMatchObject({ name: 'TimeoutError' });
    // Well under the 10 s hang, with room for a loaded machine: the timeout, not the server, ended it.
    expect(Date.now() - started).toBeLessThan(9000);
  });

  it('a dropped connection is a connection error', async () => {
    const s = await serve({ dropConnection: true });
    await expect(client(s).invoke(prompt)).rejects.toThrow(/Connection error/);
  });

  it('a wrong API key gets a 401, and the header sent is recorded', async () => {
    const s = await serve({ text: 'ok' }, { apiKey: 'sk-right' });
    await expect(client(s, { apiKey: 'sk-wrong' }).invoke(prompt)).rejects.toMatchObject({ status: 401 });
    expect(s.requests[0]?.headers.authorization).toBe('Bearer sk-wrong');
    expect((await client(s, { apiKey: 'sk-right' }).invoke(prompt)).content).toBe('ok');
  });

  it('like OpenAI, refuses a strict json_schema with an optional field', async () => {
    const s = await serve({ json: {} });
    const Optional = z.object({ title: z.string().optional() });
    const run = client(s).withStructuredOutput(Optional, { method: 'jsonSchema' }).invoke(prompt);
    await expect(run).rejects.toMatchObject({ status: 400, message: expect.stringContaining("Missing 'title'") });
  });
});

describe('the server itself', () => {
  it('lists the model, and answers unknown routes and bad JSON with OpenAI-style errors', async () => {
    const s = await serve({ text: 'ok' });
    const models = await fetch(`${s.url}/models`).then((r) => r.json());
    expect(models).toMatchObject({ object: 'list', data: [{ id: 'test-model', object: 'model' }] });

    const unknown = await fetch(`${s.url}/embeddings`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { message: expect.any(String), type: 'invalid_request_error', code: 'unknown_url' },
    });

    const bad = await fetch(`${s.url}/chat/completions`, { method: 'POST', body: '{oops' });
    expect(bad.status).toBe(400);
  });

  it('waits delayMs before answering', async () => {
    const s = await serve({ text: 'ok' }, { delayMs: 200 });
    const started = Date.now();
    await client(s).invoke(prompt);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('closes promptly with a request still hanging', async () => {
    const s = await serve({ hangMs: 60_000 });
    const pending = client(s)
      .invoke(prompt)
      .catch((error: unknown) => error);
    while (s.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await s.close();
    // Far under the 60 s hang, with room for a loaded machine: close() did not wait for it.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('scriptedResponder', () => {
  it('answers in order, then repeats the last reply', () => {
    const respond = scriptedResponder([{ status: 503 }, { text: 'a' }, { text: 'b' }]);
    const replies = Array.from({ length: 5 }, () => respond({} as never));
    expect(replies).toEqual([{ status: 503 }, { text: 'a' }, { text: 'b' }, { text: 'b' }, { text: 'b' }]);
  });

  it('refuses an empty script', () => {
    expect(() => scriptedResponder([])).toThrow();
  });
});
