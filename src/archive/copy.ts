// docker cp's naming rules: moby's pkg/archive copy.go, which both CLIs use on their side and the
// daemon uses on its side. PrepareArchiveCopy decides the extraction directory and whether the
// archive's top entry is renamed (copying X to a missing path renames it, to an existing
// directory nests it).

import type { TarEntry } from './tar.ts';
import { normalize } from '../fs/path.ts';

/** `path` ends with `/.` or is `.` (archive.specifiesCurrentDir). */
export function specifiesCurrentDir(path: string): boolean {
  // filepath.Base("") is "." too: an empty path asserts a directory (cp/cp-empty-path)
  return path === '' || path === '.' || path.endsWith('/.');
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

/**
 * archive.RebaseArchiveEntries: the first occurrence of `from` in each name becomes `to`; an old
 * base `/` (the root's archive) is the empty string, so `to` is put before every name.
 */
export function rebaseEntries(entries: TarEntry[], fromBase: string, to: string): TarEntry[] {
  const from = fromBase === '/' ? '' : fromBase;
  return entries.map((e) => {
    const renamed = { ...e, name: e.name.replace(from, to) };
    if (e.type === 'hardlink' && e.linkname !== undefined) renamed.linkname = e.linkname.replace(from, to);
    return renamed;
  });
}
