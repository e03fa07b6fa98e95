// docker exec: run a command in a running container (no shell unless you ask for one).

import type { DockerCommand } from '../../command.ts';
import { envProblem, flagBool, flagList, flagString } from '../../args.ts';
import { errOut, noSuchText } from '../../errors.ts';
import type { DockerContext } from '../../context.ts';
import type { Container } from '../../../engine/state.ts';
import { findContainer } from '../../../container/lookup.ts';
import { execInContainer, ExecStartError } from '../../../container/lifecycle.ts';
import { DaemonError } from '../../../container/errors.ts';
import { ttyIO } from '../../../container/tty.ts';
import { clientEnv, readEnvFiles } from './env-file.ts';
import { checkTty, ttyProblem } from './create-checks.ts';

export const exec: DockerCommand = {
  spec: {
    path: 'exec',
    args: { min: 2 },
    usage: 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]',
    description: 'Execute a command in a running container',
    legacyDescription: 'Run a command in a running container',
    interspersed: false,
    flags: [
      { long: 'interactive', short: 'i', kind: 'bool', help: 'Keep STDIN open even if not attached' },
      { long: 'tty', short: 't', kind: 'bool', help: 'Allocate a pseudo-TTY' },
      { long: 'env', short: 'e', kind: 'list', help: 'Set environment variables', validate: envProblem },
      { long: 'env-file', kind: 'list', help: 'Read in a file of environment variables' },
      { long: 'workdir', short: 'w', kind: 'string', help: 'Working directory inside the container' },
      { long: 'user', short: 'u', kind: 'string', help: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
      { long: 'detach', short: 'd', kind: 'bool', help: 'Detached mode: run command in the background' },
      { long: 'privileged', kind: 'bool', help: 'Give extended privileges to the command', refuse: 'privileges are outside the storage model' },
    ],
  },
  run(ctx, p) {
    const [ref, ...argv] = p.args;
    const c = findContainer(ctx.st, ref ?? '');
    if (!c) {
      errOut(ctx, noSuchText(ctx, 'container', ref ?? '') + '\n');
      return 1;
    }
    // docker/cli cli/command/container/exec.go runExec: after the inspect (so a missing container
    // is reported first) and before the exec is created (so even a stopped container gets this
    // error), streams.In.CheckTty, unless detached (-d attaches no stream: `-dit` is fine).
    const detach = flagBool(p, 'detach');
    const tty = ttyProblem(ctx, p, detach);
    if (tty !== undefined) return tty;
    // docker/cli exec.go parseExec: the files' variables, then -e ones; a file that cannot be
    // read is the CLI's plain error, exit 1 (recorded: exec/exec-user-workdir-env, both engines).
    const fileEnv = readEnvFiles(ctx, flagList(p, 'env-file'));
    if (!Array.isArray(fileEnv)) {
      errOut(ctx, `${fileEnv.error}\n`);
      return 1;
    }
    const status = runExec(ctx, c, ref, { argv, interactive: flagBool(p, 'interactive'), tty: flagBool(p, 'tty'), detach, workdir: flagString(p, 'workdir'), env: [...fileEnv, ...flagList(p, 'env')], user: flagString(p, 'user') });
    if (typeof status === 'number') return status;
    errOut(ctx, `${status.message}\n`);
    return status.status;
  },
};

/** What docker/cli's ExecOptions hold (cli/command/container/exec.go), as RunExec reads them. */
export interface ExecRequest {
  argv: string[];
  interactive: boolean;
  tty: boolean;
  detach: boolean;
  workdir?: string;
  /** -e entries: a KEY without `=` takes the client's value of KEY when it has one. */
  env: string[];
  user?: string;
}

/** A failure as the CLI prints it (without the last newline), and its exit status. */
export interface ExecFailure {
  message: string;
  status: number;
}

/**
 * docker/cli's container.RunExec: the daemon's exec (create + start) on a container found by the
 * caller, `ref` what the daemon's errors name it. docker exec calls it with the typed reference
 * and compose exec (pkg/compose/exec.go at v2.26.1) with the container's ID and its own defaults
 * (-i on, a terminal when its stdout is one, -d without one), so both print what it returns.
 */
export function runExec(ctx: DockerContext, c: Container, ref: string, o: ExecRequest): number | ExecFailure {
  // RunExec: CheckTty before the exec is created (docker exec made the same check already, before
  // reading its --env-file)
  const tty = checkTty(ctx, o.interactive, o.tty, o.detach);
  if (tty !== undefined) return { message: tty, status: 1 };
  // Without -i the process's stdin is not attached: it reads end of file.
  // On the reader's terminal it reads what they type as they type it (ProcessIO.keyboard).
  const keyboard = ctx.io.keyboard;
  const io = !o.interactive
    ? { stdin: '', stdout: ctx.io.stdout, stderr: ctx.io.stderr }
    : keyboard
      ? { stdin: '', stdout: ctx.io.stdout, stderr: ctx.io.stderr, keyboard }
      : ctx.io;
  try {
    const status = execInContainer(ctx.st, c, {
      argv: o.argv,
      workdir: o.workdir,
      env: clientEnv(ctx, o.env),
      user: o.user,
      io: o.tty ? ttyIO(io) : io,
      tty: o.tty,
      sleep: ctx.sleep,
      events: ctx.events,
      ...(o.detach ? { detach: { tty: o.tty } } : {}),
    }, ref);
    ctx.events.push({ type: 'container-exec', container: c.id, name: c.name });
    return status;
  } catch (e) {
    // -d: the exec's start is the CLI's last API call (ContainerExecStart), whose error it
    // prints as any daemon error, exit 1 (recorded: exec/exec-detached, both engines).
    if (e instanceof ExecStartError && o.detach) return { message: `Error response from daemon: ${e.message}`, status: 1 };
    // runc's failure reaches the terminal as the CLI prints it, each line ending in \r\n.
    if (e instanceof ExecStartError) return { message: `${e.message}\r`, status: 126 };
    if (e instanceof DaemonError) return { message: `Error response from daemon: ${e.message}`, status: 1 };
    throw e;
  }
}
