// A question strata declines to answer while a command runs: the answer depends on something it
// does not simulate (a health check's result, say). The docker and compose CLIs catch it and
// print its message as a refusal (exit 125); it is never turned into a template or format error.
import { ShellNotSimulated } from '../fs/errors.ts';

export class NotSimulated extends Error {}

/** The words a stand-in's refusal starts with (catalog/unsimulated, catalog/README.md). */
export const REFUSAL_WORDS = 'strata does not simulate ';

/**
 * The refusal a stand-in program printed (a package manager or `node -e` in the catalog), which
 * exits 125 after `strata does not simulate ...`: the line, or undefined. A process that said it
 * did not do what the real program does: the docker command that ran it is refused by name, never
 * reported as a container that exited 125 (on a normal install the program would have worked).
 */
export function standInRefusal(status: number, output: () => string): string | undefined {
  // the output is gathered only for a 125 (a detached container's log is joined from its entries)
  return status === 125 ? refusalLine(output()) : undefined;
}

/**
 * The first line of `output` that is a stand-in's refusal, whatever the status: a build step that
 * swallowed the program's 125 (`apk add x || true`, `(apt-get update; true)`) still ran something
 * the stand-in could not do (image/build/builder.ts). The words of a catalog stand-in's script
 * (catalog/unsimulated), at a line's start; strata's own programs, whose lines start with their
 * name (`wget: strata does not simulate ...`), tell their refusal as a fact instead
 * (ShellEnvironment.standInRefused: ProcessResult's `refused`).
 */
export function refusalLine(output: string): string | undefined {
  return /^strata does not simulate .*$/m.exec(output)?.[0];
}

/**
 * A writer that passes each write on to `write` and listens to it for refusals: `line` is the
 * first catalog stand-in's line among them (standInLine: how a script that refused as a stand-in
 * is told, shell/programs.ts), and `has` whether a line holding a given refusal (one a program
 * reported, ShellEnvironment.standInRefused) went through, whatever its words (container/process.ts).
 */
export function refusalListener(write: (data: string) => void): { write: (data: string) => void; line: () => string | undefined; has: (line: string) => boolean } {
  let line: string | undefined;
  const seen = new Set<string>();
  return {
    write: (d) => {
      if (d.includes(REFUSAL_WORDS)) {
        line ??= refusalLine(d);
        for (const l of d.split('\n')) if (l.includes(REFUSAL_WORDS)) seen.add(l.replace(/\r$/, ''));
      }
      write(d);
    },
    line: () => line,
    // (a shell's refusal of a command it cannot run is told without the shell's prefix: `sh: line 1: `)
    has: (l) => seen.has(l) || [...seen].some((s) => s.includes(l)),
  };
}

/**
 * A process of a container that ran a stand-in's program which refused (shell/types.ts
 * standInRefused) and went on: its script swallowed the status or the words (`apk add x
 * >/dev/null 2>&1 || true`, `apt-get update -qq 2>/dev/null; echo done`). The real program would
 * have done its work, so what the process did after it, and the container's files, are not known:
 * in a normal install the engine refuses the whole command line with the program's own line,
 * nothing kept (engine.ts), and a build refuses the build (image/build/builder.ts). The oracle ran
 * the stand-ins themselves, so with its stand-ins (--busybox-stand-ins) the process goes on.
 */
export class SwallowedRefusal extends ShellNotSimulated {}
