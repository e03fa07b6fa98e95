// docker container prune: removes stopped containers, never their volumes (anonymous ones
// are left dangling, RemoveVolume is false).

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import { out } from '../../errors.ts';
import { removeContainer } from '../../../container/remove.ts';
import { humanSize } from '../../format/units.ts';
import { treeSize } from '../../../fs/node.ts';
import type { DockerContext } from '../../context.ts';
import { declinedTotal } from '../volume/prune.ts';
import { containerList } from '../../../container/registry.ts';

/** Remove every stopped container; returns their IDs and the bytes reclaimed. */
export function pruneContainers(ctx: DockerContext, by: 'container-prune' | 'system-prune' = 'container-prune'): { ids: string[]; bytes: number } {
  const ids: string[] = [];
  let bytes = 0;
  for (const c of containerList(ctx.st)) {
    if (c.state.status === 'running') continue;
    bytes += treeSize(c.upper);
    removeContainer(ctx.st, c, { removeVolumes: false, by }, ctx.events);
    ids.push(c.id);
  }
  return { ids, bytes };
}

export const containerPrune: DockerCommand = {
  spec: {
    path: 'container prune',
    args: { min: 0, max: 0 },
    usage: 'docker container prune [OPTIONS]',
    description: 'Remove all stopped containers',
    flags: [
      { long: 'force', short: 'f', kind: 'bool', help: 'Do not prompt for confirmation' },
      { long: 'filter', kind: 'list', help: 'Provide filter values (e.g. "until=<timestamp>")', refuse: 'prune filters are not simulated yet' },
    ],
  },
  run(ctx, p) {
    if (!flagBool(p, 'force')) {
      out(ctx, 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ' + declinedTotal(ctx));
      return 0;
    }
    const { ids, bytes } = pruneContainers(ctx);
    if (ids.length > 0) out(ctx, 'Deleted Containers:\n' + ids.map((i) => i + '\n').join('') + '\n');
    out(ctx, `Total reclaimed space: ${humanSize(bytes)}\n`);
    return 0;
  },
};
