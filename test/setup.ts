// Setup for every vitest run (vitest.config.ts): a programming error inside an applet or the shell
// fails the test with its stack instead of becoming a `strata: internal error` line.
import { beforeAll } from 'vitest';
import { clearMemos } from '../src/engine/memos.ts';
import { internalErrors } from '../src/shell/control.ts';

internalErrors.rethrow = true;

// isolate: false (vitest.config.ts): the test files of a worker share one module graph; each
// starts with the core's caches empty, as it did with its own import.
beforeAll(() => clearMemos());
