// Setup for every vitest run (vitest.config.ts): a programming error inside an applet or the shell
// fails the test with its stack instead of becoming a `strata: internal error` line.
import { internalErrors } from '../src/shell/control.ts';

internalErrors.rethrow = true;
