// A local OpenAI-compatible server for manual tries: every request gets `{"ok":true}` in the shape
// it asked for (JSON content or a tool call), after --delay milliseconds.
//   npx tsx test/support/openai-server-cli.ts --port 8787 --delay 500
import { parseArgs } from 'node:util';
import { startOpenAIServer } from './openai-server.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, delay: { type: 'string', default: '0' } } });
const server = await startOpenAIServer({
  respond: () => ({ json: { ok: true } }),
  port: Number(values.port),
  delayMs: Number(values.delay),
});
console.log(server.url);
process.once('SIGINT', () => void server.close());
