// `npm run test:e2e`: the playground in headless Chromium (web/test/*.e2e.ts). Apart from
// vitest.config.ts so that `npm test` never needs a browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['web/test/**/*.e2e.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
