// Writing tar entries into a file system: moby's pkg/archive Untar with NoOverwriteDirNonDir
// (docker cp into a container or onto the host, docker import's layer).

import type { Vfs } from '../fs/vfs.ts';
// Untar's missing parents: idtools.MkdirAllAndChownNew(path, 0755, root).
import { mkdirAll } from '../fs/mkdir-all.ts';
import type { TarEntry } from './tar.ts';
import { goClean, isWithin, normalize } from '../fs/path.ts';
import { FsError } from '../fs/errors.ts';
import { placeholderListingRefusal } from '../fs/node.ts';

export class ExtractError extends Error {}

/**
 * An existing non-directory the archive replaces cannot be removed because something is mounted
 * on it (a single-file bind): os.RemoveAll's `unlinkat` error, whose path is the parent
 * directory joined to the name with a separator (so `//b.txt` under `/`).
 */
export class UnlinkBusyError extends Error {
  constructor(readonly path: string) {
    super(`unlinkat ${path}: device or resource busy`);
  }
}

export interface ExtractOptions {
  /** Apply the entries' uid/gid (the daemon does; the CLI extracting on the host does not: NoLchown). */
  chown: boolean;
}

/**
 * archive.Untar with NoOverwriteDirNonDir into the existing directory `dest`. Errors name paths
 * as the extraction sees them: the daemon unpacks chrooted into the container's root (moby
 * pkg/chrootarchive), so inside the container (recorded: cp/cp-clash-in-container).
 */
export function extractEntries(fs: Vfs, dest: string, entries: TarEntry[], opts: ExtractOptions): void {
  const under = (name: string): string => normalize(`${dest}/${name}`);
  // moby pkg/archive Unpack: a directory's times are set after every entry is made, since making
  // an entry in it sets its mtime to now (archive/tar-times, both engines)
  const dirTimes: { path: string; mtime: number }[] = [];
  for (const e of entries) {
    const clean = normalize(`/${e.name}`);
    if (clean === '/') {
      // the `.` entry: the destination itself, left as it is (a server's directory's unknown files still land in it)
      if (e.placeholder === true) carryUnknown(fs, dest, true);
      continue;
    }
    const path = under(e.name);
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!fs.exists(parent)) mkdirAll(fs, parent);
    // Unpack's breakout check on the name, after it made the parent: the cleaned name joined to
    // the destination must stay below it (`docker cp - c:/tmp` of a `../x` member: recorded,
    // cp/pci-cp-stdin-escapes, both engines)
    if (!isWithin(path, dest)) throw new ExtractError(`"${goClean(e.name)}" is outside of "${dest}"`);
    let existing: ReturnType<Vfs['lstat']> | undefined;
    try {
      existing = fs.lstat(path);
    } catch {
      existing = undefined;
    }
    if (existing !== undefined) {
      const isDir = existing.kind === 'dir';
      if (isDir && e.type !== 'dir') throw new ExtractError(`cannot overwrite directory "${path}" with non-directory "${dest}"`);
      if (!isDir && e.type === 'dir') throw new ExtractError(`cannot overwrite non-directory "${path}" with directory "${dest}"`);
      if (!isDir) {
        try {
          fs.unlink(path);
        } catch (err) {
          if (err instanceof FsError && err.code === 'EBUSY') throw new UnlinkBusyError(`${path.slice(0, path.lastIndexOf('/')) || '/'}/${path.slice(path.lastIndexOf('/') + 1)}`);
          throw err;
        }
      }
    }
    if (e.type === 'dir') {
      if (existing === undefined) fs.mkdir(path, e.mode);
      fs.chmod(path, e.mode);
      if (e.placeholder === true) carryUnknown(fs, path, existing !== undefined);
    } else if (e.type === 'symlink') {
      // createTarFile's breakout check: the link's target, joined to the link's directory, must
      // start with the extraction directory, a plain string prefix (moby v20.10.24 and v26.1
      // pkg/archive/archive.go, TypeSymlink). An absolute target is joined too, so it always
      // passes; `../x` fails unless the destination is `/` (recorded: cp/pci-cp-breakout, both
      // directions, both engines). Entries before it stay extracted.
      const linkname = e.linkname ?? '';
      if (!normalize(`${path.slice(0, path.lastIndexOf('/'))}/${linkname}`).startsWith(dest)) {
        throw new ExtractError(`invalid symlink "${path}" -> "${linkname}"`);
      }
      fs.symlink(linkname, path);
    } else if (e.type === 'file') {
      fs.writeFile(path, e.data ?? '', { placeholder: e.placeholder === true, placeholderId: e.placeholderId });
      fs.chmod(path, e.mode);
    } else if (e.type === 'hardlink') {
      // archive.createTarFile: os.Link to the member already extracted; it has its metadata.
      // The same breakout check as for symlinks, on the target joined to the extraction directory.
      const target = under(e.linkname ?? '');
      if (!target.startsWith(dest)) throw new ExtractError(`invalid hardlink "${target}" -> "${e.linkname ?? ''}"`);
      fs.link(target, path);
      continue;
    } else if (e.type === 'fifo') {
      // archive.createTarFile: mknod of S_IFIFO with the member's mode (docker cp of a FIFO,
      // recorded: fs/fifo-in-writable-layer), then its owner and times as for any member
      fs.mkfifo(path, e.mode);
      fs.chmod(path, e.mode);
    } else {
      // Devices do not occur in what strata's file systems hold.
      continue;
    }
    if (opts.chown) fs.chown(path, e.uid, e.gid, true);
    // createTarFile: Chtimes, and for a symlink LUtimesNano, its own time (recorded:
    // shell/symlink-times)
    if (e.type === 'dir') dirTimes.push({ path, mtime: e.mtime });
    else fs.utimes(path, e.mtime, { noFollow: e.type === 'symlink' });
  }
  for (const d of dirTimes) fs.utimes(d.path, d.mtime);
}

/**
 * A server's directory extracted (TarEntry.placeholder) gets the files strata does not know at
 * `path`, as the real extraction makes them there: only into a directory with no names yet (made
 * by the extraction, or found empty), where none can meet a name already there; elsewhere refused
 * by name (Vfs.markCopyIncomplete refuses too where one could fail to be made).
 */
function carryUnknown(fs: Vfs, path: string, existed: boolean): void {
  if (existed && fs.readdir(path).length > 0) throw placeholderListingRefusal(path);
  fs.markCopyIncomplete(path);
}
