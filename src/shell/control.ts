// The exceptions that carry control through the interpreter: `exit`, `return`, `break` and
// `continue` unwind the JS stack to where the shell handles them (a process boundary, a function
// call, a loop), and the failures that cross module lines (execve, a write to a redirected file).

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
export class ReturnSignal {
  constructor(readonly status: number) {}
}
export class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}
/** Writing to a redirected file failed (ENOSPC, /dev/full...). */
export class WriteError extends Error {
  constructor(readonly code: Errno) {
    super(STRERROR[code]);
  }
}

/**
 * Let programming errors surface in tests; in production they become one stderr line. The core
 * reads no environment (it runs in a browser too): test/setup.ts turns this on for vitest, and the
 * CLI (src/cli/main.ts) when it runs under vitest.
 */
export const internalErrors = { rethrow: false };
