// docker pause / unpause: the daemon's pause (daemon/pause.ts) of each container named.

import type { DockerCommand } from '../../command.ts';
import { errOut, out } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { containerPause } from '../../../daemon/pause.ts';

function pauseLike(path: 'pause' | 'unpause', paused: boolean, description: string): DockerCommand {
  return {
    spec: { path, args: { min: 1 }, usage: `docker ${path} CONTAINER [CONTAINER...]`, description, flags: [] },
    run(ctx, p) {
      const errors: string[] = [];
      for (const ref of p.args) {
        const c = findContainer(ctx.st, ref);
        const problem = c ? containerPause(ctx.st, ctx.profile, c, paused) : `No such container: ${ref}`;
        if (problem !== undefined) errors.push(problem);
        else out(ctx, ref + '\n');
      }
      for (const e of errors) errOut(ctx, `Error response from daemon: ${e}\n`);
      return errors.length > 0 ? 1 : 0;
    },
  };
}

export const pause = pauseLike('pause', true, 'Pause all processes within one or more containers');
export const unpause = pauseLike('unpause', false, 'Unpause all processes within one or more containers');
