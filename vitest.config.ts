import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Unit tests import app code, so they get the app's Vite config (plugins, aliases) when there is one.
const appConfig = existsSync(new URL('./vite.config.ts', import.meta.url)) ? './vite.config.ts' : undefined;

export default defineConfig({
  test: {
    // `npm test` (scripts/test.mjs) passes reporters on the command line; these serve `npx vitest run`.
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        ...(appConfig ? { extends: appConfig } : {}),
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // The pure core needs no DOM; the few tests that do say so (// @vitest-environment happy-dom).
          environment: 'node',
          isolate: false,
          // With the browser files, in one pool of two (vitest wants one worker count per group).
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          isolate: false,
          // Builds the site once, starts `vite preview`, finds Chromium; provides baseUrl and chrome.
          globalSetup: ['./test/browser/setup.ts'],
          // After the unit tests, two files at a time (each launches its own Chromium; measured faster than
          // one at a time on 2 cores: see the commit that set it). BROWSER_WORKERS=1: one at a time.
          fileParallelism: true,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
