// The vitest configuration StrykerJS uses (stryker.config.json): the suite without the fuzz
// tests (they assert "no crash", not behaviour, and their hostile inputs cost seconds per
// mutant), with the property tests at a few deterministic runs each (test/mutation/setup.ts
// fixes fast-check's seed) so that a mutant costs seconds, not minutes.
//
// Also without the CLI tests that only run bin/strata.js as a child process (atomic writes,
// memory ceilings, the bundle): the child never sees Stryker's active mutant (the vitest runner
// switches it in the worker's globals), so they cannot kill one; they only cost the dry run
// minutes, and the bundle test rebuilds dist/ inside Stryker's sandbox, where it fails.
//
// STRYKER_SUITE=core (a quicker run, for one directory at a time on a busy machine) leaves out
// the front ends too: test/cli, test/explain and test/portability replay scenarios through the CLI,
// the explanations and the browser bundle, so they cover nearly every core mutant, and a mutant
// that survives costs their whole replay (about 350 of the suite's 750 s). The corpora, the
// properties and every unit test stay. Fewer tests can only kill fewer mutants: a score measured
// this way is a lower bound of the full run's.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

const core = process.env.STRYKER_SUITE === 'core' ? ['test/cli/**', 'test/explain/**', 'test/portability/**'] : [];

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        ...configDefaults.exclude,
        'test/properties/fuzz.test.ts',
        'test/cli/atomic.test.ts',
        'test/cli/bundle.test.ts',
        'test/cli/memory.test.ts',
        ...core,
      ],
      env: { STRATA_PROPERTY_RUNS: '4' },
      setupFiles: ['test/mutation/setup.ts'],
    },
  }),
);
