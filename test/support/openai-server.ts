import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ModelConfig } from '../../src/llm/config.js';
import { strictSchemaProblem } from './openai-strict.js';

export type StructuredMethod = 'jsonSchema' | 'functionCalling' | 'jsonMode' | 'text';

export interface ChatRequest {
  /** The parsed JSON request body, as the client sent it. */
  body: any;
  model: string;
  /** Messages with content flattened to text (array parts joined, null as ''). */
  messages: { role: string; content: string }[];
  stream: boolean;
  method: StructuredMethod;
  /** json_schema.name, or the forced (else the only) tool's function name. */
  schemaName: string | null;
  headers: Record<string, string | string[] | undefined>;
  /** 0-based position in `requests`. */
  index: number;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

export type Reply =
  /** Answered in the request's shape: JSON text content, or a tool call whose arguments are the JSON. */
  | { json: unknown; usage?: Usage }
  /** Raw assistant text content (e.g. invalid JSON), even for a tool-calling request. */
  | { text: string; usage?: Usage }
  /** An HTTP error. Default body: an OpenAI-style `{error}`; a string body is sent as text/plain. */
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Accept the request, send nothing for hangMs, then drop the connection. */
  | { hangMs: number }
  /** Destroy the socket without answering. */
  | { dropConnection: true };

export interface OpenAIServerOptions {
  respond: (req: ChatRequest) => Reply | Promise<Reply>;
  /** Fixed delay before every answer, for benchmarks. */
  delayMs?: number;
  /** If set, requests without `Authorization: Bearer <apiKey>` get a 401. */
  apiKey?: string;
  /** Model id listed by GET /v1/models. Default 'test-model'. */
  model?: string;
  /** Default 0: any free port. */
  port?: number;
  /**
   * Like OpenAI, answer 400 when a schema sent with `strict: true` is not valid for strict mode
   * (an object without `additionalProperties: false`, or a property missing from `required`).
   * Default true.
   */
  checkStrictSchemas?: boolean;
}

export interface OpenAIServer {
  /** Base URL to pass as `configuration.baseURL`, e.g. http://127.0.0.1:PORT/v1 */
  url: string;
  /** Every chat completion request received, in order (including ones refused with 401/400). */
  requests: ChatRequest[];
  close(): Promise<void>;
}

/**
 * The service's model settings for a local server: JSON schema output, no retries (a test's answers are
 * scripted, so a retry would only hide a wrong one), 20 s for an answer the local server gives at once.
 *
 * @example
 * const service = await startService(dataDir, { modelConfig: localModelConfig(model.url) });
 */
export function localModelConfig(baseURL: string, overrides: Partial<ModelConfig> = {}): ModelConfig {
  return {
    provider: null,
    baseURL,
    model: 'test-model',
    apiKey: 'k',
    method: 'jsonSchema',
    temperature: 0.3,
    timeoutMs: 20_000,
    maxRetries: 0,
    retryBaseMs: 10,
    concurrency: 4,
    ...overrides,
  };
}

/** Derives how the client asked for structured output from a chat completion request body. */
export function structuredMethodOf(body: any): StructuredMethod {
  const format = body?.response_format?.type;
  if (format === 'json_schema') return 'jsonSchema';
  if (format === 'json_object') return 'jsonMode';
  if (Array.isArray(body?.tools) && body.tools.length > 0) return 'functionCalling';
  return 'text';
}

function schemaNameOf(body: any, method: StructuredMethod): string | null {
  if (method === 'jsonSchema') return body.response_format.json_schema?.name ?? null;
  if (method !== 'functionCalling') return null;
  const forced = body.tool_choice?.function?.name;
  if (typeof forced === 'string') return forced;
  return body.tools.length === 1 ? (body.tools[0].function?.name ?? null) : null;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
  return '';
}

/** Answers with `replies` in order; after the last one, keeps repeating it. */
export function scriptedResponder(replies: Reply[]): (req: ChatRequest) => Reply {
  if (replies.length === 0) throw new Error('scriptedResponder needs at least one reply');
  let next = 0;
  return () => replies[Math.min(next++, replies.length - 1)]!;
}

function errorBody(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function defaultErrorBody(status: number) {
  if (status === 429) return errorBody('Rate limit reached (scripted).', 'requests', 'rate_limit_exceeded');
  if (status >= 500) return errorBody(`The server had an error (scripted ${status}).`, 'server_error', null);
  return errorBody(`Scripted error ${status}.`, 'invalid_request_error', null);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

// A rough token count (2 characters a token) so token accounting is testable without a tokenizer.
const roughTokens = (text: string) => Math.ceil(text.length / 2);

/** Splits text into a few pieces on code point boundaries, so a stream has several chunks. */
function pieces(text: string, count = 4): string[] {
  const chars = Array.from(text);
  const size = Math.max(1, Math.ceil(chars.length / count));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

interface Answer {
  content: string | null;
  toolCall: { id: string; name: string; arguments: string } | null;
  usage: Usage;
}

function answerFor(req: ChatRequest, reply: { json: unknown; usage?: Usage } | { text: string; usage?: Usage }): Answer {
  const asToolCall = 'json' in reply && req.method === 'functionCalling';
  const text = 'json' in reply ? JSON.stringify(reply.json) : reply.text;
  const promptText = req.messages.map((m) => m.content).join('\n');
  const usage = reply.usage ?? { prompt_tokens: roughTokens(promptText), completion_tokens: roughTokens(text) };
  if (!asToolCall) return { content: text, toolCall: null, usage };
  const toolCall = { id: `call_${req.index}`, name: req.schemaName ?? 'extract', arguments: text };
  return { content: null, toolCall, usage };
}

const usageBody = (u: Usage) => ({ ...u, total_tokens: u.prompt_tokens + u.completion_tokens });

function sendCompletion(res: ServerResponse, req: ChatRequest, answer: Answer): void {
  const { toolCall } = answer;
  const message = {
    role: 'assistant',
    content: answer.content,
    refusal: null,
    ...(toolCall && {
      tool_calls: [{ id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: toolCall.arguments } }],
    }),
  };
  sendJson(res, 200, {
    id: `chatcmpl-${req.index}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    choices: [{ index: 0, message, finish_reason: toolCall ? 'tool_calls' : 'stop', logprobs: null }],
    usage: usageBody(answer.usage),
  });
}

function sendStream(res: ServerResponse, req: ChatRequest, answer: Answer): void {
  const includeUsage = req.body.stream_options?.include_usage === true;
  const base = { id: `chatcmpl-${req.index}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: req.model };
  // OpenAI sends `usage: null` on every chunk but the last when usage was asked for.
  const chunk = (delta: object, finish_reason: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason, logprobs: null }],
    ...(includeUsage && { usage: null }),
  });
  const events: object[] = [];
  const { toolCall } = answer;
  if (toolCall) {
    events.push(
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [{ index: 0, id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: '' } }],
      }),
    );
    for (const part of pieces(toolCall.arguments)) events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: part } }] }));
  } else {
    events.push(chunk({ role: 'assistant', content: '', refusal: null }));
    for (const part of pieces(answer.content ?? '')) events.push(chunk({ content: part }));
  }
  events.push(chunk({}, toolCall ? 'tool_calls' : 'stop'));
  if (includeUsage) events.push({ ...base, choices: [], usage: usageBody(answer.usage) });

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const event of events) res.write(`data: ${JSON.stringify(event)}\n\n`);
  res.end('data: [DONE]\n\n');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts a local server on 127.0.0.1 that speaks the OpenAI Chat Completions protocol
 * (JSON and SSE, tools, response_format), answering with whatever `respond` returns.
 *
 * @example
 * const server = await startOpenAIServer({ respond: scriptedResponder([{ status: 429 }, { json: { title: '分数' } }]) });
 * const model = new ChatOpenAI({ model: 'test-model', apiKey: 'sk-test', configuration: { baseURL: server.url }, maxRetries: 0 });
 * // … exercise the real client …
 * expect(server.requests[1]?.schemaName).toBe('extract');
 * await server.close();
 */
