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
import { holdsRealImages } from '../../../image/real.ts';

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
    // A pulled catalog image is the real one (image/real.ts): the images' total counts each layer
    // once, and which of the real image's layers another image shares, and their sizes on disk,
    // are not known (repo-info gives at most the image's total, rounded).
    const real = holdsRealImages(st);
    if (real.length > 0) {
      return refusal(ctx, `strata does not simulate \`docker system df\` with the real ${real.map((f) => f.ref).join(', ')}: the sizes on disk of its layers are not known (catalog/README.md)`);
    }
    if (p.flags['verbose'] === true) {
      const cacheBytes = (st.buildCache ?? []).reduce((n, c) => n + recordSize(st, c), 0);
      return verboseDiskUsage(ctx, flagString(p, 'format'), cacheBytes, (s) => out(ctx, s), (s) => errOut(ctx, s + '\n'));
    }
    const containers = containerList(st);
    const images = tablePeekValues(st.images).filter((i) => !isIntermediate(st, i.id));
    const inUse = (id: string) => containers.some((c) => c.imageId === id);
    // The total counts every layer once. An image in use holds only what it does not share with
    // another image (the CLI adds VirtualSize - SharedSize of images with containers).
    const layerSize = (ids: Iterable<string>) => [...new Set(ids)].reduce((n, l) => n + tablePeek(st.layers, l)!.size, 0);
    const imagesTotal = layerSize(images.flatMap((i) => i.layers));
    const shared = (id: string, layer: string) => images.some((o) => o.id !== id && o.layers.includes(layer));
    const imagesUsed = images
      .filter((i) => inUse(i.id))
      .reduce((n, i) => n + layerSize(i.layers.filter((l) => !shared(i.id, l))), 0);
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
    const format = flagString(p, 'format') ?? 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
    out(ctx, formatRows(format, rows, HEADERS, ctx.profile.client));
    return 0;
  },
};
