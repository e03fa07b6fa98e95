// `docker compose kill` (pkg/compose/kill.go): a signal (SIGKILL by default) to each running
// container of the project, `Killing` / `Killed`; with none running, `no container to kill`
// without a newline (recorded: compose/kill-and-logs).

import { flagString } from '../../docker/args.ts';
import { containerSignal } from '../../daemon/index.ts';
import { byName, progressName, projectContainers } from '../project/containers.ts';
import { projectOrName } from '../project/name.ts';
import { ComposeError } from '../project/env.ts';
import { parseSignal, validSignalForPlatform } from '../../container/signals.ts';
import { daemonText } from '../../engine/profile.ts';
import type { ComposeCommand } from './command.ts';

export const killCommand: ComposeCommand = {
  spec: {
    path: 'compose kill',
    usage: 'docker compose kill [OPTIONS] [SERVICE...]',
    description: 'Force stop service containers',
    args: { min: 0 },
    flags: [
      { long: 'signal', short: 's', kind: 'string', help: 'SIGNAL to send to the container' },
      { long: 'remove-orphans', kind: 'bool', help: 'Remove containers for services not defined in the Compose file' },
    ],
  },
  run(env, p) {
    const { name } = projectOrName(env, p.args);
    const st = env.ctx.st;
    const running = byName(projectContainers(st, name, 'include', p.args).filter((c) => c.state.status === 'running'));
    if (running.length === 0) {
      env.out.stderr('no container to kill');
      return 0;
    }
    const signal = flagString(p, 'signal') ?? 'SIGKILL';
    // The daemon reads the signal before it touches the container (moby daemon/kill.go
    // ContainerKill) and its router names the container by the ID compose asked with; each kill
    // fails, and compose reports the first (recorded: compose/kill-bad-signal).
    const signo = parseSignal(signal);
    const refused = signo === undefined ? `invalid signal: ${signal}` : validSignalForPlatform(signo) ? undefined : `the linux daemon does not support signal ${signo}`;
    for (const c of running) {
      env.progress.event(progressName(c), 'Killing');
      if (refused !== undefined) {
        env.progress.event(progressName(c), 'Error while Killing');
        continue;
      }
      containerSignal(st, c, signal, env.ctx.events);
      env.progress.event(progressName(c), 'Killed');
    }
    if (refused !== undefined) throw new ComposeError(`Error response from daemon: ${daemonText(env.ctx.profile, `cannot kill container: ${running[0].id}: ${refused}`)}`);
    return 0;
  },
};
