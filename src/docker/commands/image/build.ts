// docker build: `-t NAME` and `-q`, the Dockerfile from stdin (`-`) or a context directory on
// the host (with its Dockerfile, or -f FILE).

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagString } from '../../args.ts';
import { errOut, out } from '../../errors.ts';
import { build } from '../../../image/build/builder.ts';
import { hostFs } from '../../../container/runtime-fs.ts';
import { join, normalize } from '../../../fs/path.ts';

export const buildCommand: DockerCommand = {
  spec: {
    path: 'build',
    usage: 'docker build [OPTIONS] PATH | URL | -',
    description: 'Build an image from a Dockerfile',
    flags: [
      { long: 'tag', short: 't', kind: 'string', help: 'Name and optionally a tag in the "name:tag" format' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Suppress the build output and print image ID on success' },
      { long: 'file', short: 'f', kind: 'string', help: "Name of the Dockerfile (Default is 'PATH/Dockerfile')" },
      { long: 'no-cache', kind: 'bool', help: 'Do not use cache when building the image' },
      { long: 'build-arg', kind: 'list', help: 'Set build-time variables', refuse: 'build arguments are not simulated yet' },
      { long: 'target', kind: 'string', help: 'Set the target build stage to build', refuse: 'multi-stage builds are not simulated yet' },
      { long: 'network', kind: 'string', help: 'Set the networking mode for the RUN instructions during build', refuse: 'networking is outside the storage model' },
    ],
  },
  run(ctx, p) {
    const where = p.args[0];
    if (where === undefined) {
      errOut(ctx, '"docker build" requires exactly 1 argument.\n');
      return 1;
    }
    const fs = hostFs(ctx.st);
    let dockerfile: string;
    let context: { fs: typeof fs; dir: string } | undefined;
    if (where === '-') dockerfile = ctx.io.stdin;
    else {
      const dir = normalize(join(ctx.cwd, where));
      context = { fs, dir };
      const file = normalize(join(dir, flagString(p, 'file') ?? 'Dockerfile'));
      try {
        dockerfile = fs.readFile(file);
      } catch {
        errOut(ctx, `unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${file}: no such file or directory\n`);
        return 1;
      }
    }
    const r = build(ctx.st, ctx.profile, { dockerfile, context, tag: flagString(p, 'tag') }, ctx.events);
    const quiet = flagBool(p, 'quiet');
    if (!r.ok) {
      if (ctx.profile.builder === 'legacy') out(ctx, r.log);
      errOut(ctx, r.error + '\n');
      return r.status;
    }
    if (quiet) out(ctx, `sha256:${r.imageId}\n`);
    else out(ctx, r.log);
    return 0;
  },
};
