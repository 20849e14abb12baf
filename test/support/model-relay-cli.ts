import { parseArgs } from 'node:util';
import { startModelRelay } from './model-relay.js';

/**
 * `npx tsx test/support/model-relay-cli.ts --dir /tmp/relay --port 8765`: a model
 * relay for recording answers by hand (see `model-relay.ts`). Stops on Ctrl-C.
 */
const { values } = parseArgs({ options: { dir: { type: 'string' }, port: { type: 'string', default: '8765' } } });
if (!values.dir) {
  console.error('usage: model-relay-cli --dir DIR [--port 8765]');
  process.exit(2);
}
const relay = await startModelRelay({ dir: values.dir, port: Number(values.port) });
console.log(`model relay on ${relay.url}; requests and answers in ${values.dir}`);
process.on('SIGINT', () => void relay.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void relay.close().then(() => process.exit(0)));
