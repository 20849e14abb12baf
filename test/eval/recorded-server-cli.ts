// Replays the recorded model answers of the shipped cases (eval/cases/<case>/recorded/) on a local
// OpenAI-protocol server, so the eval can run the model path on them:
//   npx tsx test/eval/recorded-server-cli.ts --port 8790 &
//   LLM_BASE_URL=http://127.0.0.1:8790/v1 LLM_MODEL=recorded LLM_API_KEY=sk-local LLM_STRUCTURED_METHOD=jsonMode \
//     npm run eval -- --engine openai --cases <the recorded cases> --baseline eval/baseline-recorded.json
import { parseArgs } from 'node:util';
import { startOpenAIServer } from '../support/openai-server.js';
import { recordedCaseIds, recordedCasesResponder } from './recorded.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const ids = recordedCaseIds();
const server = await startOpenAIServer({ respond: recordedCasesResponder(ids), port: Number(values.port), model: 'recorded' });
console.log(`${server.url}  (recorded answers of ${ids.join(', ')})`);
process.once('SIGINT', () => void server.close());
process.once('SIGTERM', () => void server.close());
