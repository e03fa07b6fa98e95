// docker network connect: attach a container to a network now (running) or for its next start
// (src/network/endpoints.ts connectNetwork). The daemon looks the container up first.

import type { DockerCommand } from '../../command.ts';
import { flagList, flagString } from '../../args.ts';
import { daemonError } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { DaemonError } from '../../../container/errors.ts';
import { connectNetwork } from '../../../network/endpoints.ts';
import { lookupNetwork } from '../../../network/store.ts';

export const networkConnect: DockerCommand = {
  spec: {
    path: 'network connect',
    args: { min: 2, max: 2 },
    usage: 'docker network connect [OPTIONS] NETWORK CONTAINER',
    description: 'Connect a container to a network',
    flags: [
      { long: 'ip', kind: 'string', help: 'IPv4 address (e.g., "172.30.100.104")' },
      { long: 'ip6', kind: 'string', help: 'IPv6 address (e.g., "2001:db8::33")', refuse: 'IPv6 networks are not simulated' },
      { long: 'link', kind: 'list', help: 'Add link to another container', refuse: 'links are outside the storage model' },
      { long: 'alias', kind: 'list', help: 'Add network-scoped alias for the container' },
      { long: 'link-local-ip', kind: 'list', help: 'Add a link-local address for the container', refuse: 'link-local addresses are not simulated' },
      { long: 'driver-opt', kind: 'list', help: 'driver options for the network', refuse: 'endpoint driver options are not simulated' },
      {
        long: 'gw-priority',
        kind: 'int',
        help: 'Highest gw-priority provides the default gateway. Accepts positive and negative values.',
        minClient: '28.2',
        refuse: 'gateway priorities are not simulated',
      },
    ],
  },
  run(ctx, p) {
    const [netRef, ctrRef] = p.args as [string, string];
    const c = findContainer(ctx.st, ctrRef);
    if (!c) return daemonError(ctx, `No such container: ${ctrRef}`);
    const found = lookupNetwork(ctx.st, netRef);
    const network = 'network' in found ? found.network : undefined;
    const aliases = flagList(p, 'alias').flatMap((a) => a.split(','));
    const ip = flagString(p, 'ip');
    try {
      connectNetwork(ctx.st, c, netRef, network, { aliases, ip: ip === '' ? undefined : ip }, ctx.profile);
      return 0;
    } catch (e) {
      if (e instanceof DaemonError) return daemonError(ctx, e.message);
      throw e;
    }
  },
};
