import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Vitest's default is one worker fewer than there are cores: one file at a time on CI's two
    // cores, with the second core idle. The main process has little to do meanwhile.
    maxWorkers: availableParallelism(),
    // Each file builds its own Sésame on its own database copy (test/support/harness.ts) and
    // no test mocks modules, so what a fresh module graph per file would buy is nothing; it
    // cost about 2 s of imports per file (the whole app, PGlite, pdf-lib, the password list),
    // two thirds of the suite's time.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
