// Parse processes start without the parent's TypeScript loader: register tsx,
// then load the real code.
import { register } from 'tsx/esm/api';

register();
await import('./child.ts');
