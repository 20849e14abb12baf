import fs from 'node:fs';
import path from 'node:path';
import { EvalCase } from '../../eval/case-schema.js';
import { packagePath } from '../../src/paths.js';
import type { ChatRequest, Reply } from '../support/openai-server.js';
import { readRecordedAnswers } from '../support/recorded-answers.js';

/** The shipped cases that carry recorded model answers (`<case>/recorded/*.json`). */
export function recordedCaseIds(): string[] {
  const root = packagePath('eval', 'cases');
  return fs
    .readdirSync(root)
    .filter((id) => fs.existsSync(path.join(root, id, 'recorded')))
    .sort();
}

/**
 * Answers the model path of several cases at once from their recordings: a
 * request belongs to the case whose 课题 its prompt states, and gets that
 * case's recorded answer for the schema it asks for. A request no recording
 * fits gets a 500 naming it, so a missing answer fails loudly.
 *
 * @example
 * const server = await startOpenAIServer({ respond: recordedCasesResponder(recordedCaseIds()) });
 */
export function recordedCasesResponder(ids: readonly string[]): (req: ChatRequest) => Reply {
  const cases = ids.map((id) => {
    const dir = packagePath('eval', 'cases', id);
    const evalCase = EvalCase.parse(JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')));
    return { id, title: evalCase.request.title, answers: readRecordedAnswers(dir) };
  });
  return (req) => {
    const prompt = req.messages.map((m) => m.content).join('\n');
    // The longest title first: one lesson's title may be part of another's.
    const owner = [...cases].sort((a, b) => b.title.length - a.title.length).find((c) => prompt.includes(c.title));
    const recorded = owner && req.schemaName ? owner.answers.get(req.schemaName) : undefined;
    if (!recorded)
      return { status: 500, body: { error: { message: `no recorded answer for ${req.schemaName} (case ${owner?.id ?? 'unknown'})` } } };
    return { json: recorded.answer };
  };
}
