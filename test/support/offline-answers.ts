import type { Results } from '../../src/pipeline/step.js';
import type { ChatRequest, Reply } from './openai-server.js';

/** The schema a request asks for: its json_schema or tool name, or the name JSON mode writes into the prompt. */
export function requestedSchema(request: ChatRequest): string | null {
  if (request.schemaName) return request.schemaName;
  const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
  return /名为 (\w+) 的 JSON Schema/.exec(system)?.[1] ?? null;
}

/**
 * A local "model" that answers each step's request with what the offline
 * engine made from the same materials. The answers are valid by construction,
 * so a test of the openai-compatible engine exercises the real client, the
 * wire format, validation and caching without a model on the machine.
 *
 * @example
 * const server = await startOpenAIServer({ respond: answerLikeOffline(offlineResults) });
 */
export function answerLikeOffline(results: Results): (request: ChatRequest) => Reply {
  const plan = results.T3;
  const answers: Record<string, unknown> = {
    teaching_analysis: results.T2,
    lesson_design: plan && {
      title: plan.title,
      methods: plan.methods,
      preparation: plan.preparation,
      process: plan.process,
      boardDesign: plan.boardDesign,
      homework: plan.homework,
      sheets: plan.sheets,
    },
    video_chapters: results.V2,
    video_outline: results.V3 && { clips: results.V3.clips, unused: results.V3.unused },
    deck_brief: results.C1,
    // The model writes no slide ids or origins: the product gives them.
    deck_spec: results.C2 && { ...results.C2, slides: results.C2.slides.map(({ id: _id, origin: _origin, ...slide }) => slide) },
  };
  return (request) => {
    const name = requestedSchema(request);
    const answer = name ? answers[name] : undefined;
    if (answer === undefined)
      return { status: 400, body: { error: { message: `no scripted answer for ${name}`, type: 'invalid_request_error' } } };
    return {
      json: answer,
      usage: {
        prompt_tokens: Math.ceil(JSON.stringify(request.messages).length / 2),
        completion_tokens: Math.ceil(JSON.stringify(answer).length / 2),
      },
    };
  };
}
