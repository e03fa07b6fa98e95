// `docker compose images` (cmd/compose/images.go, pkg/compose/images.go at v2.26.1): the image
// of each container of the project (or of the services named), by container name; -q their IDs
// without `sha256:`, each once; `--format json` the summaries compose-go marshals.

import { flagBool, flagString } from '../../docker/args.ts';
import { tabwrite } from '../../docker/format/table.ts';
import { humanSizeWithPrecision } from '../../docker/format/units.ts';
import { tagsOf } from '../../image/store.ts';
import { holdsReal, imageSizeBounds } from '../../image/real.ts';
import { tablePeek } from '../../engine/table.ts';
import { byName, projectContainers, serviceOf } from '../project/containers.ts';
import { projectOrName } from '../project/name.ts';
import { ComposeError } from '../project/env.ts';
import type { ComposeCommand } from './command.ts';
import { printFormat, printJson } from '../format/print.ts';

interface ImageSummary {
  ID: string;
  ContainerName: string;
  Repository: string;
  Tag: string;
  Size: number;
}

export const imagesCommand: ComposeCommand = {
  spec: {
    path: 'compose images',
    usage: 'docker compose images [OPTIONS] [SERVICE...]',
    description: 'List images used by the created containers',
    args: { min: 0 },
    flags: [
      { long: 'format', kind: 'string', help: 'Format the output. Values: [table | json]' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only display IDs' },
    ],
  },
  run(env, p) {
    const format = printFormat(flagString(p, 'format') ?? 'table');
    const { name } = projectOrName(env);
    const st = env.ctx.st;
    // every container of the project, one-off ones too (a project filter only)
    const containers = projectContainers(st, name, 'include').filter((c) => p.args.length === 0 || p.args.includes(serviceOf(c)));
    const images: ImageSummary[] = [];
    for (const c of containers) {
      const image = tablePeek(st.images, c.imageId);
      if (!image) throw new ComposeError(`failed to retrieve image for container ${c.name}`);
      // getImages: the first RepoTag, split into its familiar name and tag
      const ref = tagsOf(st, image.id)[0] ?? '';
      const at = ref.lastIndexOf(':');
      const slash = ref.lastIndexOf('/');
      const tagged = at > slash;
      // a pulled catalog image is the real one (image/real.ts): its size shows only where it is known
      // to the precision shown (the table's 3 digits; the JSON's bytes never are)
      const bounds = imageSizeBounds(st, image);
      const real = holdsReal(st, image);
      if (real !== undefined && (bounds === undefined || format !== 'table' || humanSizeWithPrecision(bounds[0], 3) !== humanSizeWithPrecision(bounds[1], 3))) {
        throw new ComposeError(`strata does not simulate \`docker compose images\` with the real ${real.ref}: its size on disk is not known to the byte (catalog/README.md)`, 125);
      }
      images.push({ ID: `sha256:${image.id}`, ContainerName: c.name, Repository: tagged ? ref.slice(0, at) : ref, Tag: tagged ? ref.slice(at + 1) : '', Size: bounds ? bounds[0] : 0 });
    }
    if (flagBool(p, 'quiet')) {
      // the daemon's list order (newest first); each ID once
      const ids: string[] = [];
      for (const img of [...images].reverse()) if (!ids.includes(img.ID.slice(7))) ids.push(img.ID.slice(7));
      for (const id of ids) env.out.stdout(`${id}\n`);
      return 0;
    }
    const sorted = byName(containers).map((c) => images.find((i) => i.ContainerName === c.name)!);
    if (format !== 'table') {
      env.out.stdout(printJson(sorted.map((i) => `{"ID":${JSON.stringify(i.ID)},"ContainerName":${JSON.stringify(i.ContainerName)},"Repository":${JSON.stringify(i.Repository)},"Tag":${JSON.stringify(i.Tag)},"Size":${i.Size}}`), format));
      return 0;
    }
    const rows = sorted.map((i) => `${i.ContainerName}\t${i.Repository || '<none>'}\t${i.Tag || '<none>'}\t${i.ID.slice(7, 19)}\t${humanSizeWithPrecision(i.Size, 3)}`);
    env.out.stdout(tabwrite(['CONTAINER\tREPOSITORY\tTAG\tIMAGE ID\tSIZE', ...rows].join('\n') + '\n', { minwidth: 20, tabwidth: 1, padding: 3, padchar: ' ' }));
    return 0;
  },
};
