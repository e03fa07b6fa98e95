// Walking a file system into tar entries and writing entries back, with docker cp's naming
// rules. The rules are moby's pkg/archive copy.go, which both CLIs use on their side and the
// daemon uses on its side: PrepareArchiveCopy decides the extraction directory and whether the
// archive's top entry is renamed (copying X to a missing path renames it, to an existing
// directory nests it), and Untar with NoOverwriteDirNonDir extracts.

import type { Vfs } from '../../../fs/vfs.ts';
// Untar's missing parents: idtools.MkdirAllAndChownNew(path, 0755, root).
import { mkdirAll } from '../../../fs/mkdir-all.ts';
import type { TarEntry } from '../../../archive/tar.ts';
import { normalize } from '../../../fs/path.ts';
import { FsError } from '../../../fs/errors.ts';

/**
 * The entries of `path` and everything below it. A regular file with more than one link whose
 * inode was already archived is a hard-link entry naming the first member (moby's tarAppender:
 * `SeenFiles[inode]`, TypeLink with size 0): hardlinks/tar-and-cp probe. `seen` is shared by
 * the entries of one archive.
 */
export function collectEntries(fs: Vfs, path: string, name: string, seen = new Map<string, string>()): TarEntry[] {
  const st = fs.lstat(path);
  const base = { mode: st.mode, uid: st.uid, gid: st.gid, mtime: st.mtime };
  if (st.kind === 'dir') {
    const out: TarEntry[] = [{ ...base, name, type: 'dir' }];
    for (const child of fs.readdir(path).sort()) out.push(...collectEntries(fs, `${path === '/' ? '' : path}/${child}`, `${name}/${child}`, seen));
    return out;
  }
  if (st.kind === 'symlink') return [{ ...base, name, type: 'symlink', linkname: st.target ?? '' }];
  if (st.kind === 'file' && st.ino !== undefined && (st.nlink ?? 1) > 1) {
    const key = `${st.mount}\0${st.ino}`;
    const first = seen.get(key);
    if (first !== undefined) return [{ ...base, name, type: 'hardlink', linkname: first }];
    seen.set(key, name);
  }
  return [{ ...base, name, type: 'file', data: fs.readFile(path) }];
}

/** `path` ends with `/.` or is `.` (archive.specifiesCurrentDir). */
export function specifiesCurrentDir(path: string): boolean {
  return path === '.' || path.endsWith('/.');
}

/** archive.hasTrailingPathSeparator. */
export function hasTrailingSlash(path: string): boolean {
  return path.length > 0 && path.endsWith('/');
}

/**
 * archive.SplitPathDirEntry on an absolute path: the cleaned parent and last element, where a
 * path naming "the current directory" (`dir/.`) keeps `.` as its last element.
 */
export function splitPathDirEntry(path: string): { dir: string; base: string } {
  let cleaned = normalize(path);
  if (specifiesCurrentDir(path)) cleaned = cleaned === '/' ? '/.' : `${cleaned}/.`;
  const i = cleaned.lastIndexOf('/');
  return { dir: i === 0 ? '/' : cleaned.slice(0, i), base: cleaned.slice(i + 1) || '/' };
}

export interface CopyInfo {
  /** The path as the side that owns it sees it (trailing `/` or `/.` kept: they assert a directory). */
  path: string;
  exists: boolean;
  isDir: boolean;
  /** Name the archive's top entry must get (a followed symlink keeps the name asked for). */
  rebaseName?: string;
}

export type Prepared = { ok: true; dstDir: string; rename?: { from: string; to: string } } | { ok: false; error: string };

/** archive.PrepareArchiveCopy: where to extract and how to rename the top entry. */
export function prepareArchiveCopy(src: CopyInfo, dst: CopyInfo): Prepared {
  const d = splitPathDirEntry(dst.path);
  const srcBase = src.rebaseName || splitPathDirEntry(src.path).base;
  if (dst.exists && dst.isDir) return { ok: true, dstDir: dst.path };
  if (dst.exists && src.isDir) return { ok: false, error: 'cannot copy directory' };
  if (dst.exists || src.isDir) return { ok: true, dstDir: d.dir, rename: { from: srcBase, to: d.base } };
  if (hasTrailingSlash(dst.path) || specifiesCurrentDir(dst.path)) return { ok: false, error: 'no such directory' };
  return { ok: true, dstDir: d.dir, rename: { from: srcBase, to: d.base } };
}

/** archive.RebaseArchiveEntries: the first occurrence of `from` in each name becomes `to`. */
export function rebaseEntries(entries: TarEntry[], from: string, to: string): TarEntry[] {
  return entries.map((e) => {
    const renamed = { ...e, name: e.name.replace(from, to) };
    if (e.type === 'hardlink' && e.linkname !== undefined) renamed.linkname = e.linkname.replace(from, to);
    return renamed;
  });
}

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
  /** How an extraction path is shown in "cannot overwrite" errors (a host path on the daemon side). */
  shownPath: (path: string) => string;
}

/** archive.Untar with NoOverwriteDirNonDir into the existing directory `dest`. */
export function extractEntries(fs: Vfs, dest: string, entries: TarEntry[], opts: ExtractOptions): void {
  const under = (name: string): string => normalize(`${dest}/${name}`);
  for (const e of entries) {
    const clean = normalize(`/${e.name}`);
    if (clean === '/') continue; // the `.` entry: the destination itself, left as it is
    const path = under(e.name);
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!fs.exists(parent)) mkdirAll(fs, parent);
    let existing: ReturnType<Vfs['lstat']> | undefined;
    try {
      existing = fs.lstat(path);
    } catch {
      existing = undefined;
    }
    if (existing !== undefined) {
      const isDir = existing.kind === 'dir';
      if (isDir && e.type !== 'dir') throw new ExtractError(`cannot overwrite directory "${opts.shownPath(path)}" with non-directory "${opts.shownPath(dest)}"`);
      if (!isDir && e.type === 'dir') throw new ExtractError(`cannot overwrite non-directory "${opts.shownPath(path)}" with directory "${opts.shownPath(dest)}"`);
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
    } else if (e.type === 'symlink') {
      fs.symlink(e.linkname ?? '', path);
    } else if (e.type === 'file') {
      fs.writeFile(path, e.data ?? '');
      fs.chmod(path, e.mode);
    } else if (e.type === 'hardlink') {
      // archive.createTarFile: os.Link to the member already extracted; it has its metadata
      fs.link(under(e.linkname ?? ''), path);
      continue;
    } else {
      // Devices and fifos do not occur in what strata's file systems hold.
      continue;
    }
    if (opts.chown) fs.chown(path, e.uid, e.gid, true);
    if (e.type !== 'symlink') fs.utimes(path, e.mtime);
  }
}


