// What `docker run` and `docker create` share: option parsing, image lookup, the daemon's
// create, and the CLI's error framing for each failure.

import { flagList, flagString, type ParsedArgs } from '../../args.ts';
import type { DockerContext } from '../../context.ts';
import { daemonError, flagError, refusal, runError } from '../../errors.ts';
import { createOptions } from './options.ts';
import { clientEnv, readEnvFiles } from './env-file.ts';
import { logrusLine } from '../../../compose/format/progress.ts';
import { noSuchImage } from '../../../image/store.ts';
import { localImageFor, platformMismatch } from '../../../container/platform.ts';
import { formatPullMessages, pullImage } from '../../../image/pull.ts';
import { familiarRef } from '../../../image/catalog/index.ts';
import { createContainer, validateMounts } from '../../../container/create.ts';
import { DaemonError, DaemonNotFound } from '../../../container/errors.ts';
import type { Container } from '../../../engine/state.ts';

/** `--pull` values (docker/cli cli/command/container/create.go). */
const PULL_POLICIES = ['always', 'missing', 'never'];

/** Pull before creating, printing the progress on stderr (create.go pullImage); an error, or undefined. */
function pullForCreate(ctx: DockerContext, ref: string): string | undefined {
  const r = pullImage(ctx.st, ctx.profile, ref, ctx.events);
  ctx.io.stderr(formatPullMessages(r.messages, ctx.io.outTerminal?.stderr === true));
  return r.ok ? undefined : r.error;
}

export function createFromCli(
  ctx: DockerContext,
  p: ParsedArgs,
  command: 'run' | 'create',
  usage: string,
  autoRemove: boolean,
  /** The CLI's checks between parsing and the create request (run's TTY check, --platform); an exit status stops. */
  beforeCreate?: () => number | undefined,
): Container | number {
  // the CLI's flag parsing logs its warnings as it goes (docker/cli opts/mount.go logrus.Warn)
  const opts = createOptions(p, ctx.profile, ctx.cwd, (msg) => ctx.io.stderr(logrusLine(ctx.st.clock, 'warning', msg)));
  if (!opts.ok) {
    if ('flagError' in opts) return flagError(ctx, opts.flagError, command, usage);
    if ('refused' in opts) return refusal(ctx, opts.refused);
    return runError(ctx, opts.clientError, command, { daemon: false });
  }
  // --env-file: the file's variables come before -e ones (env-file.ts). The CLI reads the files in
  // parse() (docker/cli cli/command/container/opts.go, ReadKVEnvStrings), so a missing one is
  // reported as every parse error is (run.go/create.go: reportError(..., withHelp=true), exit
  // 125 whatever the message): `docker: open missing.env: no such file or directory.` and `See
  // 'docker run --help'.` (20.10), no period and `Run 'docker run --help' for more information`
  // (28.2). Recorded: tutorials/pt-env-mistakes.
  const fileEnv = readEnvFiles(ctx, flagList(p, 'env-file'));
  if (!Array.isArray(fileEnv)) {
    runError(ctx, fileEnv.error, command, { daemon: false });
    return 125;
  }
  opts.req.env = [...fileEnv, ...clientEnv(ctx, opts.req.env)];
  const [ref, ...cmd] = p.args as [string, ...string[]];
  // --pull (create.go): the 28.2 CLI validates the value first; the 20.10 CLI does not, and pulls
  // only for "always" and "missing".
  const policy = flagString(p, 'pull') ?? 'missing';
  if (ctx.profile.client !== '20.10' && !PULL_POLICIES.includes(policy)) {
    return runError(ctx, `invalid pull option: '${policy}': must be one of "always", "missing" or "never"`, command, { daemon: false });
  }
  const early = beforeCreate?.();
  if (early !== undefined) return early;
  // `docker run` frames daemon errors as `docker: ...` (exit 125); `docker create` prints them
  // as any other command does (exit 1).
  const fail = (msg: string): number => (command === 'run' ? runError(ctx, msg, command) : daemonError(ctx, msg));
  if (policy === 'always') {
    const error = pullForCreate(ctx, ref);
    if (error) return fail(error);
  }
  // The daemon checks --mount entries before it looks for the image: a bad one fails without a pull.
  try {
    validateMounts(ctx.st, opts.req.mounts);
  } catch (e) {
    if (e instanceof DaemonError) return fail(e.message);
    throw e;
  }
  // An image of another platform than `--platform` asks for is not the local image (container/platform.ts).
  let image = localImageFor(ctx.st, ref, opts.req.platform);
  if (!image) {
    if (policy !== 'missing') return fail(platformMismatch(ctx.st, ref, opts.req.platform) ?? noSuchImage(ref));
    ctx.io.stderr(`Unable to find image '${familiarRef(ref)}' locally\n`);
    const error = pullForCreate(ctx, ref);
    if (error) return fail(error);
    image = localImageFor(ctx.st, ref, opts.req.platform);
    if (!image) return fail(platformMismatch(ctx.st, ref, opts.req.platform) ?? noSuchImage(ref));
  }
  try {
    try {
      return createContainer(ctx.st, { ...opts.req, imageId: image.id, imageRef: ref, cmd, autoRemove }, ctx.events);
    } catch (e) {
      // docker/cli create.go createContainer: a 404 from the create is taken for a missing image
      // when the reference is a name (not an ID): pull, then send the same create again, whose
      // error is the one shown.
      if (!(e instanceof DaemonNotFound) || /^(sha256:)?[0-9a-f]{64}$/.test(ref)) throw e;
      ctx.io.stderr(`Unable to find image '${familiarRef(ref)}' locally\n`);
      const error = pullForCreate(ctx, ref);
      if (error) return fail(error);
      image = localImageFor(ctx.st, ref, opts.req.platform);
      if (!image) return fail(platformMismatch(ctx.st, ref, opts.req.platform) ?? noSuchImage(ref));
      return createContainer(ctx.st, { ...opts.req, imageId: image.id, imageRef: ref, cmd, autoRemove }, ctx.events);
    }
  } catch (e) {
    // `docker run` frames daemon errors as `docker: ...` (exit 125); `docker create` prints
    // them as any other command does (exit 1).
    if (e instanceof DaemonError) return command === 'run' ? runError(ctx, e.message, command) : daemonError(ctx, e.message);
    throw e;
  }
}
