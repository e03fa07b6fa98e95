// docker network create: a bridge network with a subnet from the predefined pools or --subnet
// (docker/cli cli/command/network/create.go createIPAMConfig checks the gateway first; the
// daemon does the rest: src/network/store.ts). Prints the new network's ID.

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagList, flagString, keyValues } from '../../args.ts';
import { daemonError, errOut, out, refusal } from '../../errors.ts';
import { nextId } from '../../../engine/ids.ts';
import { createNetwork, NetworkError } from '../../../network/store.ts';
import { contains, parseCidr, parseIPv4 } from '../../../network/ipv4.ts';

const ONE_SUBNET = 'strata simulates one IPv4 subnet per network';

export const networkCreate: DockerCommand = {
  spec: {
    path: 'network create',
    args: { min: 1, max: 1 },
    usage: 'docker network create [OPTIONS] NETWORK',
    description: 'Create a network',
    flags: [
      { long: 'driver', short: 'd', kind: 'string', help: 'Driver to manage the Network' },
      { long: 'opt', short: 'o', kind: 'list', help: 'Set driver specific options' },
      { long: 'label', kind: 'list', help: 'Set metadata on a network' },
      { long: 'internal', kind: 'bool', help: 'Restrict external access to the network' },
      { long: 'ipv4', kind: 'bool', help: 'Enable or disable IPv4 address assignment', minClient: '28.2', refuse: 'networks without IPv4 are not simulated' },
      { long: 'ipv6', kind: 'bool', help: 'Enable or disable IPv6 address assignment', refuse: 'IPv6 networks are not simulated' },
      { long: 'attachable', kind: 'bool', help: 'Enable manual container attachment' },
      { long: 'ingress', kind: 'bool', help: 'Create swarm routing-mesh network', refuse: 'swarm is outside the storage model' },
      { long: 'scope', kind: 'string', help: "Control the network's scope", refuse: 'swarm is outside the storage model' },
      { long: 'config-only', kind: 'bool', help: 'Create a configuration only network', refuse: 'configuration-only networks are not simulated' },
      { long: 'config-from', kind: 'string', help: 'The network from which to copy the configuration', refuse: 'configuration-only networks are not simulated' },
      { long: 'ipam-driver', kind: 'string', help: 'IP Address Management Driver', refuse: 'only the default IPAM driver is simulated' },
      { long: 'subnet', kind: 'list', help: 'Subnet in CIDR format that represents a network segment' },
      { long: 'ip-range', kind: 'list', help: 'Allocate container ip from a sub-range', refuse: 'IP sub-ranges are not simulated' },
      { long: 'gateway', kind: 'list', help: 'IPv4 or IPv6 Gateway for the master subnet' },
      { long: 'aux-address', kind: 'list', help: 'Auxiliary IPv4 or IPv6 addresses used by Network driver', refuse: 'auxiliary addresses are not simulated' },
      { long: 'ipam-opt', kind: 'list', help: 'Set IPAM driver specific options', refuse: 'only the default IPAM driver is simulated' },
    ],
  },
  run(ctx, p) {
    const driver = flagString(p, 'driver') ?? 'bridge';
    if (driver === 'macvlan' || driver === 'ipvlan') return refusal(ctx, `strata does not simulate ${driver} networks (they attach to a host interface)`);
    // --subnet and --gateway are StringSlices: comma-separated values add up.
    const subnets = flagList(p, 'subnet').flatMap((s) => s.split(','));
    const gateways = flagList(p, 'gateway').flatMap((s) => s.split(','));
    if (subnets.length < gateways.length) {
      errOut(ctx, 'every ip-range or gateway must have a corresponding subnet\n');
      return 1;
    }
    if (subnets.length > 1) return refusal(ctx, `strata does not simulate several --subnet values (${ONE_SUBNET})`);
    for (const g of gateways) {
      const subnet = parseCidr(subnets[0]);
      if (subnet === undefined) {
        errOut(ctx, `invalid subnet: invalid CIDR address: ${subnets[0]}\n`);
        return 1;
      }
      const ip = parseIPv4(g);
      if (ip === undefined || !contains(subnet, ip)) {
        errOut(ctx, `no matching subnet for gateway ${g}\n`);
        return 1;
      }
    }
    try {
      const n = createNetwork(
        ctx.st,
        {
          name: p.args[0],
          driver,
          subnet: subnets[0],
          gateway: gateways[0],
          internal: flagBool(p, 'internal'),
          attachable: flagBool(p, 'attachable'),
          options: keyValues(flagList(p, 'opt')),
          labels: keyValues(flagList(p, 'label')),
        },
        nextId(ctx.st.ids),
        ctx.profile.lowercaseErrors,
      );
      out(ctx, n.id + '\n');
      return 0;
    } catch (e) {
      if (e instanceof NetworkError) return daemonError(ctx, e.message);
      throw e;
    }
  },
};
