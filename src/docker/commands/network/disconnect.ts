// docker network disconnect: detach a container from a network (its address is freed at once).

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import { daemonError } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { DaemonError } from '../../../container/errors.ts';
import { disconnectNetwork } from '../../../network/endpoints.ts';
import { lookupNetwork } from '../../../network/store.ts';

export const networkDisconnect: DockerCommand = {
  spec: {
    path: 'network disconnect',
    args: { min: 2, max: 2 },
    usage: 'docker network disconnect [OPTIONS] NETWORK CONTAINER',
    description: 'Disconnect a container from a network',
    flags: [{ long: 'force', short: 'f', kind: 'bool', help: 'Force the container to disconnect from a network' }],
  },
  run(ctx, p) {
    const [netRef, ctrRef] = p.args as [string, string];
    // The daemon looks the container up first (daemon/network.go ConnectContainerToNetwork).
    const c = findContainer(ctx.st, ctrRef);
    if (!c) return daemonError(ctx, `No such container: ${ctrRef}`);
    const found = lookupNetwork(ctx.st, netRef);
    try {
      disconnectNetwork(c, netRef, 'network' in found ? found.network : undefined, flagBool(p, 'force'));
      return 0;
    } catch (e) {
      if (e instanceof DaemonError) return daemonError(ctx, e.message);
      throw e;
    }
  },
};
