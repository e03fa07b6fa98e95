// docker build: `-t NAME`, `-q`, `--build-arg`, `--target`, the Dockerfile from stdin (`-`) or a context
// directory on the host (its Dockerfile, or `-f FILE`, which the CLI resolves from the current
// directory, not from the context).

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagList, flagString } from '../../args.ts';
import { errOut, out, refusal } from '../../errors.ts';
import { build } from '../../../image/build/builder.ts';
import { referenceProblem } from '../../../image/reference.ts';
import { hostFs } from '../../../container/runtime-fs.ts';
import { join, normalize } from '../../../fs/path.ts';
import type { DockerContext } from '../../context.ts';

/** BuildKit (buildx) prints its client-side errors as `ERROR: ...`, exit 1. */
function buildxError(ctx: DockerContext, msg: string): number {
  errOut(ctx, `ERROR: ${msg}\n`);
  return 1;
}

/** buildx's own usage frame: BuildKit's client answers `docker build`'s usage errors. */
const BUILDX_FRAME = { prefix: 'ERROR: ', path: 'buildx build', usage: 'docker buildx build [OPTIONS] PATH | URL | -', description: 'Start a build' };

export const buildCommand: DockerCommand = {
  foreignFrame: (ctx) => (ctx.profile.builder === 'buildkit' ? BUILDX_FRAME : undefined),
  spec: {
    path: 'build',
    args: { min: 1, max: 1 },
    usage: 'docker build [OPTIONS] PATH | URL | -',
    description: 'Build an image from a Dockerfile',
    flags: [
      { long: 'tag', short: 't', kind: 'string', help: 'Name and optionally a tag in the "name:tag" format' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Suppress the build output and print image ID on success' },
      { long: 'file', short: 'f', kind: 'string', help: "Name of the Dockerfile (Default is 'PATH/Dockerfile')" },
      { long: 'no-cache', kind: 'bool', help: 'Do not use cache when building the image' },
      { long: 'build-arg', kind: 'list', help: 'Set build-time variables' },
      { long: 'target', kind: 'string', help: 'Set the target build stage to build' },
      { long: 'network', kind: 'string', help: 'Set the networking mode for the RUN instructions during build', refuse: 'networking is outside the storage model' },
    ],
  },
  run(ctx, p) {
    const legacy = ctx.profile.builder === 'legacy';
    const where = p.args[0]!;
    const tag = flagString(p, 'tag');
    if (tag !== undefined) {
      const problem = referenceProblem(tag, ctx.profile.client !== '20.10');
      if (problem) {
        const why = problem.kind === 'uppercase' ? 'repository name must be lowercase' : 'invalid reference format';
        if (legacy) {
          errOut(ctx, `invalid argument "${tag}" for "-t, --tag" flag: ${problem.kind === 'uppercase' ? `invalid reference format: ${why}` : why}\nSee 'docker build --help'.\n`);
          return 125;
        }
        return buildxError(ctx, `invalid tag "${tag}": ${why}`);
      }
    }
    const buildArgs: Record<string, string> = {};
    for (const a of flagList(p, 'build-arg')) {
      const eq = a.indexOf('=');
      // `--build-arg KEY` takes the client's environment, which strata does not have.
      if (eq < 0) return refusal(ctx, 'strata does not simulate `--build-arg KEY` without a value (it reads the client environment)');
      buildArgs[a.slice(0, eq)] = a.slice(eq + 1);
    }
    const fs = hostFs(ctx.st);
    let dockerfile: string;
    let context: { fs: typeof fs; dir: string } | undefined;
    const fileFlag = flagString(p, 'file');
    if (where === '-') dockerfile = ctx.io.stdin;
    else {
      const dir = normalize(join(ctx.cwd, where));
      if (!fs.exists(dir)) {
        const msg = `unable to prepare context: path "${where}" not found`;
        if (legacy) {
          errOut(ctx, msg + '\n');
          return 1;
        }
        return buildxError(ctx, msg);
      }
      context = { fs, dir };
      const file = fileFlag !== undefined ? normalize(join(ctx.cwd, fileFlag)) : normalize(join(dir, 'Dockerfile'));
      try {
        dockerfile = fs.readFile(file);
      } catch {
        if (legacy) {
          errOut(ctx, `unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${file}: no such file or directory\n`);
          return 1;
        }
        return buildxError(ctx, `failed to solve: failed to read dockerfile: open ${fileFlag ?? 'Dockerfile'}: no such file or directory`);
      }
    }
    // The buildx CLI strata reproduces is the oracle's, which adds `--network=none` to every
    // `docker buildx build` (shared/oracle/start-engine.sh, its wrapper), so that RUN steps run on
    // its bridge-less daemon. On a normal install that changes nothing strata shows (RUN steps
    // reach no network either way); a stock buildx on a `--bridge=none` daemon would fail them
    // with `network bridge not found` (image/build/builder.ts runNetwork), which compose shows.
    const r = build(ctx.st, ctx.profile, { dockerfile, context, tag, buildArgs, target: flagString(p, 'target'), network: 'none' }, ctx.events);
    const quiet = flagBool(p, 'quiet');
    if (!r.ok) {
      if (r.refused) return refusal(ctx, r.error);
      // With -q the CLI prints the buffered build log to stderr only when the build fails.
      if (legacy) errOut(ctx, r.log);
      errOut(ctx, r.error + '\n');
      return r.status;
    }
    if (quiet) out(ctx, `sha256:${r.imageId}\n`);
    else out(ctx, r.log);
    return 0;
  },
};
