// docker cp: copy between the host and a container's file system, through the container's
// mounts (a path under a volume or bind reads/writes the volume, even on a container that never
// started; tmpfs paths see a private empty tmpfs). `-` streams a tar archive.

import type { DockerCommand } from '../../command.ts';
import type { DockerContext } from '../../context.ts';
import { daemonError, errOut } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { containerFs, hostFs } from '../../../container/runtime-fs.ts';
import type { Vfs } from '../../../fs/vfs.ts';
import { FsError } from '../../../fs/errors.ts';
import { basename, join, normalize } from '../../../fs/path.ts';
import { createTar, readTar, type TarEntry } from '../../../archive/tar.ts';
import { collectEntries, writeEntries } from './tar-io.ts';

export const cp: DockerCommand = {
  spec: {
    path: 'cp',
    usage: 'docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
    description: 'Copy files/folders between a container and the local filesystem',
    flags: [
      { long: 'archive', short: 'a', kind: 'bool', help: 'Archive mode (copy all uid/gid information)' },
      { long: 'follow-link', short: 'L', kind: 'bool', help: 'Always follow symbol link in SRC_PATH' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' },
    ],
  },
  run(ctx, p) {
    const [src, dst] = p.args;
    if (src === undefined || dst === undefined) {
      errOut(ctx, '"docker cp" requires exactly 2 arguments.\n');
      return 1;
    }
    const split = (s: string) => {
      const i = s.indexOf(':');
      return i > 0 && !s.startsWith('/') && !s.startsWith('.') ? { ref: s.slice(0, i), path: s.slice(i + 1) } : undefined;
    };
    const from = split(src);
    const to = split(dst);
    if ((from && to) || (!from && !to)) {
      errOut(ctx, 'copying between containers is not supported\n');
      return 1;
    }
    const ref = (from ?? to)!.ref;
    const c = findContainer(ctx.st, ref);
    if (!c) return daemonError(ctx, `No such container: ${ref}`);
    const cfs = containerFs(ctx.st, c, { createMountpoints: true, privateTmpfs: true });
    const host = hostFs(ctx.st);
    try {
      if (from) return copyOut(ctx, cfs, normalize(join('/', from.path)), host, dst);
      return copyIn(ctx, host, src, cfs, normalize(join('/', to!.path)), c.hostConfig.ReadonlyRootfs);
    } catch (e) {
      if (e instanceof FsError) {
        if (e.code === 'EROFS') return daemonError(ctx, 'mounted volume is marked read-only');
        return daemonError(ctx, `Could not find the file ${e.path} in container ${ref}`);
      }
      throw e;
    }
  },
};

function copyOut(ctx: DockerContext, cfs: Vfs, path: string, host: Vfs, dst: string): number {
  if (!cfs.exists(path)) return daemonError(ctx, `Could not find the file ${path} in container`);
  const entries = collectEntries(cfs, path, basename(path));
  if (dst === '-') {
    ctx.io.stdout(createTar(entries));
    return 0;
  }
  const target = normalize(join(ctx.cwd, dst));
  writeEntries(host, entries, target, basename(path));
  return 0;
}

function copyIn(ctx: DockerContext, host: Vfs, src: string, cfs: Vfs, path: string, readonlyRoot: boolean): number {
  let entries: TarEntry[];
  let name: string;
  if (src === '-') {
    entries = readTar(ctx.io.stdin);
    name = '';
  } else {
    const from = normalize(join(ctx.cwd, src));
    if (!host.exists(from)) {
      errOut(ctx, `lstat ${from}: no such file or directory\n`);
      return 1;
    }
    name = basename(from);
    entries = collectEntries(host, from, name);
  }
  try {
    writeEntries(cfs, entries, path, name);
  } catch (e) {
    if (e instanceof FsError && e.code === 'EROFS') {
      return daemonError(ctx, readonlyRoot && cfs.stat(path.split('/').slice(0, 2).join('/') || '/').mount === '/' ? 'container rootfs is marked read-only' : 'mounted volume is marked read-only');
    }
    throw e;
  }
  return 0;
}
