// The exceptions that carry control through the interpreter: `exit` unwinds the JS stack to the
// process boundary, and the failures that cross module lines (execve, a write to a redirected
// file). `return`, `break` and `continue` are no exceptions (see Jump).

import { type Errno, STRERROR } from '../fs/errors.ts';

/** execve failed: the engine turns this into Docker's error message. */
export class ExecError extends Error {
  constructor(
    readonly kind: 'not-found' | 'permission' | 'exec-format' | 'loop',
    /** The program as given (argv[0]). */
    override readonly name: string,
  ) {
    super(`${kind}: ${name}`);
  }
}

/** `exit`, or a fatal shell error: unwinds to the shell process boundary. */
export class ExitSignal {
  constructor(readonly status: number) {}
}

/**
 * bash's DISCARD (sig.c jump_to_top_level): an expansion error that abandons the command the
 * shell is reading, not the shell. The reader it returns to (the script's or `-c` string's, an
 * `eval`'s, a sourced file's: each parse_and_execute) goes on with its next command, with status
 * 1; a subshell, which has no reader of its own, ends with 1, as an `exit 1` would (measured,
 * bash 5.2: `echo $((1+)); echo same` newline `echo after $?` prints only `after 1`).
 */
export class DiscardSignal extends ExitSignal {
  constructor() {
    super(1);
  }
}

/**
 * A `return`, `break` or `continue` on its way out of the commands around it: the builtin sets it
 * on its shell (Shell.jump), every construct that runs commands one after another stops while it
 * is set, and the function call, sourced file or loop it leaves takes it (a process boundary takes
 * any). As exceptions they cost more than the commands they left: V8 computes a thrown value's
 * source location at each `throw`, and every construct between the builtin and its taker caught
 * and threw it again (a sleep's continuation is built that way), ~5 throws a `return` (a database
 * client stand-in's every helper function ends with one).
 */
export type Jump =
  | { readonly kind: 'return'; readonly status: number }
  /** `levels`: the loops it leaves (break) or leaves but the last (continue), counted down as each is left. */
  | { readonly kind: 'break' | 'continue'; levels: number };
/** Writing to a redirected file failed (ENOSPC, /dev/full...). */
export class WriteError extends Error {
  constructor(readonly code: Errno) {
    super(STRERROR[code]);
  }
}

/**
 * Let programming errors surface in tests; in production they become one stderr line. The core
 * reads no environment (it runs in a browser too): test/setup.ts turns this on for vitest, and the
 * CLI (src/cli/commands.ts) when it runs under vitest.
 */
export const internalErrors = { rethrow: false };
