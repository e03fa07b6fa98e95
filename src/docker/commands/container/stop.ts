// docker stop and docker kill: signal the main process (container/lifecycle.ts says what a
// signal does); once it ends, the writable layer and volumes stay, tmpfs content is gone.

import type { DockerCommand } from '../../command.ts';
import { out } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { signalContainer, stopContainer } from '../../../container/lifecycle.ts';
import { flagInt, flagString } from '../../args.ts';
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
          ? [
              { long: 'time', short: 't', kind: 'int', help: 'Seconds to wait before killing the container' },
              // Added in CLI 23.0 (the 20.10 CLI: "unknown shorthand flag: 's' in -s").
              { long: 'signal', short: 's', kind: 'string', help: 'Signal to send to the container', minClient: '28.2' },
            ]
          : [{ long: 'signal', short: 's', kind: 'string', help: 'Signal to send to the container' }],
    },
    run(ctx, p) {
      return eachContainer(ctx, p.args, (ref) => {
        const c = findContainer(ctx.st, ref);
        const kill = (why: string) => daemonText(ctx.profile, `Cannot kill container: ${ref}: ${why}`);
        if (!c) return path === 'kill' ? kill(`No such container: ${ref}`) : `No such container: ${ref}`;
        if (path === 'kill' && c.state.status !== 'running') return kill(daemonText(ctx.profile, `Container ${c.id} is not running`));
        const signal = flagString(p, 'signal');
        if (path === 'kill') signalContainer(ctx.st, c, signal ?? 'KILL', ctx.events);
        else stopContainer(ctx.st, c, ctx.events, { signal, timeout: flagInt(p, 'time') });
        out(ctx, ref + '\n');
        return undefined;
      });
    },
  };
}

export const stop = stopLike('stop', 'Stop one or more running containers');
export const kill = stopLike('kill', 'Kill one or more running containers');
