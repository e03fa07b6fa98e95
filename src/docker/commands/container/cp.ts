// docker cp: copy between the host and a container's file system, through the container's
// mounts (a path under a volume or bind reads/writes the volume, even on a container that never
// started; a path under a tmpfs reads/writes the writable layer beneath it). `-` streams a tar
// archive.
//
// The work is split as in docker/cli cp.go and moby's archive endpoints: the CLI stats the
// destination (HEAD /archive), builds or reads the archive, decides the extraction directory
// and renames (PrepareArchiveCopy), and the daemon resolves that directory, checks read-only
// mounts and the read-only rootfs, then extracts. Error texts follow whichever side fails, and
// the 20.10 client rewrites any 404 of the archive endpoints as `No such container:path: C:P`.

import type { DockerCommand } from '../../command.ts';
import type { DockerContext } from '../../context.ts';
import { errOut, refusal } from '../../errors.ts';
import { rfc3339 } from '../../views/time.ts';
import { findContainer } from '../../../container/lookup.ts';
import { containerFs, hostFs, mergedPath } from '../../../container/runtime-fs.ts';
import { MountTypeError } from '../../../container/errors.ts';
import type { Container } from '../../../engine/state.ts';
import type { Stat, Vfs } from '../../../fs/vfs.ts';
import { type Errno, FsError, goErrorText } from '../../../fs/errors.ts';
import { dirname, isWithin, join, normalize } from '../../../fs/path.ts';
import { createTar, readTar, TarFormatError, type TarEntry } from '../../../archive/tar.ts';
import { collectEntries } from '../../../archive/collect.ts';
import { withOwnerNames } from '../../../archive/owner-names.ts';
import { type CopyInfo, hasTrailingSlash, prepareArchiveCopy, rebaseEntries, specifiesCurrentDir, splitPathDirEntry } from '../../../archive/copy.ts';
import { ExtractError, UnlinkBusyError, extractEntries } from '../../../archive/untar.ts';
import { followInScope, TooManyLinks } from '../../../fs/follow-in-scope.ts';

