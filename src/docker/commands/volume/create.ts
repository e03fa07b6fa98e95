// docker volume create: idempotent; a second create with other labels keeps the old ones.

import type { DockerCommand } from '../../command.ts';
import { flagList, flagString, keyValues } from '../../args.ts';
import { daemonError, errOut, out } from '../../errors.ts';
import { createVolume } from '../../../daemon/volumes.ts';
import { pluginNotFound } from '../../../volume/options.ts';
import { DaemonError } from '../../../container/errors.ts';

export const volumeCreate: DockerCommand = {
  spec: {
    path: 'volume create',
    args: { min: 0, max: 1 },
    usage: 'docker volume create [OPTIONS] [VOLUME]',
    description: 'Create a volume',
    flags: [
      { long: 'driver', short: 'd', kind: 'string', help: 'Specify volume driver name' },
      { long: 'label', kind: 'list', help: 'Set metadata for a volume' },
      { long: 'opt', short: 'o', kind: 'list', help: 'Set driver specific options' },
      { long: 'name', kind: 'string', help: 'Specify volume name', hidden: true },
    ],
  },
  run(ctx, p) {
    const driver = flagString(p, 'driver') ?? 'local';
    // No volume plugins exist here, so any other driver fails the daemon's plugin lookup.
    if (driver !== 'local') return daemonError(ctx, `create ${p.args[0] ?? ''}: ${pluginNotFound(driver)}`);
    if (p.args[0] !== undefined && flagString(p, 'name') !== undefined) {
      errOut(
        ctx,
        ctx.profile.client === '20.10'
          ? 'conflicting options: either specify --name or provide positional arg, not both\n'
          : 'conflicting options: cannot specify a volume-name through both --name and as a positional arg\n',
      );
      return 1;
    }
    const name = p.args[0] ?? flagString(p, 'name');
    // The 20.10 client sends empty maps, the 28.2 client omits them (inspect: {} vs null).
    const empty = ctx.profile.client === '20.10' ? {} : null;
    const labels = flagList(p, 'label');
    const opts = flagList(p, 'opt');
    let v;
    try {
      v = createVolume(ctx.st, { name, driver, labels: labels.length > 0 ? keyValues(labels) : empty, options: opts.length > 0 ? keyValues(opts) : empty }, ctx.events);
    } catch (e) {
      if (e instanceof DaemonError) return daemonError(ctx, e.message);
      throw e;
    }
    out(ctx, v.name + '\n');
    return 0;
  },
};
