// docker tag, docker rmi.

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import { errOut, out } from '../../errors.ts';
import { findImage, normalizeRef, tagsOf } from '../../../image/store.ts';

export const tag: DockerCommand = {
  spec: { path: 'tag', usage: 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]', description: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE', flags: [] },
  run(ctx, p) {
    const [src, dst] = p.args;
    const image = findImage(ctx.st, src ?? '');
    if (!image || dst === undefined) {
      errOut(ctx, `Error response from daemon: No such image: ${src}\n`);
      return 1;
    }
    ctx.st.tags[normalizeRef(dst)] = image.id;
    return 0;
  },
};

export const rmi: DockerCommand = {
  spec: {
    path: 'rmi',
    usage: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
    description: 'Remove one or more images',
    flags: [
      { long: 'force', short: 'f', kind: 'bool', help: 'Force removal of the image' },
      { long: 'no-prune', kind: 'bool', help: 'Do not delete untagged parents' },
    ],
  },
  run(ctx, p) {
    let status = 0;
    for (const ref of p.args) {
      const image = findImage(ctx.st, ref);
      if (!image) {
        errOut(ctx, `Error response from daemon: No such image: ${ref}\n`);
        status = 1;
        continue;
      }
      const tags = tagsOf(ctx.st, image.id);
      const byTag = ctx.st.tags[normalizeRef(ref)] === image.id;
      const user = Object.values(ctx.st.containers).find((c) => c.imageId === image.id);
      if (byTag && tags.length > 1) {
        delete ctx.st.tags[normalizeRef(ref)];
        out(ctx, `Untagged: ${normalizeRef(ref)}\n`);
        continue;
      }
      if (user && !flagBool(p, 'force')) {
        errOut(ctx, `Error response from daemon: conflict: unable to remove repository reference "${ref}" (must force) - container ${user.id.slice(0, 12)} is using its referenced image ${image.id.slice(0, 12)}\n`);
        status = 1;
        continue;
      }
      for (const t of tags) {
        delete ctx.st.tags[t];
        out(ctx, `Untagged: ${t}\n`);
      }
      if (!user) {
        delete ctx.st.images[image.id];
        out(ctx, `Deleted: sha256:${image.id}\n`);
        ctx.events.push({ type: 'image-removed', image: image.id });
      }
    }
    return status;
  },
};
