// The vitest configuration StrykerJS uses (stryker.config.json): the suite without the fuzz
// tests (they assert "no crash", not behaviour, and their hostile inputs cost seconds per
// mutant), with the property tests at a few deterministic runs each (test/mutation/setup.ts
// fixes fast-check's seed) so that a mutant costs seconds, not minutes.
//
// Also without the CLI tests that only run bin/strata.js as a child process (atomic writes,
// memory ceilings, the bundle): the child never sees Stryker's active mutant (the vitest runner
// switches it in the worker's globals), so they cannot kill one; they only cost the dry run
// minutes, and the bundle test rebuilds dist/ inside Stryker's sandbox, where it fails (the
// sandbox's instrumented sources do not pass the build's tsc); so does sourced-scripts.test.ts,
// a test of what the build stored (session 28: it failed the dry run of src/union).
//
// STRYKER_SUITE=core (a quicker run, for one directory at a time on a busy machine) leaves out
// the front ends too: test/cli, test/explain and test/portability replay scenarios through the CLI,
// the explanations and the browser bundle, so they cover nearly every core mutant, and a mutant
// that survives costs their whole replay (about 350 of the suite's 750 s). The corpora, the
// properties and every unit test stay. Fewer tests can only kill fewer mutants: a score measured
// this way is a lower bound of the full run's.
//
// STRYKER_SUITE=unit (what a directory's score on this machine can afford) leaves out, beside
// those, the suites that replay whole directories of scenarios: test/conformance (every recorded
// corpus, about 1,500 scenarios), the checked tutorial pages (test/pages/tutorials.test.ts) and
// the corpus round trip (test/scenario/corpus.test.ts), and the shell's differential test
// (test/properties/shell-differential.test.ts: 140 random scripts replayed on strata and on the
// real bash and busybox, 100 s of the core suite's 500). They cover nearly every line of src/fs,
// src/image and src/engine, so each surviving mutant paid for most of their replay; what stays
// is the unit and property tests, which state the behaviour each file has. Again a lower bound.
//
// STRYKER_SUITE=fs and STRYKER_SUITE=image run one folder's own tests only, for mutating that
// folder: fs is test/fs, test/union and test/volume (for src/fs, src/union and src/volume), image
// is test/image (parser: the part of it that tests the Dockerfile parser without building). Every build test covers the Dockerfile parser and the stage split, so with the
// unit suite a surviving build mutant cost 15 to 22 s, and a surviving src/fs mutant about 3 min;
// with the folder's tests, seconds. The tests of other folders that happen to cover the mutated
// code (a container test that builds an image) are left out, so this is the narrowest lower
// bound: a survivor here may be killed by the unit suite; a killed mutant is killed in every suite.
//
// STRYKER_SUITE=container (session 10), for src/container: test/container, plus the unit-suite
// files that run containers through the engine (the storage laws and the model-based property
// tests, the events, bind volumes, compose's dependency waits, the run flags, the network's
// ports and stand-in installs, a background process's sleeps): about 25 s of tests where the unit suite spends minutes on a
// surviving container mutant (every build test starts containers too).
//
// STRYKER_SUITE=engine (session 24), for src/engine: test/engine only. Its small files (ids.ts,
// table.ts, initial-state.ts) meet thousands of tests in the whole suite (session 22: 1.5 to 2 h
// for them), and the whole suite's dry run at load 22 failed on tests that took over 60 s
// (session 24); their own test files state them.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

const FOLDERS: Readonly<Record<string, readonly string[]>> = {
  fs: ['test/fs/**/*.test.ts', 'test/union/**/*.test.ts', 'test/volume/**/*.test.ts'],
  image: ['test/image/**/*.test.ts'],
  engine: ['test/engine/**/*.test.ts'],
  // the Dockerfile parser's and lexer's own tests, without the builds (session 10: with the image
  // suite a surviving src/image/build/dockerfile.ts mutant cost every build test, ~20 s)
  parser: ['test/image/{dockerfile,heredoc,parse-checks,expand,commit-changes,build-stages}.test.ts'],
  // the settings' own tests (session 11: with the container suite a surviving
  // src/container/settings.ts mutant cost every test that creates a container, ~30 s)
  settings: ['test/container/settings.test.ts', 'test/docker/settings-flags.test.ts', 'test/network/**/*.test.ts'],
  container: [
    'test/container/**/*.test.ts',
    'test/properties/laws.test.ts',
    'test/properties/model-based.test.ts',
    'test/engine/events.test.ts',
    // a background process's sleeps and the loops strata refuses (container/process.ts)
    'test/engine/background-sleep-loop.test.ts',
    'test/volume/bind.test.ts',
    'test/compose/depends-on-waits.test.ts',
    'test/docker/settings-flags.test.ts',
    'test/network/**/*.test.ts',
  ],
};
const suite = process.env.STRYKER_SUITE ?? 'full';
if (!['full', 'core', 'unit', ...Object.keys(FOLDERS)].includes(suite)) {
  throw new Error(`STRYKER_SUITE=${suite}: expected full, core, unit, ${Object.keys(FOLDERS).join(', ')}`);
}
const frontEnds = ['test/cli/**', 'test/explain/**', 'test/portability/**'];
const replays = ['test/conformance/**', 'test/pages/tutorials.test.ts', 'test/scenario/corpus.test.ts', 'test/properties/shell-differential.test.ts'];
const leftOut = suite === 'core' ? frontEnds : suite === 'unit' ? [...frontEnds, ...replays] : [];

const merged = mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        ...configDefaults.exclude,
        'test/properties/fuzz.test.ts',
        'test/cli/atomic.test.ts',
        'test/cli/bundle.test.ts',
        'test/cli/sourced-scripts.test.ts',
        'test/cli/memory.test.ts',
        ...leftOut,
      ],
      env: { STRATA_PROPERTY_RUNS: '4' },
      setupFiles: ['test/mutation/setup.ts'],
      // One module graph for all test files of a run. With vitest's default (isolate: true) every
      // test file imported the engine again, and a mutant paid that import (seconds) for each
      // covering file: src/engine/table.ts's 116 mutants took 63 min that way, 2 min 42 s without
      // it, with the same score. Safe here because the core keeps no mutable module state that a
      // test could leave behind (its memos only cache pure results), and Stryker switches mutants
      // through a global it reads at run time, not at import.
      isolate: false,
    },
  }),
);
// mergeConfig appends arrays, so a folder's list replaces the base's include here instead.
if (FOLDERS[suite] !== undefined) merged.test = { ...merged.test, include: [...FOLDERS[suite]] };

export default merged;
