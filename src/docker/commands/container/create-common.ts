// What `docker run` and `docker create` share: option parsing, image lookup, the daemon's
// create, and the CLI's error framing for each failure.

import { flagList, type ParsedArgs } from '../../args.ts';
import { fromBytes } from '../../../fs/bytes.ts';
import { join, normalize } from '../../../fs/path.ts';
import { hostFs } from '../../../container/runtime-fs.ts';
import type { DockerContext } from '../../context.ts';
import { daemonError, flagError, runError } from '../../errors.ts';
import { createOptions } from './options.ts';
import { findImage } from '../../../image/store.ts';
import { createContainer } from '../../../container/create.ts';
import { DaemonError } from '../../../container/errors.ts';
import type { Container } from '../../../engine/state.ts';

export const PULL_REFUSED = 'Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused';

export function createFromCli(
  ctx: DockerContext,
  p: ParsedArgs,
  command: 'run' | 'create',
  usage: string,
  autoRemove: boolean,
): Container | number {
  const opts = createOptions(p, ctx.profile, ctx.cwd);
  if (!opts.ok) {
    if ('flagError' in opts) return flagError(ctx, opts.flagError, command, usage);
    return runError(ctx, opts.clientError, command, { daemon: false });
  }
  // --env-file (docker/cli opts.ParseEnvFile): KEY=VALUE lines as written, comments and blank
  // lines skipped; the file's variables come before -e ones.
  const fileEnv: string[] = [];
  for (const file of flagList(p, 'env-file')) {
    let text: string;
    try {
      text = fromBytes(hostFs(ctx.st).readFile(normalize(join(ctx.cwd, file))));
    } catch {
      return flagError(ctx, `open ${file}: no such file or directory`, command, usage);
    }
    for (const raw of text.split('\n')) {
      const line = raw.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      if (line.includes('=')) fileEnv.push(line);
    }
  }
  opts.req.env = [...fileEnv, ...opts.req.env];
  const [ref, ...cmd] = p.args as [string, ...string[]];
  const image = findImage(ctx.st, ref);
  if (!image) {
    ctx.io.stderr(`Unable to find image '${ref.includes(':') ? ref : ref + ':latest'}' locally\n`);
    return runError(ctx, PULL_REFUSED, command);
  }
  try {
    return createContainer(ctx.st, { ...opts.req, imageId: image.id, imageRef: ref, cmd, autoRemove }, ctx.events);
  } catch (e) {
    // `docker run` frames daemon errors as `docker: ...` (exit 125); `docker create` prints
    // them as any other command does (exit 1).
    if (e instanceof DaemonError) return command === 'run' ? runError(ctx, e.message, command) : daemonError(ctx, e.message);
    throw e;
  }
}
