// `docker system df -v`: the space each image, container, volume and build cache record uses
// (docker/cli cli/command/formatter/disk_usage.go verboseWrite). Without --format, one table per
// kind under a title; with one, the template runs once over the whole diskUsageContext
// (`{{range .Volumes}}...`), whose rows are the same contexts `docker images`, `docker ps` and
// `docker volume ls` use, filled with the daemon's usage data.

import type { DockerContext } from '../../context.ts';
import type { EngineState, Image } from '../../../engine/state.ts';
import { formatRows, FormatError, jsonShortcut, templateOptions } from '../../output.ts';
import { humanSize, humanSizeWithPrecision } from '../../format/units.ts';
import { goType, type GoValue } from '../../format/value.ts';
import { Template, TemplateError } from '../../format/template.ts';
import { parseDockerFormat } from '../../format/template.ts';
import { containerRow, PS_HEADERS } from '../container/ps.ts';
import { IMAGE_HEADERS, imageRow } from '../image/ls.ts';
import { volumeRow } from '../../views/volume.ts';
import { isIntermediate, tagsOf } from '../../../image/store.ts';
import { knownTreeSize, treeSize } from '../../../fs/node.ts';
import { volumeUsers } from '../../../volume/store.ts';
import { tablePeek, tablePeekValues, tableValues } from '../../../engine/table.ts';
import { asFormatterContext } from '../../format/json.ts';
import { containerList } from '../../../container/registry.ts';

/** The images table: SIZE is VirtualSize (HumanSize, 4 digits) on 20.10, Size (3 digits) on 28.2. */
const images = (client: '20.10' | '28.2'): string =>
  `table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.${client === '20.10' ? 'VirtualSize' : 'Size'}}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}`;
const CONTAINERS = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}';
const VOLUMES = 'table {{.Name}}\t{{.Links}}\t{{.Size}}';
const BUILD_CACHE = 'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}';

const VOLUME_HEADERS = { Name: 'VOLUME NAME', Links: 'LINKS', Size: 'SIZE' };
const CACHE_HEADERS = { ID: 'CACHE ID', CacheType: 'CACHE TYPE', Size: 'SIZE', CreatedSince: 'CREATED', LastUsedSince: 'LAST USED', UsageCount: 'USAGE', Shared: 'SHARED' };

/** The image rows: the first tag only, `<none>` for a dangling image (verboseWrite). */
function imageRows(st: EngineState, trunc: boolean): GoValue[] {
  const images = tablePeekValues(st.images).filter((i) => !isIntermediate(st, i.id));
  const containers = containerList(st);
  const shared = (img: Image): number =>
    [...new Set(img.layers)].filter((l) => images.some((o) => o.id !== img.id && o.layers.includes(l))).reduce((n, l) => n + tablePeek(st.layers, l)!.size, 0);
  return images.map((img) => {
    const tag = tagsOf(st, img.id)[0];
    const i = tag === undefined ? -1 : tag.lastIndexOf(':');
    return imageRow(
      st,
      img,
      {
        repository: tag === undefined ? '<none>' : tag.slice(0, i),
        tag: tag === undefined ? '<none>' : tag.slice(i + 1),
        // stringid.TruncateID drops the `sha256:` too.
        id: trunc ? img.id.slice(0, 12) : `sha256:${img.id}`,
        digest: '',
      },
      { containers: containers.filter((c) => c.imageId === img.id).length, sharedSize: shared(img) },
    );
  });
}

/** Containers, newest first, with their own layer's size only (verboseWrite zeroes SizeRootFs). */
function containerRows(ctx: DockerContext, trunc: boolean): GoValue[] {
  const st = ctx.st;
  return containerList(st)
    .reverse()
    .map((c) =>
      asFormatterContext({
        ...(containerRow(st, c, { trunc, size: false }, ctx.profile) as Record<string, unknown>),
        Size: humanSizeWithPrecision(knownTreeSize(c.upper, `the writable layer of container ${c.name}`), 3),
      }),
    );
}

/** Volumes with the daemon's usage data: how many containers hold each, and its bytes. */
function volumeRows(ctx: DockerContext): GoValue[] {
  return tableValues(ctx.st.volumes).map((v) =>
    asFormatterContext({
      ...(volumeRow(v, ctx.profile) as Record<string, unknown>),
      Links: String(volumeUsers(ctx.st, v.name).length),
      Size: humanSize(knownTreeSize(v.data, `volume ${v.name}`)),
    }),
  );
}

/** `docker system df -v`: exit status; writes the output. */
export function verboseDiskUsage(ctx: DockerContext, format: string | undefined, buildCacheBytes: number, write: (s: string) => void, fail: (s: string) => void): number {
  if ((ctx.st.buildCache ?? []).length > 0) {
    fail('strata does not simulate `--verbose` with a build cache (its records keep no type, times or usage count)');
    return 125;
  }
  if (format === undefined || format === 'table') {
    try {
      let text = 'Images space usage:\n\n' + formatRows(images(ctx.profile.client), imageRows(ctx.st, true), IMAGE_HEADERS, ctx.profile.client);
      text += '\nContainers space usage:\n\n' + formatRows(CONTAINERS, containerRows(ctx, true), PS_HEADERS, ctx.profile.client);
      text += '\nLocal Volumes space usage:\n\n' + formatRows(VOLUMES, volumeRows(ctx), VOLUME_HEADERS, ctx.profile.client);
      text += `\nBuild cache usage: ${humanSize(buildCacheBytes)}\n\n` + formatRows(BUILD_CACHE, [], CACHE_HEADERS, ctx.profile.client);
      write(text);
      return 0;
    } catch (e) {
      if (e instanceof FormatError) {
        fail(e.message);
        return 1;
      }
      throw e;
    }
  }
  // A custom format runs once over the diskUsageContext, untruncated (trunc only for tables).
  const { template } = parseDockerFormat(format, jsonShortcut(ctx.profile.client));
  let tmpl: Template;
  try {
    tmpl = Template.parse(template);
  } catch (e) {
    fail(`template parsing error: ${(e as Error).message}`);
    return 1;
  }
  const data = goType({ Images: imageRows(ctx.st, false), Containers: containerRows(ctx, false), Volumes: volumeRows(ctx), BuildCache: [] }, '*formatter.diskUsageContext');
  try {
    write(tmpl.execute(data, templateOptions(ctx.profile.client)));
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    write(e.partial);
    fail(e.message);
    return 1;
  }
  return 0;
}
