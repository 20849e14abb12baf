import { main } from './cli/main.js';

/** `npm run eval` — see eval/README.md. */
process.exitCode = await main(process.argv.slice(2));
