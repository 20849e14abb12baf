// Worker threads start without the parent's TypeScript loader: register tsx,
// then load the real worker code.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
