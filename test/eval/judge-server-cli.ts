// Serves the rubric judge's recorded answers (eval/judges/recorded/rubric-agreement.json) on a local
// OpenAI-protocol server, so the eval's own --mutations --judge path can be run on them:
//   npx tsx test/eval/judge-server-cli.ts --port 8791 &
//   JUDGE_BASE_URL=http://127.0.0.1:8791/v1 JUDGE_MODEL=recorded-judge JUDGE_API_KEY=sk-local JUDGE_MAX_RETRIES=0 \
//     npm run eval -- --cases <the fixture's cases> --mutations --judges rubric
// Requests nobody answered (other mutations, drafts changed since recording) get a 500: those pairs are left out.
import { parseArgs } from 'node:util';
import { readAgreementFixture } from '../../eval/judges/recorded.js';
import { startOpenAIServer } from '../support/openai-server.js';
import { recordedJudgeResponder } from './judge-recorded.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const fixture = readAgreementFixture();
const server = await startOpenAIServer({ respond: recordedJudgeResponder(fixture), port: Number(values.port), model: 'recorded-judge' });
console.log(`${server.url}  (recorded rubric answers for ${fixture.cases.join(', ')})`);
process.once('SIGINT', () => void server.close());
process.once('SIGTERM', () => void server.close());
