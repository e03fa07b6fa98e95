// docker stop and docker kill: end the main process (busybox images stop with SIGKILL: exit
// 137); the writable layer and volumes stay, tmpfs content is gone.

import type { DockerCommand } from '../../command.ts';
import { out } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { stopContainer } from '../../../container/lifecycle.ts';
import { daemonText } from '../../../engine/profile.ts';
import { eachContainer } from './each.ts';

function stopLike(path: 'stop' | 'kill', description: string): DockerCommand {
  return {
    spec: {
      path,
      args: { min: 1 },
      usage: `docker ${path} [OPTIONS] CONTAINER [CONTAINER...]`,
      description,
      flags:
        path === 'stop'
          ? [{ long: 'time', short: 't', kind: 'int', help: 'Seconds to wait before killing the container' }, { long: 'signal', short: 's', kind: 'string', help: 'Signal to send to the container' }]
          : [{ long: 'signal', short: 's', kind: 'string', help: 'Signal to send to the container' }],
    },
    run(ctx, p) {
      return eachContainer(ctx, p.args, (ref) => {
        const c = findContainer(ctx.st, ref);
        const kill = (why: string) => daemonText(ctx.profile, `Cannot kill container: ${ref}: ${why}`);
        if (!c) return path === 'kill' ? kill(`No such container: ${ref}`) : `No such container: ${ref}`;
        if (path === 'kill' && c.state.status !== 'running') return kill(daemonText(ctx.profile, `Container ${c.id} is not running`));
        stopContainer(ctx.st, c, ctx.events);
        out(ctx, ref + '\n');
        return undefined;
      });
    },
  };
}

export const stop = stopLike('stop', 'Stop one or more running containers');
export const kill = stopLike('kill', 'Kill one or more running containers');
