import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/**
 * One `npm test` run, two environments: the service and pipeline tests (test/)
 * and the web app's browser tests (web/e2e/, driving Chromium) in Node; the
 * web app's component tests (web/test/) in happy-dom.
 */
export default defineConfig({
  test: {
    // The projects extend this config; a timeout given on the command line does not reach them.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts', 'web/e2e/**/*.test.ts'], environment: 'node' } },
      { extends: true, plugins: [vue()], test: { name: 'web', include: ['web/test/**/*.test.ts'], environment: 'happy-dom' } },
    ],
  },
});
