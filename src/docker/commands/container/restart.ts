// docker restart: stop, then start on the same writable layer; tmpfs starts empty again.

import type { DockerCommand } from '../../command.ts';
import { out } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { startContainer, stopContainer } from '../../../container/lifecycle.ts';
import { DaemonError } from '../../../container/errors.ts';
import { eachContainer } from './each.ts';
import { flagInt } from '../../args.ts';

export const restart: DockerCommand = {
  spec: {
    path: 'restart',
    args: { min: 1 },
    usage: 'docker restart [OPTIONS] CONTAINER [CONTAINER...]',
    description: 'Restart one or more containers',
    flags: [{ long: 'time', short: 't', kind: 'int', help: 'Seconds to wait before killing the container' }],
  },
  run(ctx, p) {
    return eachContainer(ctx, p.args, (ref) => {
      const c = findContainer(ctx.st, ref);
      if (!c) return `No such container: ${ref}`;
      stopContainer(ctx.st, c, ctx.events, { timeout: flagInt(p, 'time'), advanceTo: ctx.advanceTo });
      try {
        startContainer(ctx.st, c, { attached: false, io: ctx.io }, ctx.events);
      } catch (e) {
        if (e instanceof DaemonError) return e.message;
        throw e;
      }
      out(ctx, ref + '\n');
      return undefined;
    });
  },
};
