// A step thread started from the TypeScript sources (tests, tsx) has no
// TypeScript loader: register tsx, then load the thread. Compiled, the pool
// starts thread.js directly and this file is not used.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
