// `node --import ./register.mjs` (or NODE_OPTIONS=--import=…): every module the process loads (ES
// modules, and CommonJS packages imported from them) is appended to the file MODULE_TRACE names,
// one URL a line, so a test or the bench can see what a program loads and when.
import { register } from 'node:module';

register(new URL('./hooks.mjs', import.meta.url), { data: { out: process.env.MODULE_TRACE } });
