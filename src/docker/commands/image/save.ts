// docker save: images (with their tags) as one tar archive, to `-o FILE` or standard output.
// The layout is the daemon's (src/image/archive.ts); an unknown reference fails the whole save.

import type { DockerCommand } from '../../command.ts';
import { flagString } from '../../args.ts';
import { daemonError } from '../../errors.ts';
import { hostFs } from '../../../container/runtime-fs.ts';
import { findImage, isIdRef, normalizeRef } from '../../../image/store.ts';
import { saveImages } from '../../../image/archive.ts';
import type { Image } from '../../../engine/state.ts';
import { join, normalize } from '../../../fs/path.ts';

export const save: DockerCommand = {
  spec: {
    path: 'save',
    args: { min: 1 },
    usage: 'docker save [OPTIONS] IMAGE [IMAGE...]',
    description: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
    flags: [
      { long: 'output', short: 'o', kind: 'string', help: 'Write to a file, instead of STDOUT' },
      { long: 'platform', kind: 'list', help: 'Save only the given platform(s)', refuse: 'one platform (linux/amd64) is simulated' },
    ],
  },
  run(ctx, p) {
    // Each image once, in the order first asked for, with every tag asked for (moby tarexport
    // parseNames: an ID reference adds no tag).
    const wanted: { image: Image; refs: string[] }[] = [];
    const add = (image: Image, tag: string | undefined): void => {
      let entry = wanted.find((w) => w.image.id === image.id);
      if (!entry) wanted.push((entry = { image, refs: [] }));
      if (tag !== undefined && !entry.refs.includes(tag)) entry.refs.push(tag);
    };
    for (const ref of p.args) {
      // A repository name without tag or digest saves every tag of that repository, in lexical
      // order (parseNames: IsNameOnly -> ReferencesByName, which sorts); only a name that has
      // none is looked up as an image ID prefix.
      if (!ref.includes('@') && ref.indexOf(':', ref.lastIndexOf('/') + 1) < 0) {
        const repo = normalizeRef(ref).replace(/:latest$/, '');
        const tags = Object.keys(ctx.st.tags).filter((t) => t.slice(0, t.lastIndexOf(':')) === repo).sort();
        const images = tags.map((t) => findImage(ctx.st, t));
        if (tags.length > 0 && images.every((i) => i !== undefined)) {
          tags.forEach((tag, i) => add(images[i]!, tag));
          continue;
        }
      }
      const image = findImage(ctx.st, ref);
      if (!image) return daemonError(ctx, 'reference does not exist');
      add(image, isIdRef(image, ref) ? undefined : normalizeRef(ref));
    }
    const tar = saveImages(ctx.st, ctx.profile, wanted);
    const output = flagString(p, 'output');
    if (output === undefined) ctx.io.stdout(tar);
    else hostFs(ctx.st).writeFile(normalize(join(ctx.cwd, output)), tar);
    return 0;
  },
};
