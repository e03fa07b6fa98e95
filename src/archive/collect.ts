// Walking a file system into tar entries, as moby's pkg/archive TarWithOptions does (docker cp,
// docker export, docker save).

import type { Vfs } from '../fs/vfs.ts';
import type { TarEntry } from './tar.ts';

/**
 * The entries of `path` and everything below it. A file that is not a directory (a symlink too)
 * with more than one link whose inode was already archived is a hard-link entry naming the first
 * member (moby's pkg/archive tarAppender.addTarFile: `if !fi.IsDir() && hasHardlinks(fi)`, then
 * `SeenFiles[inode]`, TypeLink with size 0): hardlinks/tar-and-cp probe, and a hard-linked
 * symlink in hardlinks/symlink-links-across-mounts. `seen` is shared by the entries of one archive.
 * With `carry` (an archive extracted into a file system again: docker cp to a path), a server's
 * files strata does not know are collected marked (Vfs.entriesToCopy, readToCopy;
 * TarEntry.placeholder), for extractEntries to carry on; without, as a stream whose bytes show,
 * they are refused as readdir and readFile refuse them.
 */
export function collectEntries(fs: Vfs, path: string, name: string, seen = new Map<string, string>(), carry = false): TarEntry[] {
  const st = fs.lstat(path);
  // A socket is left out: Go's archive/tar FileInfoHeader refuses it (`sockets not supported`),
  // and moby/go-archive's Tarballer logs addTarFile's error and goes on (archive.go). So docker cp
  // of a socket copies nothing and exits 0 (`-`: an empty archive), and docker cp or export of
  // its directory has everything else (recorded: fs/socket-in-writable-layer).
  if (st.kind === 'socket') return [];
  const base = { mode: st.mode, uid: st.uid, gid: st.gid, mtime: st.mtime };
  if (st.kind === 'dir') {
    const listed = carry ? fs.entriesToCopy(path) : { names: fs.readdir(path), incomplete: false };
    const out: TarEntry[] = [{ ...base, name, type: 'dir', ...(listed.incomplete ? { placeholder: true as const } : {}) }];
    // the root itself is named `/` (docker cp C:/), its members `/bin`, not `//bin`
    for (const child of listed.names.sort()) out.push(...collectEntries(fs, `${path === '/' ? '' : path}/${child}`, `${name === '/' ? '' : name}/${child}`, seen, carry));
    return out;
  }
  if (st.ino !== undefined && (st.nlink ?? 1) > 1) {
    const key = `${st.mount}\0${st.ino}`;
    const first = seen.get(key);
    if (first !== undefined) return [{ ...base, name, type: 'hardlink', linkname: first }];
    seen.set(key, name);
  }
  if (st.kind === 'symlink') return [{ ...base, name, type: 'symlink', linkname: st.target ?? '' }];
  // a FIFO is an entry of its own, no data (Go's archive/tar FileInfoHeader: TypeFifo), kept by
  // docker cp, export and commit (recorded: fs/fifo-in-writable-layer)
  if (st.kind === 'fifo') return [{ ...base, name, type: 'fifo' }];
  if (!carry) return [{ ...base, name, type: 'file', data: fs.readFile(path) }];
  const read = fs.readToCopy(path);
  return [{ ...base, name, type: 'file', data: read.data, ...(read.placeholder ? { placeholder: true as const } : {}), ...(read.placeholderId !== undefined ? { placeholderId: read.placeholderId } : {}) }];
}
