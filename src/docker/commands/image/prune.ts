// docker image prune: dangling images (with -a, every image no container uses), deleted as
// `docker rmi` would; the space reclaimed is the size of the layers that were freed.

import type { DockerCommand } from '../../command.ts';
import type { DockerContext } from '../../context.ts';
import type { Image } from '../../../engine/state.ts';
import { flagBool, flagList } from '../../args.ts';
import { errOut, out, refusal } from '../../errors.ts';
import { humanSize } from '../../format/units.ts';
import { pruneImages } from '../../../image/store.ts';
import { filterBool, labelsMatch } from '../../filters.ts';
import { declinedTotal } from '../volume/prune.ts';

export const imagePrune: DockerCommand = {
  spec: {
    path: 'image prune',
    args: { min: 0, max: 0 },
    usage: 'docker image prune [OPTIONS]',
    description: 'Remove unused images',
    flags: [
      { long: 'all', short: 'a', kind: 'bool', help: 'Remove all unused images, not just dangling ones' },
      { long: 'force', short: 'f', kind: 'bool', help: 'Do not prompt for confirmation' },
      { long: 'filter', kind: 'list', help: 'Provide filter values (e.g. "until=<timestamp>")' },
    ],
  },
  run(ctx, p) {
    const labels: string[] = [];
    const notLabels: string[] = [];
    const dangling: string[] = [];
    for (const f of flagList(p, 'filter')) {
      const eq = f.indexOf('=');
      const key = eq < 0 ? f : f.slice(0, eq);
      if (key === 'label') labels.push(f.slice(eq + 1));
      else if (key === 'label!') notLabels.push(f.slice(eq + 1));
      else if (key === 'dangling' && eq >= 0) dangling.push(f.slice(eq + 1));
      else if (key === 'until') return refusal(ctx, 'strata does not simulate the prune filter `until` (image creation times are not simulated)');
      else {
        errOut(ctx, `Error response from daemon: invalid filter '${key}'\n`);
        return 1;
      }
    }
    if (!flagBool(p, 'force')) {
      out(ctx, flagBool(p, 'all')
        ? 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] '
        : 'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ');
      out(ctx, declinedTotal(ctx));
      return 0;
    }
    // the daemon reads the filters once asked (a declined prompt asks nothing)
    const all = pruneAll(ctx, flagBool(p, 'all'), dangling);
    if (typeof all !== 'boolean') {
      errOut(ctx, `Error response from daemon: ${all.error}\n`);
      return 1;
    }
    const { text, reclaimed } = runImagePrune(ctx, all, (image) =>
      (labels.length === 0 || labelsMatch(labels, image.config.Labels)) && (notLabels.length === 0 || !labelsMatch(notLabels, image.config.Labels)));
    out(ctx, text + `Total reclaimed space: ${humanSize(reclaimed)}\n`);
    return 0;
  },
};

/**
 * Whether the prune takes every unused image (not only dangling ones), from -a and the user's
 * `dangling` filters. The CLI adds `dangling=<not -a>` to the user's filters (docker/cli
 * cli/command/image/prune.go runPrune), and the daemon reads them all (daemon/images/
 * image_prune.go ImagesPrune). 20.10: an ExactMatch chain in which `false` or `0` wins, so
 * `--filter dangling=false` prunes every unused image as -a does, and `-a --filter dangling=true`
 * too; any other value beside the CLI's `true` is a dangling-only prune. 26.1: GetBoolOrDefault,
 * where `true` and `false` together are invalid (`invalid filter 'dangling=[false true]'`) and
 * other values beside one of them are ignored. Recorded (26.1):
 * image-layers/prune-dangling-filter; 20.10 from its source (its prune of every image took the
 * recording engine's base image with it).
 */
function pruneAll(ctx: DockerContext, all: boolean, dangling: readonly string[]): boolean | { error: string } {
  const values = [...dangling, String(!all)];
  if (ctx.profile.boolFilters) {
    const danglingOnly = filterBool(ctx.profile, 'dangling', values, { trueWords: [], falseWords: [] });
    return typeof danglingOnly === 'boolean' ? !danglingOnly : danglingOnly;
  }
  return values.includes('false') || values.includes('0');
}

/**
 * Prune images and say so as docker/cli's image.RunPrune does (also for `docker system prune`):
 * `Deleted Images:`, a line per untagged reference and deleted image or layer, and the blank
 * line of its Fprintln; nothing when nothing went. The bytes are those of the freed layers.
 */
export function runImagePrune(ctx: DockerContext, all: boolean, matches: (image: Image) => boolean): { text: string; reclaimed: number } {
  const records = pruneImages(ctx.st, all, matches);
  if (records.length === 0) return { text: '', reclaimed: 0 };
  let text = 'Deleted Images:\n';
  let reclaimed = 0;
  for (const r of records) {
    if ('untagged' in r) text += `untagged: ${r.untagged}\n`;
    else {
      text += `deleted: ${r.deleted}\n`;
      reclaimed += r.layerSize ?? 0;
      if (r.layerSize === undefined) ctx.events.push({ type: 'image-removed', image: r.deleted.slice(7) });
    }
  }
  return { text: text + '\n', reclaimed };
}
