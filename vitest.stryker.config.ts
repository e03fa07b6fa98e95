// The vitest configuration StrykerJS uses (stryker.config.json): the suite without the fuzz
// tests (they assert "no crash", not behaviour, and their hostile inputs cost seconds per
// mutant), with the property tests at a few deterministic runs each (test/mutation/setup.ts
// fixes fast-check's seed) so that a mutant costs seconds, not minutes.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'test/properties/fuzz.test.ts'],
      env: { STRATA_PROPERTY_RUNS: '4' },
      setupFiles: ['test/mutation/setup.ts'],
    },
  }),
);
