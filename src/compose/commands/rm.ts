// `docker compose rm` (pkg/compose/remove.go): -s stops first; only stopped containers are
// removed; -v removes their anonymous volumes (ContainerRemove's RemoveVolumes); without -f
// compose asks, and a scenario has no terminal to answer.

import { flagBool } from '../../docker/args.ts';
import { containerRemove } from '../../daemon/index.ts';
import { byName, progressName, projectContainers, serviceOf } from '../project/containers.ts';
import { projectOrName } from '../project/name.ts';
import { stopServices } from './lifecycle.ts';
import type { ComposeCommand } from './command.ts';

/** prompt.Pipe.Confirm: fmt.Scanln's first word, utils.StringToBool. */
function confirmed(stdin: string): boolean {
  const answer = (stdin.split('\n')[0] ?? '').trim().split(/\s+/)[0] ?? '';
  return ['y', 'yes', 'true', '1'].includes(answer.toLowerCase());
}

export const rmCommand: ComposeCommand = {
  spec: {
    path: 'compose rm',
    usage: 'docker compose rm [OPTIONS] [SERVICE...]',
    description: 'Removes stopped service containers',
    args: { min: 0 },
    flags: [
      { long: 'force', short: 'f', kind: 'bool', help: "Don't ask to confirm removal" },
      { long: 'stop', short: 's', kind: 'bool', help: 'Stop the containers, if required, before removing' },
      { long: 'volumes', short: 'v', kind: 'bool', help: 'Remove any anonymous volumes attached to containers' },
      { long: 'all', short: 'a', kind: 'bool', help: 'Deprecated - no effect', hidden: true },
    ],
  },
  run(env, p) {
    // Remove: -s is Stop's own progress display (`Stopping`), before remove.go's `Removing` one
    if (flagBool(p, 'stop')) {
      env.progress.finish('Stopping');
      stopServices(env, p.args);
      env.progress.finish('Removing');
    }
    const { name } = projectOrName(env, p.args);
    const st = env.ctx.st;
    const stopped = byName(projectContainers(st, name, 'exclude').filter((c) => (p.args.length === 0 || p.args.includes(serviceOf(c))) && c.state.status !== 'running'));
    if (stopped.length === 0) {
      env.out.stderr('No stopped containers\n');
      return 0;
    }
    const msg = `Going to remove ${stopped.map((c) => c.name).join(', ')}`;
    if (flagBool(p, 'force')) env.out.stdout(`${msg}\n`);
    else {
      env.out.stdout(msg);
      if (!confirmed(env.ctx.io.stdin)) return 0;
    }
    for (const c of stopped) {
      env.progress.event(progressName(c), 'Removing');
      containerRemove(st, c, { removeVolumes: flagBool(p, 'volumes'), by: 'compose-rm' }, env.ctx.events);
      env.progress.event(progressName(c), 'Removed');
    }
    return 0;
  },
};