export const cp: DockerCommand = {
  spec: {
    path: 'cp',
    args: { min: 2, max: 2 },
    usage: 'docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
    description: 'Copy files/folders between a container and the local filesystem',
    flags: [
      // -a chowns what is copied in to the container's configured user, which the daemon looks up
      // in its *host's* passwd database, then with the host's `getent` (moby
      // daemon/archive_tarcopyoptions_unix.go tarCopyOptions -> idtools.LookupUser): recorded,
      // `-u 2000:3000` fails with `getent unable to find entry` on 20.10 and `unable to find
      // getent command` on 26.1. That depends on the machine the daemon runs on, so it is refused
      // (in copyToContainer). Without a configured user tarCopyOptions returns the default
      // options, as without -a: the archive's owners are kept. Copies out ignore it (only
      // PUT /archive takes copyUIDGID).
      { long: 'archive', short: 'a', kind: 'bool', help: 'Archive mode (copy all uid/gid information)' },
      { long: 'follow-link', short: 'L', kind: 'bool', help: 'Always follow symbol link in SRC_PATH' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' },
    ],
  },
  run(ctx, p) {
    const [src, dst] = p.args as [string, string];
    const from = splitCpArg(src);
    const to = splitCpArg(dst);
    if (from && to) return fail(ctx, 'copying between containers is not supported');
    if (!from && !to) return fail(ctx, 'must specify at least one container source');
    // The archive endpoints refuse an empty path before looking the container up (moby
    // api/server/httputils/form.go ArchiveFormValues, badParameterError; recorded: cp/cp-empty-path)
    if (from && from.path === '') return fail(ctx, 'Error response from daemon: bad parameter: pathcannot be empty');
    const follow = p.flags['follow-link'] === true;
    if (from) return copyFromContainer(ctx, from.ref, from.path, dst, follow);
    if (p.flags.archive === true) {
      const c = findContainer(ctx.st, to!.ref);
      if (c !== undefined && (c.config.User ?? '') !== '') {
        return refusal(ctx, "strata does not simulate `--archive` for a container with a configured user (the daemon resolves the container's user in its host's passwd database)");
      }
    }
    return copyToContainer(ctx, src, to!.ref, to!.path, follow);
  },
};

/** cli splitCpArg: `C:P` unless the argument is an absolute path or starts with `.`. */
function splitCpArg(arg: string): { ref: string; path: string } | undefined {
  if (arg.startsWith('/')) return undefined;
  const i = arg.indexOf(':');
  if (i < 0 || arg.slice(0, i).startsWith('.') || i === 0) return undefined;
  return { ref: arg.slice(0, i), path: arg.slice(i + 1) };
}

/** Every CLI-side error: printed as is, exit 1. */
function fail(ctx: DockerContext, text: string): number {
  errOut(ctx, `${text}\n`);
  return 1;
}

/** A daemon 404 of the archive endpoints, as each client reports it. */
function notFound(ctx: DockerContext, ref: string, path: string, c: Container | undefined): number {
  if (ctx.profile.client === '20.10') return fail(ctx, `Error: No such container:path: ${ref}:${path}`);
  if (!c) return fail(ctx, `Error response from daemon: No such container: ${ref}`);
  return fail(ctx, `Error response from daemon: Could not find the file ${path} in container ${ref}`);
}

function daemonFail(ctx: DockerContext, msg: string): number {
  return fail(ctx, `Error response from daemon: ${msg}`);
}

/**
 * A failure of the daemon's unpacking of the archive itself (a stream that is no tar, a busy
 * mount point, a directory clash): 20.10 unpacks in a re-executed `docker-untar` and wraps what
 * it printed (EngineProfile.untarReexec, moby pkg/chrootarchive archive_unix.go invokeUnpack).
 */
function unpackFail(ctx: DockerContext, msg: string): number {
  return daemonFail(ctx, (ctx.profile.untarReexec ? 'Error processing tar file(exit status 1): ' : '') + msg);
}

/** The path inside the container as the daemon takes it: absolute, trailing `/` or `/.` kept. */
function containerPath(path: string): string {
  const abs = normalize(join('/', path));
  if (specifiesCurrentDir(path)) return abs === '/' ? '/.' : `${abs}/.`;
  if (hasTrailingSlash(path) && abs !== '/') return `${abs}/`;
  return abs;
}

/**
 * container.ResolvePath + StatPath: every element but the last is followed; the last too when
 * the path asserts a directory (trailing `/` or `/.`), and then it must be one. A symlink's
 * target is the path evaluated to its end in the container's scope (StatPath's
 * GetResourcePath(absPath)), and a loop there fails the stat (recorded: fs/symlink-loop, where
 * the CLI then takes `docker cp f ctr:/loop1` as a copy to a missing /loop1).
 */
function daemonStat(cfs: Vfs, path: string): Stat {
  const assertsDir = hasTrailingSlash(path) || specifiesCurrentDir(path);
  const st = assertsDir ? cfs.stat(path) : cfs.lstat(path);
  if (assertsDir && st.kind !== 'dir') throw new FsError('ENOTDIR', path);
  if (notInDaemonView(cfs, path, st)) throw new FsError('ENOENT', path);
  return st.kind === 'symlink' ? { ...st, target: followInScope(daemonView(cfs), path) } : st;
}

/** What the daemon's link evaluation sees: below /proc, /sys and /dev nothing (`-L` of /etc/mtab, cp-symlinks). */
function daemonView(cfs: Vfs): Pick<Vfs, 'lstat'> {
  return {
    lstat: (p) => {
      const st = cfs.lstat(p);
      if (RUNTIME_ONLY.includes(st.mount) && normalize(p) !== st.mount) throw new FsError('ENOENT', p);
      return st;
    },
  };
}

/** Runtime-only file systems: the daemon's copy mounts volumes, binds and network files, not these. */
const RUNTIME_ONLY = ['/proc', '/sys', '/dev'];

/**
 * True for a path below /proc, /sys or /dev: the daemon's view of the container for docker cp
 * (rootfs + mount points) has only the empty directories there (`-L` of /etc/mtab finds no
 * /proc/mounts: cp-symlinks).
 */
function notInDaemonView(cfs: Vfs, path: string, st: Stat): boolean {
  if (!RUNTIME_ONLY.includes(st.mount)) return false;
  const parent = splitPathDirEntry(path).dir;
  return tryStat(() => cfs.stat(parent))?.mount === st.mount || normalize(path) !== st.mount;
}

function tryStat(f: () => Stat): Stat | undefined {
  try {
    return f();
  } catch (e) {
    // the CLI takes a failed stat as a path that is not there (a loop too: TooManyLinks)
    if (e instanceof FsError || e instanceof TooManyLinks) return undefined;
    throw e;
  }
}

function openContainer(ctx: DockerContext, c: Container): Vfs | string {
  try {
    return containerFs(ctx.st, c, { createMountpoints: true, withoutTmpfs: true, withoutNetworkFiles: c.state.startedAt === 0, withoutRuntimeFs: true });
  } catch (e) {
    if (!(e instanceof MountTypeError)) throw e;
    return ctx.profile.cpMountError === 'mount'
      ? `mount ${e.source}:${mergedPath(c, e.target)}, flags: 0x5000: not a directory`
      : `mkdir ${e.target.replace(/^\/+/, '')}: not a directory`;
  }
}

function copyFromContainer(ctx: DockerContext, ref: string, rawSrc: string, dst: string, follow: boolean): number {
  const host = hostFs(ctx.st);
  const dstPath = dst === '-' ? '-' : hostPath(ctx, dst);
  if (dstPath !== '-') {
    // command.ValidateOutputPath: the parent must exist; then os.Stat(path) fails for anything
    // but a missing path: `stat $PWD/f/: not a directory` for a trailing `/` or `/.` on a file
    // (recorded: cp/cp-host-errors)
    const parent = dirname(normalize(dstPath));
    if (statError(host, parent) === 'ENOENT') return fail(ctx, `invalid output path: directory "${parent}" does not exist`);
    const err = statError(host, dstPath);
    if (err !== undefined && err !== 'ENOENT') return fail(ctx, `stat ${dstPath}: ${goErrorText(err)}`);
  }
  const c = findContainer(ctx.st, ref);
  const opened = c ? openContainer(ctx, c) : undefined;
  if (typeof opened === 'string') return fail(ctx, `Error response from daemon: ${opened}`);
  const cfs = opened;
  let srcPath = rawSrc;
  let rebaseName: string | undefined;
  if (follow && cfs) {
    // The CLI stats the source and follows one symlink itself, keeping the asked-for name.
    const st = tryStat(() => daemonStat(cfs, containerPath(srcPath)));
    if (st?.kind === 'symlink') {
      const target = st.target ?? '';
      const linkTarget = target.startsWith('/') ? normalize(target) : normalize(join(splitPathDirEntry(containerPath(srcPath)).dir, target));
      const r = getRebaseName(srcPath, linkTarget);
      srcPath = r.resolved;
      rebaseName = r.rebaseName;
    }
  }
  if (!c || !cfs) return notFound(ctx, ref, srcPath, c);
  const abs = containerPath(srcPath);
  // 20.10 resolves the path as container.ResolvePath does (moby container/archive.go): the part
  // up to the last `/` in the container's scope, the rest appended as asked; errors name that host
  // path (`/lf/` with /lf a link to /data/f is `merged/data/f/`, fs/trailing-slash)
  const cut = abs.lastIndexOf('/') + 1;
  let hostDir = abs.slice(0, cut);
  const tooMany = (e: TooManyLinks): number => daemonFail(ctx, `evalSymlinksInScope: too many links in ${ctx.profile.cpInNamespace ? e.path : mergedPath(c, e.path)}`);
  if (!ctx.profile.cpInNamespace) {
    try {
      hostDir = followInScope(cfs, hostDir);
    } catch (e) {
      if (e instanceof TooManyLinks) return tooMany(e);
      throw e;
    }
  }
  let st: Stat;
  try {
    st = daemonStat(cfs, abs);
  } catch (e) {
    // a loop at the path itself: StatPath's evaluation of the link (both engines, fs/symlink-loop)
    if (e instanceof TooManyLinks) return tooMany(e);
    if (!(e instanceof FsError)) throw e;
    // 26.1 lstats in the container's mount namespace, where the kernel meets a loop on the way
    if (e.code === 'ELOOP' && ctx.profile.cpInNamespace) return daemonFail(ctx, `lstat ${abs}: too many levels of symbolic links`);
    if (e.code !== 'ENOTDIR') return notFound(ctx, ref, srcPath, c);
    // Not a 404: the daemon's own lstat error, on the host path (20.10) or the container path (26.1).
    const shown = ctx.profile.cpInNamespace ? abs : mergedPath(c, `${hostDir === '/' ? '' : hostDir}/${abs.slice(cut)}`);
    return daemonFail(ctx, `lstat ${shown}: not a directory`);
  }
  // The daemon names the archive's entries after the last element asked for: the root's are
  // `/`, `/.dockerenv`, `/bin/` (TarResourceRebase to Base("/"); recorded: cp/cp-root).
  const { base } = splitPathDirEntry(abs);
  const real = st.kind === 'dir' ? cfs.realpath(abs) : abs;
  // to a path, a server's files strata does not know are carried marked (collectEntries); as a
  // stream (`-`) their bytes would show: refused by name
  let entries = collectEntries(cfs, real === '/' && st.kind === 'dir' ? '/' : st.kind === 'dir' ? real : abs, base, undefined, dstPath !== '-');
  if (dstPath === '-') {
    // the names only show in the stream: the CLI extracts by uid and gid
    ctx.io.stdout(createTar(withOwnerNames(ctx.profile, cfs, entries), { typeBits: ctx.profile.tarTypeBits }));
    ctx.events.push({ type: 'copied-from-container', container: c.id, name: c.name, path: abs, to: '-' });
    return 0;
  }
  if (rebaseName) entries = rebaseEntries(entries, base, rebaseName);
  const srcInfo: CopyInfo = { path: srcPath, exists: true, isDir: st.kind === 'dir', rebaseName };
  const dstInfo = hostDestinationInfo(host, dstPath);
  if (typeof dstInfo === 'string') return fail(ctx, dstInfo);
  const prepared = prepareArchiveCopy(srcInfo, dstInfo);
  if (!prepared.ok) return fail(ctx, prepared.error);
  const moved = prepared.rename ? rebaseEntries(entries, prepared.rename.from, prepared.rename.to) : entries;
  try {
    // archive.Untar cleans its destination: errors name `$PWD/out`, not `$PWD/out/` (cp-host-errors)
    extractEntries(host, normalize(prepared.dstDir), moved, { chown: false });
  } catch (e) {
    if (e instanceof ExtractError) return fail(ctx, e.message);
    throw e;
  }
  ctx.events.push({ type: 'copied-from-container', container: c.id, name: c.name, path: abs, to: normalize(prepared.dstDir) });
  return 0;
}

/** The errno of os.Stat(path), undefined when it succeeds; a trailing `/` or `/.` asserts a directory. */
function statError(fs: Vfs, path: string): Errno | undefined {
  try {
    const st = fs.stat(normalize(path));
    if (st.kind !== 'dir' && (hasTrailingSlash(path) || specifiesCurrentDir(path))) return 'ENOTDIR';
    return undefined;
  } catch (e) {
    if (e instanceof FsError) return e.code;
    if (e instanceof TooManyLinks) return 'ELOOP';
    throw e;
  }
}

/** archive.GetRebaseName: the name to keep when the CLI followed a symlink for -L. */
function getRebaseName(path: string, resolved: string): { resolved: string; rebaseName?: string } {
  let r = resolved;
  if (specifiesCurrentDir(path) && !specifiesCurrentDir(r)) r += '/.';
  if (hasTrailingSlash(path) && !hasTrailingSlash(r)) r += '/';
  const b = (s: string): string => splitPathDirEntry(s.startsWith('/') ? s : `/${s}`).base;
  return { resolved: r, rebaseName: b(path) !== b(r) ? b(path) : undefined };
}

/** The host path a CLI argument names (relative to the scenario's working directory). */
function hostPath(ctx: DockerContext, arg: string): string {
  const abs = join(ctx.cwd, arg);
  // filepath.Abs cleans the path but the CLI keeps a trailing separator or `/.` (they assert a directory).
  const clean = normalize(abs);
  if (specifiesCurrentDir(arg)) return clean === '/' ? '/.' : `${clean}/.`;
  if (hasTrailingSlash(arg)) return clean === '/' ? '/' : `${clean}/`;
  return clean;
}

/** archive.CopyInfoDestinationPath: follow symlinks at the destination; the parent must exist. */
function hostDestinationInfo(host: Vfs, path: string): CopyInfo | string {
  let cur = path;
  for (let n = 0; ; n++) {
    const st = tryStat(() => host.lstat(cur));
    if (st === undefined) break;
    if (st.kind !== 'symlink') return { path: cur, exists: true, isDir: st.kind === 'dir' };
    if (n > 10) return `too many symlinks in ${path}`;
    const target = st.target ?? '';
    cur = target.startsWith('/') ? target : normalize(join(splitPathDirEntry(cur).dir, target));
  }
  const parent = splitPathDirEntry(cur).dir;
  const pst = tryStat(() => host.stat(parent));
  if (pst === undefined) return `stat ${parent}: no such file or directory`;
  if (pst.kind !== 'dir') return 'not a directory';
  return { path: cur, exists: false, isDir: false };
}

function copyToContainer(ctx: DockerContext, src: string, ref: string, rawDst: string, follow: boolean): number {
  const host = hostFs(ctx.st);
  const c = findContainer(ctx.st, ref);
  const opened = c ? openContainer(ctx, c) : undefined;
  if (typeof opened === 'string') return fail(ctx, `Error response from daemon: ${opened}`);
  const cfs = opened;

  // The CLI stats the destination; a symlink there is followed once, relative to its parent.
  let dstPath = rawDst;
  // an empty path: the CLI's stat of it fails (400), so it is taken as missing
  let dstStat = cfs && dstPath !== '' ? tryStat(() => daemonStat(cfs, containerPath(dstPath))) : undefined;
  if (cfs && dstStat?.kind === 'symlink') {
    const target = dstStat.target ?? '';
    dstPath = target.startsWith('/') ? target : normalize(join(splitPathDirEntry(containerPath(dstPath)).dir, target));
    dstStat = tryStat(() => daemonStat(cfs, containerPath(dstPath)));
  }
  if (dstStat !== undefined && dstStat.kind !== 'dir' && dstStat.kind !== 'file' && dstStat.kind !== 'symlink') {
    return fail(ctx, `destination "${ref}:${rawDst}" must be a directory or a regular file: got a device`);
  }
  const dstInfo: CopyInfo = { path: dstPath, exists: dstStat !== undefined, isDir: dstStat?.kind === 'dir' };

  let entries: TarEntry[];
  let dstDir: string;
  if (src === '-') {
    if (!dstInfo.isDir) return fail(ctx, `destination "${ref}:${rawDst}" must be a directory`);
    try {
      entries = readTar(ctx.io.stdin);
    } catch (e) {
      if (e instanceof TarFormatError) return unpackFail(ctx, 'unexpected EOF');
      throw e;
    }
    dstDir = dstInfo.path;
  } else {
    const source = hostSource(host, hostPath(ctx, src), follow);
    if (typeof source === 'string') return fail(ctx, source);
    const prepared = prepareArchiveCopy(source.info, dstInfo);
    if (!prepared.ok) {
      // The 28.2 CLI has already started writing the archive into the request pipe; closing it
      // makes the tar goroutine log two errors (cp-both-directions, trailing `/` onto a file).
      if (ctx.profile.client === '28.2') {
        errOut(ctx, `time="${rfc3339(ctx.st.clock)}" level=error msg="Can't add file ${source.info.path} to tar: io: read/write on closed pipe"\n`);
        errOut(ctx, `time="${rfc3339(ctx.st.clock)}" level=error msg="Can't close tar writer: io: read/write on closed pipe"\n`);
      }
      return fail(ctx, prepared.error);
    }
    entries = prepared.rename ? rebaseEntries(source.entries, prepared.rename.from, prepared.rename.to) : source.entries;
    dstDir = prepared.dstDir;
  }
  if (!c || !cfs) return notFound(ctx, ref, dstDir, c);
  return extractInContainer(ctx, c, cfs, ref, dstDir, entries);
}

/** archive.CopyInfoSourcePath + TarResource: the host source as archive entries. */
function hostSource(host: Vfs, path: string, follow: boolean): { info: CopyInfo; entries: TarEntry[] } | string {
  // ResolveHostSourcePath: with -L the whole path is evaluated, else the part up to its last `/`
  // (the rest appended as given); filepath.EvalSymlinks words its own errors
  let resolved: string;
  let rebaseName: string | undefined;
  if (follow) {
    const r = evalSymlinks(host, path);
    if (typeof r !== 'string') return r.error;
    const g = getRebaseName(path, r);
    resolved = g.resolved;
    rebaseName = g.rebaseName;
  } else {
    const cut = path.lastIndexOf('/') + 1;
    const dir = evalSymlinks(host, path.slice(0, cut));
    if (typeof dir !== 'string') return dir.error;
    const base = path.slice(cut);
    resolved = `${dir === '/' ? '' : dir}/${base}`;
    if (hasTrailingSlash(path) && splitPathDirEntry(path).base !== splitPathDirEntry(resolved).base) rebaseName = splitPathDirEntry(path).base;
  }
  // os.Lstat(resolvedPath): a trailing `/` follows a link to a directory
  let st: Stat;
  try {
    st = hasTrailingSlash(resolved) || specifiesCurrentDir(resolved) ? host.stat(resolved) : host.lstat(resolved);
    if (st.kind !== 'dir' && (hasTrailingSlash(resolved) || specifiesCurrentDir(resolved))) throw new FsError('ENOTDIR', resolved);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return `lstat ${resolved}: ${goErrorText(e.code)}`;
  }
  // TarResourceRebase names the top entry after the followed link's own name when there is one.
  const name = rebaseName ?? splitPathDirEntry(resolved).base;
  const entries = collectEntries(host, st.kind === 'dir' ? host.realpath(resolved) : resolved, name, undefined, true);
  return { info: { path: resolved, exists: true, isDir: st.kind === 'dir', rebaseName }, entries };
}

/**
 * Go's filepath.EvalSymlinks (walkSymlinks) on the path as given: each element is lstat-ed
 * after the links before it were replaced by their targets, so a dangling link fails on its
 * target (`lstat /nonexistent: no such file or directory`), and a file that is not the last
 * element (a trailing `/` counts) is ENOTDIR, worded `not a directory` (recorded: cp/cp-host-errors).
 */
function evalSymlinks(fs: Vfs, input: string): string | { error: string } {
  let path = input;
  let dest = '/';
  let links = 0;
  for (let start = 1, end = 1; start < path.length; start = end) {
    while (start < path.length && path[start] === '/') start++;
    end = start;
    while (end < path.length && path[end] !== '/') end++;
    const part = path.slice(start, end);
    if (part === '' || part === '.') continue;
    if (part === '..') {
      dest = dest.slice(0, dest.lastIndexOf('/')) || '/';
      continue;
    }
    dest = dest === '/' ? `/${part}` : `${dest}/${part}`;
    let st: Stat;
    try {
      st = fs.lstat(dest);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      return { error: `lstat ${dest}: ${goErrorText(e.code)}` };
    }
    if (st.kind !== 'symlink') {
      if (st.kind !== 'dir' && end < path.length) return { error: goErrorText('ENOTDIR') };
      continue;
    }
    if (++links > 255) return { error: 'EvalSymlinks: too many links' };
    const link = st.target ?? '';
    path = link + path.slice(end);
    if (link.startsWith('/')) {
      dest = '/';
      end = 1;
    } else {
      dest = dest.slice(0, dest.lastIndexOf('/')) || '/';
      end = 0;
    }
  }
  return normalize(dest);
}

/** The daemon's containerExtractToDir. */
function extractInContainer(ctx: DockerContext, c: Container, cfs: Vfs, ref: string, dstDir: string, entries: TarEntry[]): number {
  const abs = containerPath(dstDir);
  // The extraction point is resolved with every symlink followed, the last one included; a loop
  // fails there: 20.10's GetResourcePath (moby pkg/symlink), 26.1's filepath.EvalSymlinks in the
  // container's mount namespace (recorded: fs/symlink-loop)
  try {
    followInScope(cfs, abs, ctx.profile.cpInNamespace ? 'links' : 'steps');
  } catch (e) {
    if (!(e instanceof TooManyLinks)) throw e;
    return daemonFail(ctx, ctx.profile.cpInNamespace ? 'EvalSymlinks: too many links' : `evalSymlinksInScope: too many links in ${mergedPath(c, e.path)}`);
  }
  const st = tryStat(() => cfs.stat(abs));
  if (!st) return notFound(ctx, ref, dstDir, c);
  if (st.kind !== 'dir') return daemonFail(ctx, 'extraction point is not a directory');
  const real = cfs.realpath(abs);
  // checkIfPathIsInAVolume: a path at or under a mount point (volumes and binds; `--tmpfs`
  // mounts are not mount points) is judged by that mount; any other by the rootfs flag.
  const mount = c.mounts
    .filter((m) => m.type !== 'tmpfs' && isWithin(real, m.destination))
    .sort((a, b) => b.destination.length - a.destination.length)[0];
  if (mount && !mount.rw) return daemonFail(ctx, 'mounted volume is marked read-only');
  if (!mount && c.hostConfig.ReadonlyRootfs) return daemonFail(ctx, 'container rootfs is marked read-only');
  try {
    extractEntries(cfs, real, entries, { chown: true });
  } catch (e) {
    if (e instanceof ExtractError || e instanceof UnlinkBusyError) return unpackFail(ctx, e.message);
    if (e instanceof FsError && e.code === 'EROFS') return daemonFail(ctx, 'mounted volume is marked read-only');
    throw e;
  }
  ctx.events.push({ type: 'copied-to-container', container: c.id, name: c.name, path: real });
  return 0;
}


