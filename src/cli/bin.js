#!/usr/bin/env node
// The `lessonprep` command. The sources are TypeScript run through tsx, so
// there is no build step to forget and no stale dist/ to confuse anyone.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
