// Setup for the mutation run only (vitest.stryker.config.ts): fast-check draws the same cases on
// every run, so whether a mutant is killed does not depend on the clock.
import { chmodSync } from 'node:fs';
import { basename } from 'node:path';
import fc from 'fast-check';
import { beforeAll } from 'vitest';
import { clearMemos } from '../../src/engine/memos.ts';

fc.configureGlobal({ seed: 20240601 });

// Stryker runs the suite in a copy of the project, .stryker-tmp/sandbox-XXXX, which it makes with
// mkdtemp (mode 0700). The CLI tests that run bin/strata.js as nobody (test/cli/update.test.ts:
// files root could write anyway) cannot reach it there and fail the dry run; open it as a
// checkout is (0755). Nothing else changes: what those tests check is the same as under npm test.
if (basename(process.cwd()).startsWith('sandbox-')) chmodSync(process.cwd(), 0o755);

// isolate: false (vitest.stryker.config.ts) keeps one module graph for every test file and every
// mutant run; empty the core's caches before each file, as a fresh import did, so that nothing
// computed under one mutant answers for another.
beforeAll(() => clearMemos());
