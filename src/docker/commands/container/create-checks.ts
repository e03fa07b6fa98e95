// The CLI's checks that `docker run` and `docker create` make after parsing the options and
// before asking the daemon to create the container (docker/cli cli/command/container/run.go
// runContainer, create.go createContainer), and the daemon's warnings it prints after.

import { flagBool, flagString, type ParsedArgs } from '../../args.ts';
import type { DockerContext } from '../../context.ts';
import { errOut, runError } from '../../errors.ts';
import { parsePlatform } from '../../../container/platform.ts';
import { createWarnings } from '../../../container/settings.ts';
import type { Container } from '../../../engine/state.ts';

/**
 * streams.In.CheckTty (docker/cli cli/streams/in.go): `-t` with stdin attached (`-i`) needs a
 * terminal on the CLI's stdin. A scenario's stdin never is one: both CLIs print the bare error and
 * exit 1 (recorded: core/tty-without-terminal). A Markdown page's session is typed at a terminal
 * (ProcessIO.keyboard, src/pages/session.ts), unless the command reads a pipe, a file or a
 * here-document. `-t` alone or `-i` alone is never checked, and `docker run -d` attaches nothing.
 */
export function ttyProblem(ctx: DockerContext, p: ParsedArgs, detached: boolean): number | undefined {
  const problem = checkTty(ctx, flagBool(p, 'interactive'), flagBool(p, 'tty'), detached);
  if (problem === undefined) return undefined;
  errOut(ctx, `${problem}\n`);
  return 1;
}

/** CheckTty's error, or undefined when the streams are fine (ttyProblem). */
export function checkTty(ctx: DockerContext, interactive: boolean, tty: boolean, detached: boolean): string | undefined {
  if (detached || !tty || !interactive || ctx.io.keyboard !== undefined) return undefined;
  return 'the input device is not a TTY';
}

/** create.go: `--platform` is parsed before the create request ("error parsing specified platform"). */
export function platformProblem(ctx: DockerContext, p: ParsedArgs, command: 'run' | 'create'): number | undefined {
  const platform = flagString(p, 'platform');
  if (platform === undefined || platform === '') return undefined;
  const parsed = parsePlatform(platform);
  if (typeof parsed !== 'string') return undefined;
  const msg = `error parsing specified platform: ${parsed}`;
  // run.go frames the error (toStatusError, 125); create.go returns it as is (exit 1).
  if (command === 'run') return runError(ctx, msg, command, { daemon: false });
  errOut(ctx, msg + '\n');
  return 1;
}

/** The create response's warnings, each as `WARNING: ...` on stderr (create.go createContainer). */
export function printWarnings(ctx: DockerContext, c: Container): void {
  for (const w of createWarnings(c)) errOut(ctx, `WARNING: ${w}\n`);
}