export async function startOpenAIServer(options: OpenAIServerOptions): Promise<OpenAIServer> {
  const modelId = options.model ?? 'test-model';
  const requests: ChatRequest[] = [];
  // Aborted by close() so pending delays and hangs do not keep the process alive.
  const closing = new AbortController();

  async function handleChat(httpReq: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: any;
    try {
      body = JSON.parse(await readBody(httpReq));
    } catch {
      return sendJson(res, 400, errorBody('We could not parse the JSON body of your request.', 'invalid_request_error', null));
    }
    const method = structuredMethodOf(body);
    const req: ChatRequest = {
      body,
      model: typeof body.model === 'string' ? body.model : modelId,
      messages: (Array.isArray(body.messages) ? body.messages : []).map((m: any) => ({
        role: String(m?.role),
        content: textOf(m?.content),
      })),
      stream: body.stream === true,
      method,
      schemaName: schemaNameOf(body, method),
      headers: httpReq.headers,
      index: requests.length,
    };
    requests.push(req);

    if (options.apiKey !== undefined && httpReq.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, errorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    }
    const problem = options.checkStrictSchemas === false ? null : strictSchemaProblem(body);
    if (problem) return sendJson(res, 400, errorBody(problem, 'invalid_request_error', null));

    const reply = await options.respond(req);
    if (options.delayMs) await sleep(options.delayMs, undefined, { signal: closing.signal });

    if ('dropConnection' in reply) return void httpReq.socket.destroy();
    if ('hangMs' in reply) {
      await sleep(reply.hangMs, undefined, { signal: closing.signal });
      return void httpReq.socket.destroy();
    }
    if ('status' in reply) {
      const errBody = reply.body ?? defaultErrorBody(reply.status);
      if (typeof errBody === 'string') {
        res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
        return void res.end(errBody);
      }
      return sendJson(res, reply.status, errBody, reply.headers);
    }
    const answer = answerFor(req, reply);
    return req.stream ? sendStream(res, req, answer) : sendCompletion(res, req, answer);
  }

  async function handle(httpReq: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (httpReq.url ?? '/').split('?')[0];
    if (httpReq.method === 'POST' && path === '/v1/chat/completions') return handleChat(httpReq, res);
    if (httpReq.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: [{ id: modelId, object: 'model', created: 0, owned_by: 'lessonprep-test' }] });
    }
    return sendJson(res, 404, errorBody(`Unknown request URL: ${httpReq.method} ${path}.`, 'invalid_request_error', 'unknown_url'));
  }

  const server = createServer((httpReq, res) => {
    handle(httpReq, res).catch((error: unknown) => {
      // close() aborted a delay or hang: the socket is already gone.
      if (closing.signal.aborted || res.headersSent || res.destroyed) return;
      // A throwing responder is a test bug; make it visible to the client as a 500.
      sendJson(res, 500, errorBody(`respond() failed: ${String(error)}`, 'server_error', null));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    // Safe to call twice (a test may close early and an afterEach again).
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and hanging connections would otherwise hold close() (and vitest) open.
        server.closeAllConnections();
      }),
  };
}
