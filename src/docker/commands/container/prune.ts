// docker container prune: removes stopped containers, never their volumes (anonymous ones
// are left dangling, RemoveVolume is false).

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagList } from '../../args.ts';
import { daemonError, flagError, out, refusal } from '../../errors.ts';
import { badFilterFormat, labelsMatch, parseFilterFlags, type FilterArgs } from '../../filters.ts';
import { daemonText } from '../../../engine/profile.ts';
import { removeContainer } from '../../../container/remove.ts';
import { humanSize } from '../../format/units.ts';
import { knownTreeSize, treeSize } from '../../../fs/node.ts';
import type { DockerContext } from '../../context.ts';
import { declinedTotal } from '../volume/prune.ts';
import { containerList } from '../../../container/registry.ts';

/**
 * Remove every stopped container the labels select (moby daemon/prune.go ContainersPrune and
 * matchLabels, v20.10.24 and v26.1.5: `label` values must all match, and a container matching
 * every `label!` value stays); returns their IDs and the bytes reclaimed.
 */
export function pruneContainers(ctx: DockerContext, by: 'container-prune' | 'system-prune' = 'container-prune', filters: FilterArgs = new Map()): { ids: string[]; bytes: number } {
  const ids: string[] = [];
  let bytes = 0;
  const label = filters.get('label');
  const notLabel = filters.get('label!');
  for (const c of containerList(ctx.st)) {
    // the daemon's IsRunning: a container it is restarting too (container/restart.ts)
    if (c.state.status === 'running' || c.unfollowed !== undefined) continue;
    if (label !== undefined && !labelsMatch(label, c.config.Labels)) continue;
    if (notLabel !== undefined && labelsMatch(notLabel, c.config.Labels)) continue;
    bytes += knownTreeSize(c.upper, `the writable layer of container ${c.name}`);
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
      { long: 'filter', kind: 'list', help: 'Provide filter values (e.g. "until=<timestamp>")' },
    ],
  },
  run(ctx, p) {
    const filters = parseFilterFlags(flagList(p, 'filter'));
    if ('badFormat' in filters) return flagError(ctx, badFilterFormat(filters.badFormat, '--filter'), 'container prune', 'docker container prune [OPTIONS]');
    if (!flagBool(p, 'force')) {
      out(ctx, 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ' + declinedTotal(ctx));
      return 0;
    }
    // the daemon's checks (recorded: lifecycle/container-prune-labels)
    for (const key of filters.keys()) {
      if (!['label', 'label!', 'until'].includes(key)) return daemonError(ctx, daemonText(ctx.profile, `Invalid filter '${key}'`));
    }
    if (filters.has('until')) return refusal(ctx, 'strata does not simulate the prune filter `until` (container creation times are not simulated)');
    const { ids, bytes } = pruneContainers(ctx, 'container-prune', filters);
    if (ids.length > 0) out(ctx, 'Deleted Containers:\n' + ids.map((i) => i + '\n').join('') + '\n');
    out(ctx, `Total reclaimed space: ${humanSize(bytes)}\n`);
    return 0;
  },
};
