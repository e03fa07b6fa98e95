// docker pull (docker/cli cli/command/image/pull.go): `Using default tag: latest` when the
// reference has none, the daemon's progress stream as a non-terminal shows it
// (jsonmessage.Display: no progress bars), then the fully qualified reference. The registry is
// the catalog of stand-in images (src/image/pull.ts).

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagString } from '../../args.ts';
import { daemonError, errOut, out, refusal } from '../../errors.ts';
import { formatPullMessages, pullImage, qualifiedRef } from '../../../image/pull.ts';
import { referenceMessage, referenceProblem } from '../../../image/reference.ts';

export const pull: DockerCommand = {
  spec: {
    path: 'pull',
    args: { min: 1, max: 1 },
    usage: 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]',
    description: 'Download an image from a registry',
    legacyDescription: 'Pull an image or a repository from a registry',
    flags: [
      { long: 'all-tags', short: 'a', kind: 'bool', help: 'Download all tagged images in the repository' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Suppress verbose output' },
      { long: 'platform', kind: 'string', help: 'Set platform if server is multi-platform capable' },
      { long: 'disable-content-trust', kind: 'bool', help: 'Skip image verification' },
    ],
  },
  run(ctx, p) {
    const ref = p.args[0]!;
    const problem = referenceProblem(ref, ctx.profile.client !== '20.10');
    if (problem) {
      errOut(ctx, `${referenceMessage(problem, ctx.profile.client !== '20.10')}\n`);
      return 1;
    }
    const platform = flagString(p, 'platform');
    if (platform !== undefined && platform !== 'linux/amd64' && platform !== 'linux') {
      return refusal(ctx, `strata does not simulate \`--platform ${platform}\` (the stand-in images are linux/amd64 only)`);
    }
    if (flagBool(p, 'all-tags')) {
      // docker/cli image/pull.go checks this before asking the daemon.
      if (/:[^/]*$/.test(ref)) {
        errOut(ctx, "tag can't be used with --all-tags/-a\n");
        return 1;
      }
      return refusal(ctx, 'strata does not simulate `docker pull --all-tags` (the catalog of stand-in images is not a registry with every tag)');
    }
    if (ref.includes('@')) return refusal(ctx, 'strata does not simulate pulls by digest');
    const quiet = flagBool(p, 'quiet');
    if (!/:[^/]*$/.test(ref) && !quiet) out(ctx, 'Using default tag: latest\n');
    const r = pullImage(ctx.st, ctx.profile, ref, ctx.events);
    if (!quiet) out(ctx, formatPullMessages(r.messages, ctx.io.outTerminal?.stdout === true));
    if (!r.ok) return daemonError(ctx, r.error);
    out(ctx, `${qualifiedRef(ref)}\n`);
    return 0;
  },
};
