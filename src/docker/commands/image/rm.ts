// docker rmi (docker image rm): untag, and delete an image (and its untagged parents) once no
// tag and no container holds it.

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import { errOut, out } from '../../errors.ts';
import { deleteImage, ImageDeleteError } from '../../../image/store.ts';

export const rmi: DockerCommand = {
  spec: {
    path: 'rmi',
    args: { min: 1 },
    usage: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
    description: 'Remove one or more images',
    flags: [
      { long: 'force', short: 'f', kind: 'bool', help: 'Force removal of the image' },
      { long: 'no-prune', kind: 'bool', help: 'Do not delete untagged parents' },
    ],
  },
  run(ctx, p) {
    const errors: string[] = [];
    let fatal = false;
    for (const ref of p.args) {
      try {
        const records = deleteImage(ctx.st, ref, flagBool(p, 'force'), !flagBool(p, 'no-prune'));
        for (const r of records) {
          if ('untagged' in r) out(ctx, `Untagged: ${r.untagged}\n`);
          else {
            out(ctx, `Deleted: ${r.deleted}\n`);
            if (r.layerSize === undefined) ctx.events.push({ type: 'image-removed', image: r.deleted.slice(7) });
          }
        }
      } catch (e) {
        if (!(e instanceof ImageDeleteError)) throw e;
        // The 20.10 client turns the daemon's 404 into its own "Error: No such image: REF".
        const notFound = e.message.startsWith('No such image: ');
        if (!notFound) fatal = true;
        errors.push(notFound && ctx.profile.client === '20.10' ? `Error: No such image: ${ref}` : `Error response from daemon: ${e.message}`);
      }
    }
    // The CLI prints the deletions as they come and all errors at the end; with -f, images that
    // do not exist are reported but do not fail the command.
    if (errors.length === 0) return 0;
    errOut(ctx, errors.join('\n') + '\n');
    return flagBool(p, 'force') && !fatal ? 0 : 1;
  },
};
