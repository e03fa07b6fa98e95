// docker rm: destroys the writable layer. Volumes stay, except that -v removes the container's
// anonymous ones (those whose spec had no source) once no other container uses them.

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import { errOut, noSuchText, out } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { removeContainer } from '../../../container/remove.ts';
import { stopContainer } from '../../../container/lifecycle.ts';

export const rm: DockerCommand = {
  spec: {
    path: 'rm',
    args: { min: 1 },
    usage: 'docker rm [OPTIONS] CONTAINER [CONTAINER...]',
    description: 'Remove one or more containers',
    flags: [
      { long: 'force', short: 'f', kind: 'bool', help: 'Force the removal of a running container (uses SIGKILL)' },
      { long: 'volumes', short: 'v', kind: 'bool', help: 'Remove anonymous volumes associated with the container' },
      { long: 'link', short: 'l', kind: 'bool', help: 'Remove the specified link', refuse: 'links are outside the storage model' },
    ],
  },
  run(ctx, p) {
    const force = flagBool(p, 'force');
    // Names that worked first, then the errors; with -f a missing container is still reported
    // but does not fail the command.
    const errors: string[] = [];
    let status = 0;
    for (const ref of p.args) {
      // -f removes a container the daemon keeps restarting; without it the daemon's answer
      // names its state of the moment (container/restart.ts)
      const c = findContainer(ctx.st, ref, force ? { unfollowed: 'allow' } : {});
      if (!c) {
        errors.push(noSuchText(ctx, 'container', ref));
        if (!force) status = 1;
        continue;
      }
      if (c.state.status === 'running') {
        if (!force) {
          errors.push(
            ctx.profile.client === '20.10'
              ? `Error response from daemon: You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`
              : `Error response from daemon: cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`,
          );
          status = 1;
          continue;
        }
        c.hostConfig.AutoRemove = false;
        // rm -f kills (moby daemon/delete.go: ContainerKill with SIGKILL): no stop signal, no trap.
        stopContainer(ctx.st, c, ctx.events, { signal: 'SIGKILL' });
      }
      removeContainer(ctx.st, c, { removeVolumes: flagBool(p, 'volumes'), by: 'rm', force }, ctx.events);
      out(ctx, ref + '\n');
    }
    for (const e of errors) errOut(ctx, e + '\n');
    return status;
  },
};
