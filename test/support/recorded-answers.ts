import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ChatRequest, Reply } from './openai-server.js';

/**
 * A model answer recorded for a case, with where it came from. The answers were
 * written by whoever played the model through `model-relay.ts` for the product's
 * real prompts; `writtenBy` says who, so nobody mistakes them for a vendor's.
 */
export const RecordedAnswer = z.object({
  provenance: z.object({
    writtenBy: z.string().min(1),
    date: z.string().min(1),
    /** The prompt version (content hash) the answer was written for. */
    promptVersion: z.string().min(1),
    method: z.string().min(1),
    note: z.string(),
  }),
  answer: z.unknown(),
});
export type RecordedAnswer = z.infer<typeof RecordedAnswer>;

/** The recorded answers of one case folder (`<case>/recorded/<schemaName>.json`), by schema name. */
export function readRecordedAnswers(caseDir: string): Map<string, RecordedAnswer> {
  const dir = path.join(caseDir, 'recorded');
  const answers = new Map<string, RecordedAnswer>();
  if (!fs.existsSync(dir)) return answers;
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    answers.set(path.basename(file, '.json'), RecordedAnswer.parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))));
  }
  return answers;
}

/**
 * Answers each request with the recorded answer for its schema name, so the
 * model path runs on realistic content in tests and the eval. A request for a
 * schema with no recording gets a 500 naming it: a missing recording must fail
 * loudly, never be papered over with generated text.
 *
 * @example
 * const server = await startOpenAIServer({ respond: recordedResponder('eval/cases/yuwen-g7-gushi') });
 */
export function recordedResponder(caseDir: string): (req: ChatRequest) => Reply {
  const answers = readRecordedAnswers(caseDir);
  return (req) => {
    const recorded = req.schemaName ? answers.get(req.schemaName) : undefined;
    if (!recorded) return { status: 500, body: { error: { message: `no recorded answer for ${req.schemaName} in ${caseDir}` } } };
    return { json: recorded.answer };
  };
}
