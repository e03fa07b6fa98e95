// docker system prune: stopped containers, then unused networks (and with --volumes, then the
// volumes they held, by the same rules as `docker volume prune`), dangling images (with -a every
// image no container uses, as `docker image prune -a`), build cache (with -a all of it)
// (docker/cli cli/command/system/prune.go runs the prunes in that order; recorded:
// system/system-prune-all).

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import { out, refusal } from '../../errors.ts';
import { sizeRefusal } from '../../../fs/node.ts';
import { humanSize } from '../../format/units.ts';
import { pruneContainers } from '../container/prune.ts';
import { pruneVolumes } from '../volume/prune.ts';
import { pruneNetworks } from '../network/prune.ts';
import { pruneBuildCache } from '../../../image/build/cache.ts';
import { runImagePrune } from '../image/prune.ts';

export const systemPrune: DockerCommand = {
  spec: {
    path: 'system prune',
    args: { min: 0, max: 0 },
    usage: 'docker system prune [OPTIONS]',
    description: 'Remove unused data',
    flags: [
      { long: 'all', short: 'a', kind: 'bool', help: 'Remove all unused images not just dangling ones' },
      { long: 'force', short: 'f', kind: 'bool', help: 'Do not prompt for confirmation' },
      { long: 'volumes', kind: 'bool', help: 'Prune anonymous volumes' },
      { long: 'filter', kind: 'list', help: 'Provide filter values (e.g. "label=<key>=<value>")', refuse: 'prune filters are not simulated yet' },
    ],
  },
  run(ctx, p) {
    const all = flagBool(p, 'all');
    if (!flagBool(p, 'force')) {
      // the 20.10 CLI names every unused volume and "dangling" build cache (its prune removes both);
      // the 28.2 CLI anonymous volumes and "unused" cache (recorded: tutorials/prune-prompts-declined)
      const legacy = ctx.profile.client === '20.10';
      out(ctx, 'WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n' +
        (flagBool(p, 'volumes') ? `  - all ${legacy ? '' : 'anonymous '}volumes not used by at least one container\n` : '') +
        (all ? '  - all images without at least one container associated to them\n' : '  - all dangling images\n') +
        `  - ${all ? 'all' : legacy ? 'all dangling' : 'unused'} build cache\n\nAre you sure you want to continue? [y/N] `);
      return 0;
    }
    if (ctx.st.buildCacheUnsimulated !== undefined) return refusal(ctx, `strata does not simulate BuildKit's build cache records after ${ctx.st.buildCacheUnsimulated}`);
    const containers = pruneContainers(ctx, 'system-prune');
    let bytes = containers.bytes;
    let unknownSize: string | undefined;
    let text = '';
    if (containers.ids.length > 0) text += 'Deleted Containers:\n' + containers.ids.map((i) => i + '\n').join('') + '\n';
    const networks = pruneNetworks(ctx);
    if (networks.length > 0) text += 'Deleted Networks:\n' + networks.map((n) => n + '\n').join('') + '\n';
    if (flagBool(p, 'volumes')) {
      // docker/cli volume.RunPrune (v28.2.2): no --all for volumes, whatever system prune's -a
      const r = pruneVolumes(ctx, new Map(), 'system-prune');
      if (typeof r !== 'string') {
        bytes += r.bytes;
        unknownSize = r.unknownSize;
        if (r.names.length > 0) text += 'Deleted Volumes:\n' + r.names.map((n) => n + '\n').join('') + '\n';
      }
    }
    // image.RunPrune: what `docker image prune [-a] -f` deletes, in its words
    const images = runImagePrune(ctx, all, () => true);
    text += images.text;
    bytes += images.reclaimed;
    // BuildKit's cache (26.1) goes too: the records no image holds (with -a, every record).
    const cache = pruneBuildCache(ctx.st, all);
    if (cache.ids.length > 0) {
      bytes += cache.bytes;
      text += 'Deleted build cache objects:\n' + cache.ids.map((i) => i + '\n').join('') + '\n';
    }
    // removed as on a real engine; the space is the real server's files' (daemon/volumes.ts unknownSize)
    if (unknownSize !== undefined) {
      out(ctx, text);
      return refusal(ctx, sizeRefusal(`volume ${unknownSize}`).message);
    }
    out(ctx, text + `Total reclaimed space: ${humanSize(bytes)}\n`);
    return 0;
  },
};
