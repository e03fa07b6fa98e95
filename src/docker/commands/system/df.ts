// docker system df: space used by images, containers, local volumes and the build cache, and
// how much of it nothing uses (docker/cli formatter/disk_usage.go: reclaimable bytes and their
// integer percentage of the total).

import { NotFollowed, refuseIfUnfollowed } from '../../../container/unfollowed.ts';
import type { DockerCommand } from '../../command.ts';
import { flagString } from '../../args.ts';
import { errOut, out, refusal } from '../../errors.ts';
import { verboseDiskUsage } from './df-verbose.ts';
import { formatRows } from '../../output.ts';
import { humanSize } from '../../format/units.ts';
import { isIntermediate } from '../../../image/store.ts';
import { knownTreeSize, treeSize } from '../../../fs/node.ts';
import { volumeUsers } from '../../../volume/store.ts';
import { goType, type GoValue } from '../../format/value.ts';
import { asFormatterContext } from '../../format/json.ts';
import { reclaimableRecords, recordSize } from '../../../image/build/cache.ts';
import { tablePeek, tablePeekValues, tableValues } from '../../../engine/table.ts';
import { containerList } from '../../../container/registry.ts';
import { holdsRealImages, realBase, type RealFacts } from '../../../image/real.ts';
import type { EngineState, Image } from '../../../engine/state.ts';

