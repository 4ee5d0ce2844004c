import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser journeys (`npm run e2e`): one real Sésame for the run (global setup), one real
 * Chromium per journey file. Kept apart from `npm test`: they need Chromium and take longer.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    pool: 'forks',
    // Chromium, axe and the server all want the CPU: on a 2-core machine one file at a time is
    // as fast as two and keeps timings stable.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
