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
    // One module graph per worker, not one per test file: with vitest's default every file
    // imported the engine again, and the imports were 88 s of a 159 s run on an idle 2-core
    // machine (72 s without). Safe because the core keeps no mutable module state a test could
    // leave behind: its memos cache pure results, and test/setup.ts empties them before each
    // file anyway, as a fresh import did (test/engine/memos.test.ts: emptying changes no output).
    isolate: false,
  },
});
