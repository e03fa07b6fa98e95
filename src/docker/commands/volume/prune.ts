// docker volume prune: unused local volumes without driver options. On API >= 1.42 (26.1)
// only those labelled anonymous unless --all; on 20.10 every unused volume.

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagList } from '../../args.ts';
import type { DockerContext } from '../../context.ts';
import { daemonError, out } from '../../errors.ts';
import { humanSize } from '../../format/units.ts';
import { PRUNE_FILTERS, volumeFilters } from './ls.ts';
import * as daemon from '../../../daemon/volumes.ts';

/**
 * What follows the unanswered question of `container`, `image` and `volume prune`: the 20.10 CLI
 * goes on to print the (zero) space reclaimed on the same line; the 28.2 CLI stops with a silent
 * "cancelled" error (recorded: tutorials/prune-prompts-declined).
 */
export function declinedTotal(ctx: DockerContext): string {
  return ctx.profile.client === '20.10' ? 'Total reclaimed space: 0B\n' : '';
}

/** The CLI's side of a volume prune: its filters, then the daemon's prune (src/daemon/volumes.ts). */
export function pruneVolumes(ctx: DockerContext, all: boolean, filters: string[], by: 'volume-prune' | 'system-prune' = 'volume-prune'): { names: string[]; bytes: number } | string {
  const filter = volumeFilters(ctx.st, ctx.profile, filters.filter((f) => !f.startsWith('all=')), PRUNE_FILTERS);
  if (typeof filter === 'string') return filter;
  return daemon.pruneVolumes(ctx.st, ctx.profile, { all, accept: filter, by }, ctx.events);
}

export const volumePrune: DockerCommand = {
  spec: {
    path: 'volume prune',
    args: { min: 0, max: 0 },
    usage: 'docker volume prune [OPTIONS]',
    description: 'Remove unused local volumes',
    legacyDescription: 'Remove all unused local volumes',
    flags: [
      { long: 'all', short: 'a', kind: 'bool', help: 'Remove all unused volumes, not just anonymous ones', minClient: '28.2' },
      { long: 'force', short: 'f', kind: 'bool', help: 'Do not prompt for confirmation' },
      { long: 'filter', kind: 'list', help: 'Provide filter values (e.g. "label=<label>")' },
    ],
  },
  run(ctx, p) {
    const all = flagBool(p, 'all');
    if (!flagBool(p, 'force')) {
      const what = all || !ctx.profile.pruneAnonymousOnly ? 'all local volumes' : 'anonymous local volumes';
      out(ctx, `WARNING! This will remove ${what} not used by at least one container.\nAre you sure you want to continue? [y/N] ` + declinedTotal(ctx));
      return 0;
    }
    const r = pruneVolumes(ctx, all, flagList(p, 'filter'));
    if (typeof r === 'string') return daemonError(ctx, r);
    if (r.names.length > 0) out(ctx, 'Deleted Volumes:\n' + r.names.map((n) => n + '\n').join('') + '\n');
    out(ctx, `Total reclaimed space: ${humanSize(r.bytes)}\n`);
    return 0;
  },
};
