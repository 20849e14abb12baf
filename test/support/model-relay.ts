import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ChatRequest, type OpenAIServer, type Reply, startOpenAIServer } from './openai-server.js';

/**
 * What a relayed request becomes on disk: the prompt as the model would read it,
 * and the JSON schema it must answer in. Someone acting as the model (a person,
 * or a helper agent) reads `NNN-<schema>.request.md` and writes
 * `NNN-<schema>.answer.json`; the relay returns that file as the model's answer.
 */
function requestMarkdown(req: ChatRequest): string {
  const schema = req.body?.response_format?.json_schema?.schema ?? req.body?.tools?.[0]?.function?.parameters ?? null;
  const parts = [
    `# Request ${req.index + 1}: ${req.schemaName ?? '(no schema name)'} · method ${req.method}`,
    ...req.messages.map((m) => `## ${m.role}\n\n${m.content}`),
  ];
  if (schema) parts.push(`## JSON schema of the answer\n\n\`\`\`json\n${JSON.stringify(schema, null, 2)}\n\`\`\``);
  return parts.join('\n\n');
}

export interface ModelRelay {
  /** Base URL for `LLM_BASE_URL`. */
  url: string;
  server: OpenAIServer;
  close(): Promise<void>;
}

/**
 * Starts an OpenAI-protocol server on 127.0.0.1 whose answers are written by
 * hand. Used to record realistic model answers for fixtures and eval cases:
 * the product's real prompts go out through the real `ChatOpenAI` client, and
 * whoever plays the model answers them. The answers are recorded with their
 * provenance (who wrote them, when, for which prompt version); they are never
 * presented as a vendor model's output.
 *
 * @example
 * const relay = await startModelRelay({ dir: '/tmp/relay', port: 8765 });
 * // LLM_BASE_URL=http://127.0.0.1:8765/v1 LLM_MODEL=relay lessonprep run … --engine openai
 * // then answer /tmp/relay/001-lesson_design.request.md in /tmp/relay/001-lesson_design.answer.json
 */
export async function startModelRelay(options: { dir: string; port?: number; pollMs?: number }): Promise<ModelRelay> {
  await fs.mkdir(options.dir, { recursive: true });
  const closing = new AbortController();
  const respond = async (req: ChatRequest): Promise<Reply> => {
    const stem = path.join(options.dir, `${String(req.index + 1).padStart(3, '0')}-${req.schemaName ?? 'answer'}`);
    await fs.writeFile(`${stem}.request.json`, JSON.stringify(req.body, null, 2));
    // Renamed into place, so whoever watches the folder never reads a half-written prompt.
    await fs.writeFile(`${stem}.request.md.part`, requestMarkdown(req));
    await fs.rename(`${stem}.request.md.part`, `${stem}.request.md`);
    const answerFile = `${stem}.answer.json`;
    while (!existsSync(answerFile)) await sleep(options.pollMs ?? 500, undefined, { signal: closing.signal });
    const text = await fs.readFile(answerFile, 'utf8');
    try {
      return { json: JSON.parse(text) };
    } catch {
      // Sent as written: the product's repair path must see invalid JSON as a real model's would be.
      return { text };
    }
  };
  const server = await startOpenAIServer({ respond, port: options.port, model: 'relay', checkStrictSchemas: false });
  return {
    url: server.url,
    server,
    close: async () => {
      closing.abort();
      await server.close();
    },
  };
}
