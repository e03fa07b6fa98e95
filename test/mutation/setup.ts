// Setup for the mutation run only (vitest.stryker.config.ts): fast-check draws the same cases on
// every run, so whether a mutant is killed does not depend on the clock.
import fc from 'fast-check';

fc.configureGlobal({ seed: 20240601 });
