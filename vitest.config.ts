import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['test/setup.ts'],
    // vitest's default in run mode is one worker fewer than the CPUs: a single worker on CI's two
    // cores, which ran the suite file after file (2:51 on an idle 2-core machine).
    maxWorkers: availableParallelism(),
  },
});
