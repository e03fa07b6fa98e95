// docker images (docker image ls): tagged images and dangling ones; -a adds intermediates.

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagString } from '../../args.ts';
import { out } from '../../errors.ts';
import { formatRows } from '../../output.ts';
import { humanSizeWithPrecision } from '../../format/units.ts';
import { imageSize, isIntermediate, tagsOf } from '../../../image/store.ts';
import type { GoValue } from '../../format/value.ts';

const HEADERS = { Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE', Digest: 'DIGEST' };

export const images: DockerCommand = {
  spec: {
    path: 'images',
    usage: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
    description: 'List images',
    flags: [
      { long: 'all', short: 'a', kind: 'bool', help: 'Show all images (default hides intermediate images)' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only show image IDs' },
      { long: 'format', kind: 'string', help: 'Format output using a custom template' },
      { long: 'no-trunc', kind: 'bool', help: "Don't truncate output" },
      { long: 'filter', short: 'f', kind: 'list', help: 'Filter output based on conditions provided', refuse: 'image filters are not simulated yet' },
    ],
  },
  run(ctx, p) {
    const st = ctx.st;
    const all = flagBool(p, 'all');
    const rows: GoValue[] = [];
    const ids: string[] = [];
    const list = Object.values(st.images).sort((a, b) => b.created - a.created);
    for (const image of list) {
      const tags = tagsOf(st, image.id);
      if (tags.length === 0 && !all && isIntermediate(st, image.id)) continue;
      const size = humanSizeWithPrecision(imageSize(st, image), 3);
      const id = flagBool(p, 'no-trunc') ? `sha256:${image.id}` : image.id.slice(0, 12);
      ids.push(id);
      for (const t of tags.length > 0 ? tags : ['<none>:<none>']) {
        const i = t.lastIndexOf(':');
        rows.push({ Repository: t.slice(0, i), Tag: t.slice(i + 1), ID: id, CreatedSince: 'N/A', CreatedAt: '', Size: size, Digest: '<none>' });
      }
    }
    if (flagBool(p, 'quiet')) {
      out(ctx, [...new Set(ids)].map((i) => i + '\n').join(''));
      return 0;
    }
    const format = flagString(p, 'format') ?? 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
    out(ctx, formatRows(format, rows, HEADERS));
    return 0;
  },
};
