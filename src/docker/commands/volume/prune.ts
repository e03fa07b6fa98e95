// docker volume prune: unused local volumes without driver options. On API >= 1.42 (26.1)
// only those labelled anonymous unless --all; on 20.10 every unused volume.

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagList, goParseBool } from '../../args.ts';
import type { DockerContext } from '../../context.ts';
import { daemonError, errOut, flagError, out, refusal } from '../../errors.ts';
import { sizeRefusal } from '../../../fs/node.ts';
import { badFilterFormat, parseFilterFlags, type FilterArgs } from '../../filters.ts';
import { humanSize } from '../../format/units.ts';
import { quote } from '../../format/fmt.ts';
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

/**
 * The daemon's side of the filters of a volume prune (moby volume/service/service.go Prune):
 * 26.1 first reads `all` (convert.go withPrune, v26.1.5: one value, strconv.ParseBool; without a
 * true one only volumes labelled anonymous go), then checks the keys (label, label!, all);
 * 20.10 knows only label and label!, and prunes every unused volume (v20.10.24).
 */
export function pruneVolumes(ctx: DockerContext, filters: FilterArgs, by: 'volume-prune' | 'system-prune' = 'volume-prune'): daemon.PruneReport | string {
  let all = !ctx.profile.pruneAnonymousOnly;
  const allValues = ctx.profile.pruneAnonymousOnly ? filters.get('all') : undefined;
  if (allValues !== undefined) {
    if (allValues.length > 1) return `invalid filter 'all=[${[...allValues].sort().join(' ')}]': only one value is expected`;
    const value = goParseBool(allValues[0]);
    if (value === undefined) return `invalid filter 'all': strconv.ParseBool: parsing ${quote(allValues[0])}: invalid syntax`;
    all = value;
  }
  const filter = volumeFilters(ctx.st, ctx.profile, filters, ctx.profile.pruneAnonymousOnly ? [...PRUNE_FILTERS, 'all'] : PRUNE_FILTERS);
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
    const filters = parseFilterFlags(flagList(p, 'filter'));
    if ('badFormat' in filters) return flagError(ctx, badFilterFormat(filters.badFormat, '--filter'), 'volume prune', 'docker volume prune [OPTIONS]');
    // docker/cli volume/prune.go runPrune (v28.2.2): --all is the filter all=true, never beside one
    if (all) {
      if (filters.has('all')) {
        errOut(ctx, 'conflicting options: cannot specify both --all and --filter all=1\n');
        return 1;
      }
      filters.set('all', ['true']);
    }
    if (!flagBool(p, 'force')) {
      const what = all || !ctx.profile.pruneAnonymousOnly ? 'all local volumes' : 'anonymous local volumes';
      out(ctx, `WARNING! This will remove ${what} not used by at least one container.\nAre you sure you want to continue? [y/N] ` + declinedTotal(ctx));
      return 0;
    }
    const r = pruneVolumes(ctx, filters);
    if (typeof r === 'string') return daemonError(ctx, r);
    if (r.names.length > 0) out(ctx, 'Deleted Volumes:\n' + r.names.map((n) => n + '\n').join('') + '\n');
    // removed as on a real engine; the space is the real server's files' (daemon/volumes.ts unknownSize)
    if (r.unknownSize !== undefined) return refusal(ctx, sizeRefusal(`volume ${r.unknownSize}`).message);
    out(ctx, `Total reclaimed space: ${humanSize(r.bytes)}\n`);
    return 0;
  },
};