const HEADERS = { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' };

function reclaimable(bytes: number, total: number): string {
  return total > 0 ? `${humanSize(bytes)} (${Math.floor((bytes * 100) / total)}%)` : humanSize(bytes);
}

export const systemDf: DockerCommand = {
  spec: {
    path: 'system df',
    args: { min: 0, max: 0 },
    usage: 'docker system df [OPTIONS]',
    description: 'Show docker disk usage',
    flags: [
      { long: 'format', kind: 'string', help: 'Format output using a custom template' },
      { long: 'verbose', short: 'v', kind: 'bool', help: 'Show detailed information on space usage' },
    ],
  },
  run(ctx, p) {
    const st = ctx.st;
    if (st.buildCacheUnsimulated !== undefined) return refusal(ctx, `strata does not simulate BuildKit's build cache records after ${st.buildCacheUnsimulated}`);
    // active or not, and the size of its layer, depend on timing (container/restart.ts)
    for (const c of containerList(st)) refuseIfUnfollowed(c);
    for (const v of tablePeekValues(st.volumes)) if (v.unfollowed !== undefined) throw new NotFollowed(v.unfollowed);
    // A pulled catalog image is the real one (image/real.ts): its layers are not strata's, and
    // what strata knows of them is the image's total, as bounds (repo-info's rounded Virtual Size).
    const real = holdsRealImages(st);
    if (real.length > 0) {
      const why = realDiskUsageUnknown(real, p.flags['verbose'] === true);
      if (why !== undefined) return refusal(ctx, `strata does not simulate \`docker system df\` with the real ${real.map((f) => f.ref).join(', ')}: ${why} (catalog/README.md)`);
    }
    if (p.flags['verbose'] === true) {
      const cacheBytes = (st.buildCache ?? []).reduce((n, c) => n + recordSize(st, c), 0);
      return verboseDiskUsage(ctx, flagString(p, 'format'), cacheBytes, (s) => out(ctx, s), (s) => errOut(ctx, s + '\n'));
    }
    const format = flagString(p, 'format') ?? 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
    // Each real image's size at either of its bounds: every combination of them (the corners of
    // what the sizes can be; every figure printed grows or shrinks with each size, so when the
    // corners print the same, so does every size between) must print the same.
    const tops = [...new Set(tablePeekValues(st.images).flatMap((i) => realTop(st, i)))];
    let first: string | undefined;
    for (let corner = 0; corner < 2 ** tops.length; corner++) {
      const size = (top: string): number => st.realImages![top].size![(corner >> tops.indexOf(top)) & 1];
      const text = formatRows(format, diskUsageRows(st, size), HEADERS, ctx.profile.client);
      if (first === undefined) first = text;
      else if (text !== first) {
        return refusal(ctx, `strata does not simulate what \`docker system df\` prints here: the real ${real.map((f) => f.ref).join(', ')}'s size on disk (docker-library/repo-info gives it rounded to two decimals: catalog/README.md)`);
      }
    }
    out(ctx, first!);
    return 0;
  },
};

/** The top layer (in strata's store) of the real image an image holds, if any. */
function realTop(st: EngineState, image: Image): string[] {
  const b = realBase(st, image);
  return b === undefined ? [] : [image.layers[b.index]];
}

/**
 * Why strata cannot say what the real images' layers add to `docker system df`, or undefined when
 * it can: each real image's size is its own when no other real image shares its layers. The
 * images share a layer only from their first on (a layer is stored by its chain ID, the digest of
 * every layer below it: moby layer/layer.go CreateChainID), and docker-library images take their
 * base's layer blobs as they are, so two of them share layers exactly when their first registry
 * layers are one (postgres:16 and postgres:17 share their Debian base, of a size not known).
 */
function realDiskUsageUnknown(real: readonly RealFacts[], verbose: boolean): string | undefined {
  // -v lists each image's shared and unique size, and the real layers' sizes
  if (verbose) return 'the sizes on disk of its layers are not known';
  const unknown = real.filter((f) => f.size === undefined);
  if (unknown.length > 0) return `the size on disk of ${unknown.map((f) => f.ref).join(', ')} is not known`;
  for (const a of real) {
    const b = real.find((o) => o !== a && o.firstLayer !== undefined && o.firstLayer === a.firstLayer);
    if (b !== undefined) return `${a.ref} and ${b.ref} share layers whose sizes on disk are not known`;
  }
  return undefined;
}

/**
 * The four rows, with `realSize` the size of the real image whose top layer (in strata's store)
 * is given. A real image is one part of an image's size, in place of the stand-in's layers up to
 * its top; strata's own layers are each a part.
 */
function diskUsageRows(st: EngineState, realSize: (top: string) => number): GoValue[] {
  const containers = containerList(st);
  const images = tablePeekValues(st.images).filter((i) => !isIntermediate(st, i.id));
  const inUse = (id: string) => containers.some((c) => c.imageId === id);
  const parts = new Map<string, { key: string; size: number }[]>();
  for (const i of images) {
    const b = realBase(st, i);
    const own = (ls: readonly string[]) => ls.map((l) => ({ key: l, size: tablePeek(st.layers, l)!.size }));
    parts.set(i.id, b === undefined ? own(i.layers) : [{ key: `real ${i.layers[b.index]}`, size: realSize(i.layers[b.index]) }, ...own(i.layers.slice(b.index + 1))]);
  }
  // The total counts every layer once. An image in use holds only what it does not share with
  // another image (the CLI adds VirtualSize - SharedSize of images with containers).
  const partSize = (ps: Iterable<{ key: string; size: number }>) => [...new Map([...ps].map((x) => [x.key, x.size])).values()].reduce((n, x) => n + x, 0);
  const imagesTotal = partSize(images.flatMap((i) => parts.get(i.id)!));
  const shared = (id: string, key: string) => images.some((o) => o.id !== id && parts.get(o.id)!.some((x) => x.key === key));
  const imagesUsed = images
    .filter((i) => inUse(i.id))
    .reduce((n, i) => n + partSize(parts.get(i.id)!.filter((x) => !shared(i.id, x.key))), 0);
  const running = (status: string) => status === 'running';
  const rwTotal = containers.reduce((n, c) => n + knownTreeSize(c.upper, `the writable layer of container ${c.name}`), 0);
  const rwIdle = containers.filter((c) => !running(c.state.status)).reduce((n, c) => n + treeSize(c.upper), 0);
  const volumes = tableValues(st.volumes);
  const volTotal = volumes.reduce((n, v) => n + knownTreeSize(v.data, `volume ${v.name}`), 0);
  const volIdle = volumes.filter((v) => volumeUsers(st, v.name).length === 0).reduce((n, v) => n + treeSize(v.data), 0);
  // Each row is its own formatter type (named in template errors), whose methods give strings:
  // TotalCount and Active are fmt.Sprintf("%d", ...) (inspect/format-json-rows).
  const row = (type: string, total: number, active: number, size: string, reclaimable: string, goName: string): GoValue =>
    asFormatterContext(goType({ Type: type, TotalCount: String(total), Active: String(active), Size: size, Reclaimable: reclaimable }, goName));
  const rows: GoValue[] = [
    row('Images', images.length, images.filter((i) => inUse(i.id)).length, humanSize(imagesTotal), reclaimable(imagesTotal - imagesUsed, imagesTotal), '*formatter.diskUsageImagesContext'),
    row('Containers', containers.length, containers.filter((c) => running(c.state.status)).length, humanSize(rwTotal), reclaimable(rwIdle, rwTotal), '*formatter.diskUsageContainersContext'),
    row('Local Volumes', volumes.length, volumes.filter((v) => volumeUsers(st, v.name).length > 0).length, humanSize(volTotal), reclaimable(volIdle, volTotal), '*formatter.diskUsageVolumesContext'),
    row(
      'Build Cache',
      (st.buildCache ?? []).length,
      0,
      humanSize((st.buildCache ?? []).reduce((n, c) => n + recordSize(st, c), 0)),
      // The CLI prints the build cache's reclaimable bytes without a percentage.
      humanSize(reclaimableRecords(st).reduce((n, c) => n + recordSize(st, c), 0)),
      '*formatter.diskUsageBuilderContext',
    ),
  ];
  return rows;
}
