// The content hash the legacy builder writes into a COPY/ADD history row (`COPY file:<hex> in /app/`),
// which `docker history` shows cut to 45 characters, so its first hex digits are seen as they are.
//
// moby builder/dockerfile/copy.go (20.10): calcCopyInfo gives a file `"file:" + source.Hash(path)`
// and a directory `hashStringSlice("dir", subfiles)`: the sha256 of the sorted hashes of every
// entry below it (walkSource: the directory itself too, unless it is the context's root), joined
// by `,`; several sources are `hashStringSlice("multi", ...)` of their hashes in source order
// (getSourceHashFromInfos). One entry's hash is a tarsum v1 hash (pkg/tarsum WriteV1Header): the
// sha256 of the tar header fields name, mode, uid, gid, size, typeflag, linkname, uname, gname,
// devmajor, devminor (each its key then its value, no mtime), then a regular file's content.
// Source.Hash follows a symlink to what it names (remotecontext normalize), so a link hashes as
// its target, under the target's name.
//
// - The context (remotecontext.FromArchive): the sums of the tar the CLI sent, whose headers are
//   root's (uid/gid 0, the CLI's ChownOpts) without user or group names; a directory's name ends
//   in `/`. A path the tar does not hold hashes as the path itself ("backwards compat").
// - A stage or an image (remotecontext lazySource, NewFileHash): archive.FileInfoHeader of the
//   file in the daemon's view, with the owner's names looked up on the daemon's host; an entry
//   that cannot be read is left out of a directory's list.
//
// The mode is the permission and set-ID bits with the file type's bits (archive
// fillGo18FileTypeBits: 0100644 for a regular file). All of it checked against the recorded
// truncated hashes of builds/realworld-history-hashes (a file, an empty one, an executable, a
// subdirectory, the whole context, a wildcard, several sources, a symlink, a stage's file and
// directories owned by uid 1 / gid 2) and builds/realworld-multistage-scratch.

import type { Vfs } from '../../fs/vfs.ts';
import { sha256Hex } from '../../engine/ids.ts';

/** Where the sources are: a tree under `root` in `fs`, the context's (minus `hidden`) or a stage's. */
export interface HashSource {
  fs: Vfs;
  root: string;
  fromStage: boolean;
  /** A context entry .dockerignore leaves out of the tar ('' is the root). */
  hidden: (rel: string) => boolean;
}

/**
 * The names a Debian 12 host (the oracle's) gives to owners by number: base-passwd's static
 * users and groups (the same rows as catalog/debian/files/etc/passwd and group). Go's os/user
 * lookup in the daemon, for a stage's files (recorded: uid 1 `daemon`, gid 2 `bin`).
 */
const HOST_USERS: Readonly<Record<number, string>> = {
  0: 'root', 1: 'daemon', 2: 'bin', 3: 'sys', 4: 'sync', 5: 'games', 6: 'man', 7: 'lp', 8: 'mail', 9: 'news', 10: 'uucp',
  13: 'proxy', 33: 'www-data', 34: 'backup', 38: 'list', 39: 'irc', 42: '_apt', 65534: 'nobody',
};
const HOST_GROUPS: Readonly<Record<number, string>> = {
  0: 'root', 1: 'daemon', 2: 'bin', 3: 'sys', 4: 'adm', 5: 'tty', 6: 'disk', 7: 'lp', 8: 'mail', 9: 'news', 10: 'uucp',
  12: 'man', 13: 'proxy', 15: 'kmem', 20: 'dialout', 21: 'fax', 22: 'voice', 24: 'cdrom', 25: 'floppy', 26: 'tape',
  27: 'sudo', 29: 'audio', 30: 'dip', 33: 'www-data', 34: 'backup', 37: 'operator', 38: 'list', 39: 'irc', 40: 'src',
  42: 'shadow', 43: 'utmp', 44: 'video', 45: 'sasl', 46: 'plugdev', 50: 'staff', 60: 'games', 100: 'users', 65534: 'nogroup',
};

/** File type bits of a tar header's mode (Go archive/tar c_ISREG, c_ISDIR). */
const TYPE_BITS = { file: 0o100000, dir: 0o40000 } as const;

/** The path `rel` (no leading `/`; '' the root) names once every symlink is followed, or undefined when it is not there. */
function resolved(src: HashSource, rel: string): string | undefined {
  const path = `${src.root}/${rel}`;
  if (!src.fs.exists(path)) return undefined;
  const real = src.fs.realpath(path);
  const base = src.root === '' ? '/' : src.fs.realpath(src.root);
  if (real === base) return '';
  if (!real.startsWith(base === '/' ? '/' : `${base}/`)) return undefined;
  return real.slice(base === '/' ? 1 : base.length + 1);
}

/** One entry's tarsum (hex), Source.Hash(rel); undefined where the daemon skips it. */
function entryHash(src: HashSource, rel: string): string | undefined {
  const target = resolved(src, rel);
  if (target === undefined || (!src.fromStage && src.hidden(target))) return src.fromStage ? undefined : rel;
  const path = `${src.root}/${target}`;
  const s = src.fs.stat(path);
  const kind = s.kind === 'dir' ? 'dir' : 'file';
  const uid = src.fromStage ? s.uid : 0;
  const gid = src.fromStage ? s.gid : 0;
  const uname = src.fromStage ? (HOST_USERS[uid] ?? '') : '';
  const gname = src.fromStage ? (HOST_GROUPS[gid] ?? '') : '';
  const size = kind === 'file' ? s.size : 0;
  const header =
    `name${target}${kind === 'dir' ? '/' : ''}mode${TYPE_BITS[kind] | (s.mode & 0o7777)}uid${uid}gid${gid}size${size}` +
    `typeflag${kind === 'dir' ? '5' : '0'}linkname` + `uname${uname}gname${gname}devmajor0devminor0`;
  return sha256Hex(header + (kind === 'file' && size > 0 ? src.fs.readFile(path) : ''));
}

/** Every entry below `rel` (itself first unless it is the root), as filepath.Walk visits them: symlinks not followed. */
function walk(src: HashSource, rel: string, out: string[]): void {
  if (rel !== '') out.push(rel);
  const path = `${src.root}/${rel}`;
  if (src.fs.lstat(path).kind !== 'dir') return;
  for (const name of src.fs.readdir(path)) walk(src, rel === '' ? name : `${rel}/${name}`, out);
}

function hashList(prefix: string, hashes: readonly string[]): string {
  return `${prefix}:${sha256Hex(hashes.join(','))}`;
}

/** One source's `file:` or `dir:` hash (copier.calcCopyInfo). */
export function legacySourceHash(src: HashSource, rel: string): string {
  const target = resolved(src, rel);
  const isDir = target !== undefined && src.fs.stat(`${src.root}/${target}`).kind === 'dir';
  if (!isDir) return `file:${entryHash(src, rel) ?? ''}`;
  const entries: string[] = [];
  walk(src, target, entries);
  // (what .dockerignore leaves out is not in the context's tar; an exception below it is)
  const sums = entries.filter((r) => src.fromStage || !src.hidden(r)).map((r) => entryHash(src, r)).filter((h): h is string => h !== undefined);
  return hashList('dir', sums.sort());
}

/** The history row's name for all the sources of one step (getSourceHashFromInfos). */
export function legacySourcesHash(hashes: readonly string[]): string {
  return hashes.length === 1 ? hashes[0]! : hashList('multi', hashes);
}
