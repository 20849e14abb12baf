import { type AgreementFixture, recordedDrafts, requestKey } from '../../eval/judges/recorded.js';
import type { ChatRequest, Reply } from '../support/openai-server.js';

/**
 * Answers rubric-judge requests with the recorded answers, found by the
 * request's own user message (its hash is the draft's key). A request no
 * answer was written for gets a 500 naming its key, so the judge reports an
 * error and the eval leaves that pair out instead of inventing a score.
 *
 * @example
 * const server = await startOpenAIServer({ respond: recordedJudgeResponder(readAgreementFixture()) });
 */
export function recordedJudgeResponder(fixture: AgreementFixture): (request: ChatRequest) => Reply {
  const answers = new Map(recordedDrafts(fixture).map((d) => [d.key, d.answer]));
  return (request) => {
    const key = requestKey(request.messages.find((m) => m.role === 'user')?.content ?? '');
    const answer = answers.get(key);
    return answer ? { json: answer } : { status: 500, body: { error: { message: `no recorded judge answer for request ${key}` } } };
  };
}
