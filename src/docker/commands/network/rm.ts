// docker network rm (docker network remove): a predefined network, or one a running container
// is attached to, cannot go (moby daemon/network.go deleteNetwork, libnetwork "has active
// endpoints"). The 28.2 CLI adds `--force` and ends a failure with `exit status 1`.

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import { errOut, out } from '../../errors.ts';
import { activeEndpoints, isPredefinedName, lookupNetwork, removeNetwork } from '../../../network/store.ts';
import { networkNotFound } from './inspect.ts';

export const networkRm: DockerCommand = {
  spec: {
    path: 'network rm',
    args: { min: 1 },
    usage: 'docker network rm NETWORK [NETWORK...]',
    description: 'Remove one or more networks',
    flags: [{ long: 'force', short: 'f', kind: 'bool', help: 'Do not error if the network does not exist', minClient: '28.2' }],
  },
  run(ctx, p) {
    let status = 0;
    for (const ref of p.args) {
      const found = lookupNetwork(ctx.st, ref);
      if (!('network' in found)) {
        if (flagBool(p, 'force')) continue;
        errOut(ctx, networkNotFound(ctx, ref, found) + '\n');
        status = 1;
        continue;
      }
      const n = found.network;
      if (isPredefinedName(n.name)) {
        errOut(ctx, `Error response from daemon: ${n.name} is a pre-defined network and cannot be removed\n`);
        status = 1;
        continue;
      }
      if (activeEndpoints(ctx.st, n).length > 0) {
        errOut(ctx, `Error response from daemon: error while removing network: network ${n.name} id ${n.id} has active endpoints\n`);
        status = 1;
        continue;
      }
      removeNetwork(ctx.st, n);
      out(ctx, ref + '\n');
    }
    if (status !== 0 && ctx.profile.client === '28.2') errOut(ctx, 'exit status 1\n');
    return status;
  },
};
