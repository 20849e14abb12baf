import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/**
 * One `npm test` run in three groups: the service and pipeline tests (test/)
 * in Node and the web app's component tests (web/test/) in happy-dom, side by
 * side; then, alone, the browser tests (web/e2e/), whose Chromium, service and
 * build would otherwise take the CPU from tests that wait on a running pipeline.
 */
export default defineConfig({
  test: {
    // The projects extend this config; a timeout given on the command line does not reach them.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } } },
      {
        extends: true,
        plugins: [vue()],
        test: { name: 'web', include: ['web/test/**/*.test.ts'], environment: 'happy-dom', sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: 'browser', include: ['web/e2e/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 1 } } },
    ],
  },
});
