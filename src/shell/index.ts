// Public API of the shell: run a script like `sh -c`, or start a program like execve (no shell),
// the way Docker starts a container's Entrypoint/Cmd.

import { ExecError, internalErrors } from './control.ts';
import { fdsFromIO } from './fds.ts';
import { fsChanged } from '../fs/changes.ts';
import { Shell } from './interpreter.ts';
import { BlockedSignal, ShellLimitError, type ProcessIO, type ShellEnvironment, type TerminalState, type WaitingShell } from './types.ts';

export { ExecError } from './control.ts';
export { ParseError, parse, formatParseError } from './parser.ts';
export { scriptChunks, useParsedScripts, type ParsedChunk, type ParsedCommands } from './interpreter.ts';
export type * from './ast.ts';
export { LazyFunctionDef } from './ast.ts';

export interface RunShellOptions {
  /** $0 (default: env.shellName), as in `sh -c script argv0 args...`. */
  argv0?: string;
  /** $1, $2, ... */
  positional?: string[];
  /** Go on from what an earlier line left in a terminal's shell (its cwd, variables, functions). */
  terminal?: TerminalState;
  /**
   * Run the line in a terminal's interactive shell (its messages name no line); given what the
   * line leaves in it, when it ends without a budget or signal.
   */
  leaves?: (t: TerminalState) => void;
}

/**
 * Parse and run a whole script as `sh -c script [argv0 args...]` would; returns the exit status.
 * The script and all data are byte strings (see fs/bytes.ts). ShellLimitError and BlockedSignal
 * propagate to the caller.
 */
export function runShell(script: string, env: ShellEnvironment, io: ProcessIO, opts: RunShellOptions = {}): number {
  const shell = new Shell(env, { argv0: opts.argv0 ?? env.shellName, positional: opts.positional ?? [], fileMode: false, commandString: true, asShell: true });
  if (opts.leaves) shell.resumeTerminal(opts.terminal);
  const status = guarded(env.shellName, io, () => shell.runTop(script, fdsFromIO(io)));
  opts.leaves?.(shell.terminalState());
  return status;
}

/**
 * Start argv without a shell, like execve after a PATH search (busybox flavor: in env.fs).
 * Throws ExecError when the program cannot be started (not found, not executable, no `#!`).
 */
export function execProgram(argv: string[], env: ShellEnvironment, io: ProcessIO): number {
  const shell = new Shell(env, { argv0: env.shellName, positional: [], fileMode: false, asShell: false });
  // The program is the process: a shell it runs (through exec) keeps the process's signals.
  shell.leader = true;
  shell.execing = true;
  return guarded(argv[0] ?? '', io, () => shell.execTop(argv, fdsFromIO(io)));
}

/**
 * Deliver signal `signal` (`TERM`) to a process whose shell is blocked in `wait` (see
 * BlockedSignal.waiting): run its trap. Returns the process's exit status, or throws
 * BlockedSignal when the handler itself blocks.
 */
export function deliverTrap(w: WaitingShell, signal: string, signo: number, env: ShellEnvironment, io: ProcessIO): number {
  const shell = Shell.restore(env, w);
  return guarded(w.argv0, io, () => shell.runTrap(signal, signo, w, fdsFromIO(io)));
}

/** Go on with a script after a `sleep` that blocked (BlockedSignal.sleeping): its status, or it blocks again. */
export function resumeAfterSleep(w: WaitingShell, env: ShellEnvironment, io: ProcessIO): number {
  const shell = Shell.restore(env, w);
  return guarded(w.argv0, io, () => shell.resumeAfterSleep(w, fdsFromIO(io)));
}

/** A bug in the simulator must not crash the engine: report it as one line on stderr. */
function guarded(name: string, io: ProcessIO, fn: () => number): number {
  // The shell starts or goes on: whatever ran since it last did (the engine, other processes) may
  // have changed files without a namespace's writes, so no cache of what was found is kept
  // (fs/changes.ts, the PATH searches of programs.ts).
  fsChanged();
  try {
    return fn();
  } catch (e) {
    // A string past JavaScript's limit (about 512 MiB) is a script outgrowing memory, as in
    // `${x//a/aaaa}` of a large x: the byte budget's refusal, not a bug.
    if (e instanceof RangeError && /^Invalid (string|array) length$/.test(e.message)) {
      throw new ShellLimitError('a value exceeded the memory budget (a string past JavaScript\'s size limit)');
    }
    if (e instanceof ShellLimitError || e instanceof BlockedSignal || e instanceof ExecError || internalErrors.rethrow) throw e;
    io.stderr(`strata: internal error in ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
