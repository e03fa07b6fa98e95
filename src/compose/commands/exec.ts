// `docker compose exec SERVICE COMMAND` (pkg/compose/exec.go): the service's container number
// --index (1), running. compose 2.26.1 cmd/compose/exec.go: --no-TTY defaults to "stdout is not a
// terminal" and --interactive to true, then the docker CLI's RunExec runs it as `docker exec` with
// those two: without a terminal (a scenario) that is `docker exec -i`, on one (a page's session)
// `docker exec -it` (recorded on a pty: test/pages/pty/compose-exec-tty-*.json).

import { envProblem, flagBool, flagInt, flagList, flagString } from '../../docker/args.ts';
import { containerNumber, projectContainers } from '../project/containers.ts';
import { projectOrName } from '../project/name.ts';
import { projectOptions } from '../model/load.ts';
import { ComposeError, type ComposeEnv } from '../project/env.ts';
import { runExec } from '../../docker/commands/container/exec.ts';
import type { ComposeCommand } from './command.ts';

/**
 * -e KEY without a value takes KEY from the project options' environment (the process's, then
 * .env's); a KEY found in neither goes to the daemon as written, which unsets it
 * (cmd/compose/exec.go at v2.26.1: NewMappingWithEquals(...).Resolve(lookupFn), ToMobyEnv;
 * recorded: compose/sweep-exec-env-key).
 */
function resolveEnvFlags(env: ComposeEnv, entries: string[]): string[] {
  let environment: Map<string, string>;
  try {
    environment = projectOptions(env.options).environment;
  } catch {
    environment = new Map(Object.entries(env.options.env));
  }
  return entries.map((e) => (e.includes('=') || environment.get(e) === undefined ? e : `${e}=${environment.get(e)!}`));
}

export const execCommand: ComposeCommand = {
  spec: {
    path: 'compose exec',
    usage: 'docker compose exec [OPTIONS] SERVICE COMMAND [ARGS...]',
    description: 'Execute a command in a running container',
    args: { min: 2 },
    interspersed: false,
    flags: [
      { long: 'detach', short: 'd', kind: 'bool', help: 'Detached mode: Run command in the background' },
      { long: 'env', short: 'e', kind: 'list', help: 'Set environment variables', validate: envProblem },
      { long: 'index', kind: 'int', help: 'Index of the container if service has multiple replicas' },
      { long: 'no-TTY', short: 'T', kind: 'bool', help: 'Disable pseudo-TTY allocation. By default `docker compose exec` allocates a TTY.' },
      { long: 'privileged', kind: 'bool', help: 'Give extended privileges to the process', refuse: 'privileges are outside the storage model' },
      { long: 'user', short: 'u', kind: 'string', help: 'Run the command as this user' },
      { long: 'workdir', short: 'w', kind: 'string', help: 'Path to workdir directory for this command' },
      { long: 'interactive', short: 'i', kind: 'bool', help: 'Keep STDIN open even if not attached', hidden: true },
      { long: 'tty', short: 't', kind: 'bool', help: 'Allocate a pseudo-TTY', hidden: true },
    ],
  },
  run(env, p) {
    const [service, ...argv] = p.args;
    const { name } = projectOrName(env, [service]);
    // getSpecifiedContainer (pkg/compose/containers.go at v2.26.1): the running containers of the
    // service, with --index only that number, the lowest number first; the message names the
    // index that was asked for (recorded: compose/cli-forms)
    const index = flagInt(p, 'index') ?? 0;
    const c = projectContainers(env.ctx.st, name, 'include', [service])
      .filter((x) => x.state.status === 'running' && (index <= 0 || containerNumber(x) === index))
      .sort((a, b) => containerNumber(a) - containerNumber(b))[0];
    if (!c) throw new ComposeError(`service ${JSON.stringify(service)} is not running${index > 0 ? ` container #${index}` : ''}`);
    // pkg/compose/exec.go: the docker CLI's RunExec on the container's ID (so the daemon's errors
    // name the ID: recorded compose/exec-twins), with cmd/compose/exec.go's options: --interactive
    // is on unless `--interactive=false`; the terminal is --no-TTY's default, "stdout is not a
    // terminal", and the hidden -t is read by nothing (`exec -t` without a terminal has none,
    // `exec -it` is not refused: recorded compose/exec-twins); -d keeps it
    const status = runExec(env.ctx, c, c.id, {
      argv,
      interactive: p.flags.interactive !== false,
      tty: !(p.flags['no-TTY'] === undefined ? env.ctx.io.outTerminal?.stdout !== true : flagBool(p, 'no-TTY')),
      detach: flagBool(p, 'detach'),
      workdir: flagString(p, 'workdir'),
      env: resolveEnvFlags(env, flagList(p, 'env')),
      user: flagString(p, 'user'),
    });
    // compose returns RunExec's error as its own, printed after the progress display
    if (typeof status !== 'number') throw new ComposeError(status.message, status.status);
    return status;
  },
};
