// How the program (src/cli/main.ts) reaches the verbs' work (src/cli/commands.ts, the simulator
// and everything it loads). From the sources it is an import like any other. The bundle
// (scripts/build.mjs) replaces this module by one that loads dist/engine.cjs on the first call:
// `strata --help`, `--version` and an argument error then cost little more than starting node
// (issue #14), and a verb pays for the engine only when it runs.

import * as commands from './commands.ts';

/** The verbs' work (loaded by the first call, in the bundle). */
export const verbs = (): typeof commands => commands;
