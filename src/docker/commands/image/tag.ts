// docker tag: another name for an image (the CLI checks the reference before asking the daemon).

import type { DockerCommand } from '../../command.ts';
import { errOut } from '../../errors.ts';
import { findImage, noSuchImage, normalizeRef } from '../../../image/store.ts';
import { referenceMessage, referenceProblem } from '../../../image/reference.ts';

export const tag: DockerCommand = {
  spec: { path: 'tag', args: { min: 2, max: 2 }, usage: 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]', description: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE', flags: [] },
  run(ctx, p) {
    const [src, dst] = p.args as [string, string];
    // The CLI parses the target before it calls the daemon.
    const problem = referenceProblem(dst, ctx.profile.client !== '20.10');
    if (problem) {
      errOut(ctx, `Error parsing reference: "${dst}" is not a valid repository/tag: ${referenceMessage(problem, ctx.profile.client !== '20.10')}\n`);
      return 1;
    }
    const image = findImage(ctx.st, src);
    if (!image) {
      errOut(ctx, `Error response from daemon: ${noSuchImage(src)}\n`);
      return 1;
    }
    ctx.st.tags[normalizeRef(dst)] = image.id;
    return 0;
  },
};
