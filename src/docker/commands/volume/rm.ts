// docker volume rm: in use (by any container, even stopped) is an error, -f does not override it;
// -f only makes a missing volume a silent success.

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import { errOut, out } from '../../errors.ts';
import { removeVolume, VolumeNotFound } from '../../../daemon/volumes.ts';
import { DaemonError } from '../../../container/errors.ts';

export const volumeRm: DockerCommand = {
  spec: {
    path: 'volume rm',
    args: { min: 1 },
    usage: 'docker volume rm [OPTIONS] VOLUME [VOLUME...]',
    description: 'Remove one or more volumes',
    flags: [{ long: 'force', short: 'f', kind: 'bool', help: 'Force the removal of one or more volumes' }],
  },
  run(ctx, p) {
    const errors: string[] = [];
    for (const name of p.args) {
      try {
        removeVolume(ctx.st, name, 'volume-rm', ctx.events);
      } catch (e) {
        if (!(e instanceof DaemonError)) throw e;
        if (e instanceof VolumeNotFound) {
          if (flagBool(p, 'force')) out(ctx, name + '\n');
          else errors.push(ctx.profile.client === '20.10' ? `Error: No such volume: ${name}` : `Error response from daemon: ${e.message}`);
        } else errors.push(`Error response from daemon: ${e.message}`);
        continue;
      }
      out(ctx, name + '\n');
    }
    for (const e of errors) errOut(ctx, e + '\n');
    return errors.length > 0 ? 1 : 0;
  },
};
