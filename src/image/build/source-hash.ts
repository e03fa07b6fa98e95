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
// Source.Hash follows a symlink to what it names inside the context or stage (remotecontext
// normalize: ResolveScopedPath), so a link hashes as its target, under the target's name; a
// symlink loop makes Hash fail, and walkSource leaves the entry out of a directory's list.
//
// - The context (remotecontext.FromArchive, archiveContext.Hash): the sums of the tar the CLI
//   sent, whose headers are root's (uid/gid 0, the CLI's ChownOpts) without user or group names;
//   a directory's name ends in `/`. A path the tar does not hold (dangling, or left out by
//   .dockerignore) hashes as the path asked for ("backwards compat").
// - A stage or an image (remotecontext lazySource, NewFileHash): archive.FileInfoHeader of the
//   file in the daemon's view, with the owner's names looked up on the daemon's host; a regular
//   file's content is read only when its size is not 0 (prepareHash). A path that is not there
//   (a dangling link) hashes as the path it leads to (lazySource.Hash's Lstat failure).
//
// The mode is the permission and set-ID bits with the file type's bits (archive
// fillGo18FileTypeBits: 0100644 for a regular file). All of it checked against the recorded
// truncated hashes of builds/realworld-history-hashes (a file, an empty one, an executable, a
// subdirectory, the whole context, a wildcard, several sources, a symlink, a stage's file and
// directories owned by uid 1 / gid 2), builds/realworld-multistage-scratch and
// builds/history-hash-links (directories holding symlinks: above the root, absolute, dangling, to
// a .dockerignore'd file, leaving the context, a loop; in the context and in a stage).

import type { Stat, Vfs } from '../../fs/vfs.ts';
import { sha256Hex } from '../../engine/ids.ts';
import { followInScope, TooManyLinks } from '../../fs/follow-in-scope.ts';
import { HOST_GROUPS, HOST_USERS } from '../../archive/owner-names.ts';

/** Where the sources are: a tree under `root` in `fs`, the context's (minus `hidden`) or a stage's. */
export interface HashSource {
  fs: Vfs;
  root: string;
  fromStage: boolean;
  /** A context entry .dockerignore leaves out of the tar ('' is the root); never true in a stage. */
  hidden: (rel: string) => boolean;
}

/** File type bits of a tar header's mode (Go archive/tar c_ISREG, c_ISDIR). */
const TYPE_BITS = { file: 0o100000, dir: 0o40000 } as const;

/**
 * What `rel` (no leading `/`; '' the root) leads to: its path inside the source's root as moby's
 * normalize resolves it (containerfs ResolveScopedPath, pkg/symlink FollowSymlinkInScope: every
 * symlink followed, an absolute target or a `..` above the root starting again at the root, a
 * missing part kept as it is), with its stat, undefined when the source does not hold it (not
 * there, or left out of the context's tar by .dockerignore); undefined for a loop. Recorded:
 * builds/history-hash-links (context links to `../../a.conf` and to `/a.conf` hash as the
 * context's a.conf; a loop is left out of a directory's list).
 */
function lookup(src: HashSource, rel: string): { target: string; stat: Stat | undefined } | undefined {
  let target: string;
  try {
    target = followInScope({ lstat: (p) => src.fs.lstat(`${src.root}${p}`) }, `/${rel}`).slice(1);
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: followInScope throws nothing else (it reads with lstat and catches its errors)
    if (e instanceof TooManyLinks) return undefined;
    throw e;
  }
  const path = `${src.root}/${target}`;
  return { target, stat: src.fs.exists(path) && !src.hidden(target) ? src.fs.stat(path) : undefined };
}

/**
 * One entry's tarsum (hex), Source.Hash(rel); undefined where walkSource leaves it out (a loop).
 * What the source does not hold hashes as a path: the context's archiveContext.Hash gives the
 * path asked for, a stage's lazySource.Hash the path it leads to (recorded:
 * builds/history-hash-links, a stage's dangling link).
 */
function entryHash(src: HashSource, rel: string): string | undefined {
  const at = lookup(src, rel);
  if (at === undefined) return undefined;
  const { target, stat: s } = at;
  if (s === undefined) return src.fromStage ? target : rel;
  const path = `${src.root}/${target}`;
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
  const at = lookup(src, rel);
  // (only a loop has no hash, and a single source that loops fails before: copy.ts's present, as moby's StatAt does)
  if (at?.stat?.kind !== 'dir') return `file:${entryHash(src, rel)!}`;
  const entries: string[] = [];
  walk(src, at.target, entries);
  // (what .dockerignore leaves out is not in the context's tar; an exception below it is)
  const sums = entries.filter((r) => !src.hidden(r)).map((r) => entryHash(src, r)).filter((h): h is string => h !== undefined);
  return hashList('dir', sums.sort());
}

/** The history row's name for all the sources of one step (getSourceHashFromInfos). */
export function legacySourcesHash(hashes: readonly string[]): string {
  return hashes.length === 1 ? hashes[0]! : hashList('multi', hashes);
}
