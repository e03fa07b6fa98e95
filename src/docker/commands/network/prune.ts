// docker network prune: every user network no running container is attached to (moby
// daemon/prune.go localNetworksPrune); also part of `docker system prune`.

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import type { DockerContext } from '../../context.ts';
import { out } from '../../errors.ts';
import { activeEndpoints, allNetworks, isPredefinedName, removeNetwork } from '../../../network/store.ts';

/** Remove the unused user networks; their names, sorted (the daemon walks a map). */
export function pruneNetworks(ctx: DockerContext): string[] {
  const names: string[] = [];
  for (const n of Object.values(allNetworks(ctx.st))) {
    if (isPredefinedName(n.name) || activeEndpoints(ctx.st, n).length > 0) continue;
    removeNetwork(ctx.st, n);
    names.push(n.name);
  }
  return names.sort();
}

export const networkPrune: DockerCommand = {
  spec: {
    path: 'network prune',
    args: { min: 0, max: 0 },
    usage: 'docker network prune [OPTIONS]',
    description: 'Remove all unused networks',
    flags: [
      { long: 'force', short: 'f', kind: 'bool', help: 'Do not prompt for confirmation' },
      { long: 'filter', kind: 'list', help: 'Provide filter values (e.g. "until=<timestamp>")', refuse: 'prune filters are not simulated yet' },
    ],
  },
  run(ctx, p) {
    if (!flagBool(p, 'force')) {
      out(ctx, 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ');
      return 0;
    }
    const names = pruneNetworks(ctx);
    if (names.length > 0) out(ctx, 'Deleted Networks:\n' + names.map((n) => n + '\n').join('') + '\n');
    return 0;
  },
};
